using System.Diagnostics;
using Shouldly;

namespace Dailyfeed.Deployment.Tests;

/// <summary>
/// A plain clone must build, test and benchmark on its own: no file may reach above the repository root (the build
/// machines' shared folders are not part of what users clone).
/// </summary>
public sealed class RepositoryBoundaryTests
{
    /// <summary>Generated files, and the check's own files, whose examples of escaping paths are what it looks for.</summary>
    private static readonly string[] NotScanned =
        ["package-lock.json", "Gateway.Api/wwwroot/", $"{nameof(RepositoryBoundaryTests)}.cs", $"{nameof(RepositoryEscapes)}.cs"];

    [Fact]
    public void No_tracked_file_refers_to_a_path_above_the_repository_root()
    {
        var escapes = TrackedTextFiles()
            .SelectMany(file => RepositoryEscapes.In(file, File.ReadAllText(Repository.PathOf(file))).Select(escape => $"{file}: {escape}"))
            .ToList();

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
    [InlineData("Makefile", "../shared/datasets/x.edges", true)]
    [InlineData("tests/web-e2e/run.mjs", "../../../outside", true)]
    [InlineData("tests/web-e2e/tests/app.spec.mjs", "import '../lib/app.mjs'", false)]
    [InlineData("scripts/seed.ps1", @"Copy-Item ..\..\outside\x .", true)]
    [InlineData("bench/Dailyfeed.Bench/copy.ps1", @"Copy-Item ..\results\x .", false)]
    [InlineData("bench/run.sh", "cp /work/main/bench/x .", true)]
    [InlineData("tests/notes.md", "run it from /work/ first", true)]
    [InlineData("tests/x.yaml", "path: /home/ci/work/dailyfeed", false)]
    [InlineData("bench/Dailyfeed.Bench/Program.cs", """Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results")""", false)]
    [InlineData("bench/Dailyfeed.Bench/Program.cs", """Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "x")""", true)]
    [InlineData("tests/Dailyfeed.Api.Tests/Paths.cs", """Path.Combine(Directory.GetCurrentDirectory(), "..", "..", "..", "x")""", true)]
    [InlineData("tests/Dailyfeed.Api.Tests/Paths.cs", """Path.Combine(Directory.GetCurrentDirectory(), "..", "Dailyfeed.Gateway.Tests")""", false)]
    [InlineData("tests/Dailyfeed.Api.Tests/Paths.cs", """Path.Combine(repositoryRoot, "..", "shared")""", true)]
    [InlineData("tests/Dailyfeed.Api.Tests/Paths.cs", """repositoryRoot + "/../x" """, true)]
    [InlineData("bench/seed.py", "open('shared/seeds/members.csv')", true)]
    [InlineData("README.md", "The graph was first tried from shared/datasets on the build machine.", false)]
    [InlineData("README.md", "```sh\ncp shared/docs/style.md .\n```", true)]
    [InlineData("ops/grafana/dailyfeed.json", """status_code=~\"5..\" """, false)]
    public void The_check_itself_tells_inside_from_outside(string file, string text, bool escapes)
    {
        RepositoryEscapes.In(file, text).Any().ShouldBe(escapes, text);
    }

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
}
