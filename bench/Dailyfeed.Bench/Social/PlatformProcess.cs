using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Dailyfeed.Bench.Social;

/// <summary>
/// A process of the platform under test, started on a loopback port and always stopped: by default the gateway host in
/// its embedded default (gateway + one silo serving both pools, SQLite) with a throwaway data folder; the cluster mode
/// (<see cref="ClusterPlatform"/>) launches its silos and gateway through <see cref="LaunchAsync"/>.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);
    private readonly Process _process;
    private readonly string? _data;
    private readonly TextWriter? _log;
    private readonly HttpClient _metrics;
    private readonly PosixSignalRegistration[] _signals;

    private PlatformProcess(string name, Process process, string? data, Uri address, TextWriter? log)
    {
        Name = name;
        _process = process;
        _data = data;
        _log = log;
        Address = address;
        _metrics = new HttpClient { BaseAddress = address };
        // Ctrl-C, SIGTERM or a closed terminal end the bench without its `await using` blocks (nor AppDomain.ProcessExit):
        // no host may outlive it. The signal's default action, ending the bench, follows the handler.
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, KillOnSignal))];
    }

    private void KillOnSignal(PosixSignalContext context)
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>What the process is in the platform ("gateway", "write silo", ...), for logs and reports.</summary>
    public string Name { get; }

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
        var gateway = HostAssembly(repositoryRoot, "Gateway.Api", "Dailyfeed.Gateway.Api.dll");
        var data = Directory.CreateTempSubdirectory("dailyfeed-bench-").FullName;
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var environment = new Dictionary<string, string>
        {
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
        };
        return await LaunchAsync("gateway", gateway, Path.Combine(repositoryRoot, "Gateway.Api"), address, environment, logFile: null, data);
    }

    /// <summary>The Release build of a host project, or a hint to build it.</summary>
    public static string HostAssembly(string repositoryRoot, string project, string assembly)
    {
        var path = Path.Combine(repositoryRoot, project, "bin", "Release", "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the hosts first: dotnet build -c Release Dailyfeed.sln", path);
    }

    /// <summary>
    /// Starts one host (`dotnet assembly`) serving HTTP at <paramref name="address"/> and waits for its readiness probe.
    /// Its stderr goes to the console prefixed with its name, or, with <paramref name="logFile"/>, both of its streams
    /// go to that file; <paramref name="data"/>, when given, is deleted with the process.
    /// </summary>
    public static async Task<PlatformProcess> LaunchAsync(
        string name, string assembly, string contentRoot, Uri address, IReadOnlyDictionary<string, string> environment, string? logFile, string? data)
    {
        var start = new ProcessStartInfo("dotnet", [assembly, "--contentRoot", contentRoot])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Urls"] = address.ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var log = logFile is null ? null : TextWriter.Synchronized(new StreamWriter(logFile, append: false) { AutoFlush = true });
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) log?.WriteLine(line.Data); };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                (log ?? Console.Error).WriteLine(log is null ? $"[{name}] {line.Data}" : line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var platform = new PlatformProcess(name, process, data, address, log);
        try
        {
            await platform.WaitReadyAsync();
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }

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

        throw new TimeoutException(_process.HasExited
            ? $"The {Name} at {Address} exited with code {_process.ExitCode} before it was ready."
            : $"The {Name} at {Address} was not ready within {StartupLimit.TotalSeconds} s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _metrics.Dispose();
        _log?.Dispose();
        if (_data is not null)
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
