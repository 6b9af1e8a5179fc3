using System.Diagnostics;
using System.Net;

namespace Dailyfeed.Testing.Silos.Processes;

/// <summary>
/// One real Silo host process: started with its cluster's environment, its stdout and stderr written to a log file,
/// ready once its readiness probe answers 200, killed with SIGKILL on demand and always stopped on dispose.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    /// <summary>A cold .NET start, the schema migration and the first membership round on a loaded 2-core machine.</summary>
    private static readonly TimeSpan ReadinessLimit = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(15);

    /// <summary>How much of its log a silo that failed to start shows: its first errors, each cut, and its last lines.</summary>
    private const int ErrorLines = 10;
    private const int ErrorLineChars = 1_500;
    private const int TailLines = 40;

    /// <summary>
    /// The harness's own bound on a silo's life: if the test host itself dies (a crash, an aborted run), coreutils'
    /// timeout still SIGKILLs the silo, so no run can leave an orphan for longer than this.
    /// </summary>
    private static readonly TimeSpan OrphanLifetime = TimeSpan.FromMinutes(10);

    /// <summary>What <see cref="Pool"/> says of a silo started without a pool: it serves them all.</summary>
    public const string AllPools = "all";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;
    private readonly Lock _logLock = new();
    private bool _logClosed;

    private SiloProcess(string siloId, string pool, Uri address, string logPath, Process process)
    {
        SiloId = siloId;
        Pool = pool;
        Address = address;
        LogPath = logPath;
        _process = process;
        _log = new StreamWriter(logPath) { AutoFlush = true };
        _http = new HttpClient { BaseAddress = address, Timeout = ProbeTimeout };
    }

    public string SiloId { get; }

    public string Pool { get; }

    /// <summary>The host's HTTP address (probes and metrics).</summary>
    public Uri Address { get; }

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts a silo serving <paramref name="pool"/> (null: every pool, the silo's default) and waits until it is ready;
    /// <paramref name="settings"/> adds or overrides environment variables (configuration keys in <c>__</c> form).
    /// </summary>
    public static async Task<SiloProcess> StartAsync(
        string siloId, string? pool, ClusterResources resources, string logDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = SiloHostSettings.SiloDllOrThrow();
        var address = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("timeout", ["--signal=KILL", $"{(int)OrphanLifetime.TotalSeconds}s", "dotnet", dll])
        {
            // The host reads appsettings.json from its content root, the working directory by default.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in SiloHostSettings.Environment(siloId, pool, address, resources).Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(siloId, pool ?? AllPools, address, Path.Combine(logDirectory, $"{siloId}.log"), process);
        process.OutputDataReceived += (_, line) => silo.Append(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Append(line.Data is null ? null : $"[stderr] {line.Data}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"{siloId} did not start");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilReadyOrThrowAsync();
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>SIGKILL to the whole tree (timeout wrapper and dotnet): no shutdown hook runs, as when a node dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var limit = new CancellationTokenSource(ExitLimit);
        await _process.WaitForExitAsync(limit.Token);
    }

    /// <summary>Live grain activations on this silo, from its metrics endpoint.</summary>
    public async Task<int> ReadActivationCountAsync() =>
        SiloHostSettings.ActivationCountOrThrow(await _http.GetStringAsync(SiloHostSettings.MetricsPath));

    /// <summary>How many silos this silo routes to, or null while it is not ready.</summary>
    public async Task<int?> ReadMembershipSizeAsync()
    {
        using var response = await _http.GetAsync(SiloHostSettings.ReadinessPath);
        return response.StatusCode == HttpStatusCode.OK ? SiloHostSettings.MembershipSizeOrThrow(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>
    /// The first error and critical entries of the log: why a silo failed usually comes long before its tail, which a
    /// crash fills with stack traces.
    /// </summary>
    private string LogErrors(int lines)
    {
        var errors = LogLines()
            .Where(line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))
            .Take(lines)
            .Select(line => line.Length > ErrorLineChars ? line[..ErrorLineChars] + " ..." : line);
        return $"--- {SiloId} errors\n{string.Join('\n', errors)}";
    }

    /// <summary>The last lines of the log, for a failing test's output.</summary>
    public string LogTail(int lines)
    {
        var tail = LogLines().TakeLast(lines);
        return $"--- {SiloId} ({Pool}, {(HasExited ? "exited" : "running")}) {LogPath}\n{string.Join('\n', tail)}";
    }

    public override string ToString() => $"{SiloId} ({Pool})";

    private IEnumerable<string> LogLines()
    {
        lock (_logLock)
        {
            if (!_logClosed)
            {
                _log.Flush();
            }
        }

        return File.ReadLines(LogPath);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
            _http.Dispose();
            lock (_logLock)
            {
                _logClosed = true;
                _log.Dispose();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            // The output readers can still deliver a line while the process is being disposed.
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilReadyOrThrowAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadinessLimit)
        {
            if (_process.HasExited)
            {
                throw new SiloExitedException($"{this} exited with {_process.ExitCode} before it was ready.\n{LogErrors(ErrorLines)}\n{LogTail(TailLines)}");
            }

            try
            {
                using var response = await _http.GetAsync(SiloHostSettings.ReadinessPath);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the probe timeout.
            }

            await Task.Delay(ProbeInterval);
        }

        throw new TimeoutException($"{this} was not ready at {Address}{SiloHostSettings.ReadinessPath} within {ReadinessLimit.TotalSeconds} s.\n{LogErrors(ErrorLines)}\n{LogTail(TailLines)}");
    }
}
