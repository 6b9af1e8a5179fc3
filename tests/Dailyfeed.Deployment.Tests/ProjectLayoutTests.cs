using Shouldly;

namespace Dailyfeed.Deployment.Tests;

/// <summary>
/// What Orleans lacks is one provider project each, documented where it lives (orleans/README.md promises a README
/// per project and its map), and built by the solution every script and image builds.
/// </summary>
public sealed class ProjectLayoutTests
{
    [Fact]
    public void Every_provider_and_host_default_project_has_a_readme_and_the_orleans_map_names_each_provider()
    {
        var map = File.ReadAllText(Repository.PathOf("orleans/README.md"));
        foreach (var project in ProjectFiles().Where(p => p.StartsWith("orleans/", StringComparison.Ordinal) || p.StartsWith("hosting/", StringComparison.Ordinal)))
        {
            File.Exists(Repository.PathOf(Path.Combine(Path.GetDirectoryName(project)!, "README.md"))).ShouldBeTrue($"{project} has no README.md beside it");
            if (project.StartsWith("orleans/", StringComparison.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(project);
                (map.Contains($"`{name}`", StringComparison.Ordinal) || map.Contains($"`.{name["Dailyfeed.Orleans.".Length..]}`", StringComparison.Ordinal))
                    .ShouldBeTrue($"orleans/README.md does not name {name}");
            }
        }
    }

    [Fact]
    public void The_solution_builds_every_project_of_the_repository()
    {
        var solution = File.ReadAllText(Repository.PathOf("Dailyfeed.sln")).Replace('\\', '/');
        var projects = ProjectFiles().ToList();
        projects.ShouldContain("orleans/Dailyfeed.Orleans.Outbox/Dailyfeed.Orleans.Outbox.csproj");
        projects.Where(p => !solution.Contains($"\"{p}\"", StringComparison.Ordinal)).ShouldBeEmpty("projects missing from Dailyfeed.sln");
    }

    /// <summary>Every csproj below the root, as a relative path with forward slashes; build output and packages skipped.</summary>
    private static IEnumerable<string> ProjectFiles() =>
        Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repository.Root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules"));
}
