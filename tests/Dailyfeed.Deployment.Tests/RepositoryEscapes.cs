using System.Text.RegularExpressions;

namespace Dailyfeed.Deployment.Tests;

/// <summary>
/// Finds what in one tracked file reaches outside the repository: relative climbs (either separator) whose resolved
/// path leaves the root, Path.Combine calls that climb out, absolute paths of the build machine, and the build
/// machine's shared folders named anywhere but README prose. A heuristic over text: it reads, it does not compile.
/// </summary>
public static partial class RepositoryEscapes
{
    /// <summary>How far below its project a .NET host's AppContext.BaseDirectory lies: bin/&lt;configuration&gt;/&lt;framework&gt;.</summary>
    private const int BuildOutputDepth = 3;

    /// <summary>What in <paramref name="text"/>, the content of repository file <paramref name="file"/>, points outside.</summary>
    public static IEnumerable<string> In(string file, string text)
    {
        var folder = Path.GetDirectoryName(Repository.PathOf(file))!;
        foreach (Match climb in RelativeClimb().Matches(text))
        {
            if (!IsInsideRoot(Resolve(folder, climb.Value)))
            {
                yield return climb.Value;
            }
        }

        foreach (Match call in PathCombine().Matches(text))
        {
            var parts = call.Groups["part"].Captures.Select(c => c.Value);
            if (!IsInsideRoot(Resolve(BaseFolderOf(call.Groups["base"].Value, folder), string.Join('/', parts))))
            {
                yield return call.Value;
            }
        }

        foreach (var pattern in new[] { ParentOfRoot(), BuildMachinePath() })
        {
            foreach (Match match in pattern.Matches(text))
            {
                yield return match.Value;
            }
        }

        foreach (Match mention in SharedFolder().Matches(IsReadme(file) ? string.Concat(CodeFence().Matches(text).Select(m => m.Value)) : text))
        {
            yield return mention.Value;
        }
    }

    public static bool IsInsideRoot(string fullPath) =>
        fullPath == Repository.Root || fullPath.StartsWith(Repository.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static string Resolve(string folder, string relative) =>
        Path.GetFullPath(Path.Combine(folder, relative.Replace('\\', '/')));

    /// <summary>
    /// Where a Path.Combine starts: the build output for AppContext.BaseDirectory, the root for a "root" variable, else
    /// the project holding the file (the usual working directory of dotnet run and dotnet test).
    /// </summary>
    private static string BaseFolderOf(string expression, string fileFolder)
    {
        if (expression.Contains("BaseDirectory", StringComparison.Ordinal))
        {
            return Path.Combine([ProjectFolderOf(fileFolder), .. Enumerable.Repeat("build-output", BuildOutputDepth)]);
        }

        return expression.Contains("root", StringComparison.OrdinalIgnoreCase) ? Repository.Root : ProjectFolderOf(fileFolder);
    }

    private static string ProjectFolderOf(string fileFolder)
    {
        for (var folder = new DirectoryInfo(fileFolder); folder is not null && IsInsideRoot(folder.FullName); folder = folder.Parent)
        {
            if (folder.Exists && folder.EnumerateFiles("*.csproj").Any())
            {
                return folder.FullName;
            }
        }

        return fileFolder;
    }

    private static bool IsReadme(string file) =>
        Path.GetFileName(file).StartsWith("README", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);

    /// <summary>"../" or "..\" steps and what follows them, as scripts, documents, imports and Windows paths write them.</summary>
    [GeneratedRegex(@"(?<![\w.])(\.\.[/\\])+[\w.\-/\\]*")]
    private static partial Regex RelativeClimb();

    /// <summary>Path.Combine(base, "literal", ...): the base expression and the string literals that follow it.</summary>
    [GeneratedRegex("""Path\.Combine\(\s*(?<base>[^,()]+(\([^()]*\))?)\s*(,\s*"(?<part>[^"]*)"\s*)+""")]
    private static partial Regex PathCombine();

    /// <summary>Code that climbs from the repository root by concatenation, e.g. repositoryRoot + "/..".</summary>
    [GeneratedRegex("""root\w*\s*\+\s*"[/\\]\.\.""", RegexOptions.IgnoreCase)]
    private static partial Regex ParentOfRoot();

    /// <summary>The build machine's own folders (/work/main, /work/shared, ...), which no clone has.</summary>
    [GeneratedRegex(@"(?<![\w.\-~])/work(?![\w.\-])")]
    private static partial Regex BuildMachinePath();

    /// <summary>The build machine's shared folders by name, however they are reached.</summary>
    [GeneratedRegex(@"shared[/\\](datasets|docs|seeds)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SharedFolder();

    [GeneratedRegex("```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeFence();
}
