using System.Globalization;

namespace Dailyfeed.Bench.Social;

/// <summary>socfb-Reed98: 962 members, 18,812 undirected friendships, each followed in both directions.</summary>
public sealed record Reed98Graph(int Members, IReadOnlyList<(int A, int B)> Edges)
{
    public static Reed98Graph Load(string repositoryRoot)
    {
        // Shipped in the repository (bench/datasets/socfb-Reed98, with its source and licence), so a plain clone runs the bench.
        var path = Path.Combine(repositoryRoot, "bench", "datasets", "socfb-Reed98", "socfb-Reed98.edges");
        var edges = File.ReadLines(path)
            .Where(line => line.Length > 0 && char.IsDigit(line[0]))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(parts => (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture)))
            .ToList();
        return new Reed98Graph(edges.Max(e => Math.Max(e.Item1, e.Item2)) + 1, edges);
    }

    /// <summary>Followers of each member (everyone they are friends with).</summary>
    public IReadOnlyList<int>[] Followers()
    {
        var followers = Enumerable.Range(0, Members).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in Edges)
        {
            followers[a].Add(b);
            followers[b].Add(a);
        }

        return followers;
    }
}
