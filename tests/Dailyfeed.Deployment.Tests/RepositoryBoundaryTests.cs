using System.Diagnostics;
using System.Text.RegularExpressions;
using Shouldly;

namespace Dailyfeed.Deployment.Tests;

/// <summary>
/// A plain clone must build, test and benchmark on its own: no file may reach above the repository root (the build
/// machines' shared folders are not part of what users clone).
/// </summary>
public sealed partial class RepositoryBoundaryTests
{
    /// <summary>Generated files, and this file, whose examples of escaping paths are what the check looks for.</summary>
    private static readonly string[] NotScanned = ["package-lock.json", "Gateway.Api/wwwroot/", $"{nameof(RepositoryBoundaryTests)}.cs"];

    [Fact]
    public void No_tracked_file_refers_to_a_path_above_the_repository_root()
    {
        var escapes = new List<string>();
        foreach (var file in TrackedTextFiles())
        {
            var folder = Path.GetDirectoryName(Repository.PathOf(file))!;
            var text = File.ReadAllText(Repository.PathOf(file));
            escapes.AddRange(RelativePath().Matches(text)
                .Where(m => !IsInsideRoot(Path.GetFullPath(Path.Combine(folder, m.Value))))
                .Select(m => $"{file}: {m.Value}"));
            escapes.AddRange(ParentOfRoot().Matches(text).Select(m => $"{file}: {m.Value}"));
        }

        escapes.ShouldBeEmpty();
    }

    [Fact]
    public void The_benchmark_graph_ships_with_its_source_and_licence()
    {
        var edges = File.ReadLines(Repository.PathOf("bench/datasets/socfb-Reed98/socfb-Reed98.edges")).Count(l => l.Length > 0 && char.IsDigit(l[0]));
        edges.ShouldBe(18_812);
        var note = File.ReadAllText(Repository.PathOf("bench/datasets/socfb-Reed98/README.md"));
        note.ShouldContain("Network Repository");
        note.ShouldContain("Creative Commons Attribution-ShareAlike");
    }

    [Theory]
    [InlineData("", "../shared/datasets/x.edges", false)]
    [InlineData("tests/web-e2e", "../../../outside", false)]
    [InlineData("tests/web-e2e/tests", "../lib/app.mjs", true)]
    public void The_check_itself_tells_inside_from_outside(string fileFolder, string reference, bool inside)
    {
        var folder = Path.GetFullPath(Repository.PathOf(fileFolder));
        IsInsideRoot(Path.GetFullPath(Path.Combine(folder, RelativePath().Match(reference).Value))).ShouldBe(inside);
        ParentOfRoot().IsMatch("""Path.Combine(repositoryRoot, "..", "shared")""").ShouldBeTrue();
    }

    private static bool IsInsideRoot(string fullPath) =>
        fullPath == Repository.Root || fullPath.StartsWith(Repository.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> TrackedTextFiles()
    {
        var git = Process.Start(new ProcessStartInfo("git", "ls-files -z")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("git could not be started");
        var listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        git.ExitCode.ShouldBe(0, "git ls-files lists the repository's files");
        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => !NotScanned.Any(f.Contains) && File.Exists(Repository.PathOf(f)) && IsText(Repository.PathOf(f)));
    }

    private static bool IsText(string path)
    {
        using var stream = File.OpenRead(path);
        var head = new byte[Math.Min(8000, stream.Length)];
        stream.ReadExactly(head);
        return !head.Contains((byte)0);
    }

    /// <summary>"../" steps and what follows them, as scripts, documents and imports write relative paths.</summary>
    [GeneratedRegex(@"(\.\./)+[\w.\-/]*")]
    private static partial Regex RelativePath();

    /// <summary>Code that climbs from the repository root, e.g. Path.Combine(repositoryRoot, "..", ...).</summary>
    [GeneratedRegex("""root\w*\s*,\s*"\.\."|root\w*\s*\+\s*"/\.\.""", RegexOptions.IgnoreCase)]
    private static partial Regex ParentOfRoot();
}
