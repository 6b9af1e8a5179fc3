namespace Dailyfeed.ServiceDefaults.Health;

/// <summary>
/// `dotnet Host.dll probe &lt;url&gt;` checks a health endpoint and exits 0 or 1: container images have no curl, and
/// this keeps HEALTHCHECK and compose checks inside the binary that is being checked.
/// </summary>
public static class HealthProbe
{
    public const string Verb = "probe";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <summary>Returns the exit code when the process was started as a probe, null otherwise.</summary>
    public static int? RunIfRequested(string[] args)
    {
        if (args.Length != 2 || args[0] != Verb)
        {
            return null;
        }

        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            using var response = http.GetAsync(args[1]).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return 1;
        }
    }
}
