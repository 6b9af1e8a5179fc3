namespace Dailyfeed.Deployment.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dailyfeed.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Dailyfeed.sln not found above the test folder.");
    }
}
