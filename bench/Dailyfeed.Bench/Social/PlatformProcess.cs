using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// The platform under test: the gateway host in its embedded default (gateway + one silo serving both pools, SQLite),
/// started as its own process on a loopback port with a throwaway data folder, and always stopped.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly string _data;
    private readonly HttpClient _metrics;

    private PlatformProcess(Process process, string data, Uri address)
    {
        _process = process;
        _data = data;
        Address = address;
        _metrics = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>The gateway's process id, for attaching a profiler (dotnet-trace, dotnet-counters).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The platform's CPU time so far, user and kernel.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The platform's GET /metrics, in the Prometheus text format.</summary>
    public Task<string> ReadMetricsAsync() => _metrics.GetStringAsync("/metrics");

    /// <summary>Allocation and GC pause totals so far, from the platform's GET /metrics.</summary>
    public async Task<RuntimeCounters> ReadRuntimeCountersAsync() => RuntimeCounters.Parse(await ReadMetricsAsync());

    public static async Task<PlatformProcess> StartAsync(string repositoryRoot, SocialOptions options)
    {
        var gateway = Path.Combine(repositoryRoot, "Gateway.Api", "bin", "Release", "net10.0", "Dailyfeed.Gateway.Api.dll");
        if (!File.Exists(gateway))
        {
            throw new FileNotFoundException("Build the gateway first: dotnet build -c Release Gateway.Api", gateway);
        }

        var data = Directory.CreateTempSubdirectory("dailyfeed-bench-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [gateway, "--contentRoot", Path.Combine(repositoryRoot, "Gateway.Api")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Urls"] = address.ToString(),
                ["Dailyfeed__Gateway__Mode"] = "Embedded",
                ["Dailyfeed__Sqlite__DataSource"] = Path.Combine(data, "dailyfeed.db"),
                ["Dailyfeed__Images__StoragePath"] = Path.Combine(data, "images"),
                ["Dailyfeed__Silo__Port"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Dailyfeed__Members__PasswordHashIterations"] = options.SetupPasswordHashIterations.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The load comes from one address and a few members: budgets off, so the numbers measure the platform.
                ["Dailyfeed__RateLimiting__PerIpPermitLimit"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Dailyfeed__RateLimiting__PerMemberPermitLimit"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // One JSON line per request would measure the console, not the platform.
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"[gateway] {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var platform = new PlatformProcess(process, data, address);
        await platform.WaitReadyAsync();
        return platform;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartupLimit;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/healthcheck/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The gateway at {Address} was not ready within {StartupLimit.TotalSeconds} s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _metrics.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
