using Dailyfeed.Bench.Runtime;
using Dailyfeed.Bench.Social;

// dotnet run -c Release --project bench/Dailyfeed.Bench -- <suite> [args]
// Suites print a markdown report to stdout and keep a copy in bench/results/<suite>.md (runtime: runtime-orleans.md).
var suite = args.FirstOrDefault() ?? "runtime";
if (suite == "social" && args.Contains("serve"))
{
    await SocialSuite.RunAsync(args);
    return 0;
}

// `social --cluster`: cluster mode beside the embedded default, reported apart (bench/results/social-cluster.md).
if (suite == "social" && args.Contains("--cluster"))
{
    suite = "social-cluster";
}

// The runtime suite reports under its own name, so the home-made runtime's last report (runtime.md) stays beside it.
var reportName = suite == "runtime" ? RuntimeSuite.ReportName : suite;
var report = suite switch
{
    "runtime" => await RuntimeSuite.RunAsync(args),
    "social" => await SocialSuite.RunAsync(args),
    "social-cluster" => await ClusterSuite.RunAsync(SocialSuite.RepositoryRoot()),
    _ => null,
};

if (report is null)
{
    Console.Error.WriteLine($"Unknown suite '{suite}'. Suites: runtime [activations], social [serve | --cluster]");
    return 2;
}

Console.WriteLine(report);
var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
Directory.CreateDirectory(results);
await File.WriteAllTextAsync(Path.Combine(results, $"{reportName}.md"), report);
return 0;
