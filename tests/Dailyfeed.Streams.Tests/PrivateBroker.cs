using System.Diagnostics;
using System.Globalization;
using System.Net;
using Dailyfeed.Testing.Silos;

namespace Dailyfeed.Streams.Tests;

/// <summary>
/// A RabbitMQ node of this test run only (Debian's rabbitmq-server, no plugins) on free loopback ports, with its
/// database, logs, config and Erlang cookie in a temp directory. The stream tests stop and start it at will, so the
/// machine's shared broker on 5672 (which other suites use at the same time) is never touched. Stopped with
/// <c>rabbitmqctl -n</c> and its directory deleted on dispose; a node a crashed run left behind is swept by the next.
/// </summary>
public sealed class PrivateBroker : IAsyncLifetime
{
    /// <summary>Where Debian installs the unwrapped scripts (the /usr/sbin wrappers switch to the rabbitmq user).</summary>
    private const string DefaultBinDirectory = "/usr/lib/rabbitmq/bin";

    /// <summary>Overrides <see cref="DefaultBinDirectory"/> on machines that install RabbitMQ elsewhere.</summary>
    private const string BinDirectoryVariable = "DAILYFEED_RABBITMQ_BIN";

    private const string DirectoryPrefix = "dailyfeed-streams-broker-";
    private const string NodeNameFile = "nodename";

    /// <summary>
    /// A cold Erlang VM start takes a few seconds on a quiet 2-core machine, but start_app took over a minute once with
    /// every test assembly and a browser loop sharing it (load average 40): these only bound a broker that never answers.
    /// </summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private static readonly TimeSpan CommandLimit = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The node's own bound on its life: if the test host dies without disposing, coreutils' timeout still SIGKILLs
    /// the node, so an aborted run leaves no broker behind for longer than the longest suite run.
    /// </summary>
    private static readonly TimeSpan OrphanLifetime = TimeSpan.FromMinutes(30);

    private readonly string _binDirectory = Environment.GetEnvironmentVariable(BinDirectoryVariable) ?? DefaultBinDirectory;
    private Process? _server;

    /// <summary>The temp directory holding everything of the node (and its log, for a failing test).</summary>
    public string Directory { get; private set; } = string.Empty;

    public string NodeName { get; private set; } = string.Empty;

    public string HostName => IPAddress.Loopback.ToString();

    /// <summary>The node's AMQP port.</summary>
    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        await SweepLeftoversAsync();
        var id = Guid.NewGuid().ToString("N")[..8];
        Directory = System.IO.Directory.CreateTempSubdirectory($"{DirectoryPrefix}{Environment.ProcessId}-").FullName;
        NodeName = $"dailyfeed-streams-test-{id}@localhost";
        Port = LoopbackPorts.Free();
        await File.WriteAllTextAsync(Path.Combine(Directory, NodeNameFile), NodeName);
        // No plugins: the tests speak AMQP only. The listener is bound to loopback so nothing outside sees the node.
        await File.WriteAllTextAsync(Path.Combine(Directory, "enabled_plugins"), "[].");
        await File.WriteAllTextAsync(Path.Combine(Directory, "rabbitmq.conf"), $"listeners.tcp.1 = 127.0.0.1:{Port}\n");
        await File.WriteAllTextAsync(Path.Combine(Directory, "rabbitmq-env.conf"), string.Empty);

        var start = Command("timeout", ["--signal=KILL", $"{(int)OrphanLifetime.TotalSeconds}s", Path.Combine(_binDirectory, "rabbitmq-server")]);
        start.Environment["RABBITMQ_NODENAME"] = NodeName;
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = LoopbackPorts.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(Directory, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(Directory, "log");
        start.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(Directory, "rabbitmq.conf");
        start.Environment["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Directory, "advanced.config");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Directory, "enabled_plugins");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(Directory, "pid");
        _server = Process.Start(start) ?? throw new InvalidOperationException("rabbitmq-server did not start");
        // Drained and dropped: the node writes its real log under log/, and an unread pipe would stall it.
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        try
        {
            await AwaitStartupOrThrowAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: stop the half-started node here.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker application (the Erlang node stays up, as a broker outage looks to clients).</summary>
    public Task StopAppAsync() => CtlOrThrowAsync(NodeName, "stop_app");

    public async Task StartAppAsync()
    {
        await CtlOrThrowAsync(NodeName, "start_app");
        await CtlOrThrowAsync(NodeName, "await_startup");
    }

    /// <summary>
    /// Messages in the queues whose names start with <paramref name="queuePrefix"/>, ready or delivered and not yet
    /// acknowledged (the stream provider acknowledges only once the consumer has the event).
    /// </summary>
    public async Task<long> MessagesAsync(string queuePrefix)
    {
        var (exitCode, listing, error) = await CtlInAsync(Directory, NodeName, "list_queues", "name", "messages", "--no-table-headers");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl -n {NodeName} list_queues failed ({exitCode}): {error}");
        }

        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length == 2 && columns[0].StartsWith(queuePrefix, StringComparison.Ordinal))
            .Sum(columns => long.Parse(columns[1], CultureInfo.InvariantCulture));
    }

    public async Task DisposeAsync()
    {
        try
        {
            await StopNodeAsync(NodeName);
        }
        finally
        {
            if (_server is { HasExited: false })
            {
                _server.Kill(entireProcessTree: true);
            }

            _server?.Dispose();
            DeleteDirectory(Directory);
        }
    }

    private async Task AwaitStartupOrThrowAsync()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"rabbitmq-server {NodeName} exited with {_server.ExitCode}; see {Directory}/log");
            }

            var (exitCode, _, _) = await CtlAsync(NodeName, "await_startup", "--timeout", "5");
            if (exitCode == 0)
            {
                return;
            }

            if (clock.Elapsed > StartLimit)
            {
                throw new TimeoutException($"rabbitmq-server {NodeName} was not up within {StartLimit.TotalSeconds} s; see {Directory}/log");
            }
        }
    }

    /// <summary>Nodes of earlier runs whose test host is gone (its pid is in the directory name): stopped and deleted.</summary>
    private async Task SweepLeftoversAsync()
    {
        foreach (var directory in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories($"{DirectoryPrefix}*"))
        {
            var owner = directory.Name[DirectoryPrefix.Length..].Split('-')[0];
            if (int.TryParse(owner, CultureInfo.InvariantCulture, out var pid) && IsAlive(pid))
            {
                continue;
            }

            var nodeFile = Path.Combine(directory.FullName, NodeNameFile);
            if (File.Exists(nodeFile))
            {
                await StopNodeAsync(await File.ReadAllTextAsync(nodeFile), directory.FullName);
            }

            DeleteDirectory(directory.FullName);
        }
    }

    private Task StopNodeAsync(string nodeName, string? home = null) => CtlInAsync(home ?? Directory, nodeName, "stop");

    private async Task CtlOrThrowAsync(string nodeName, string command)
    {
        var (exitCode, _, error) = await CtlAsync(nodeName, command);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl -n {nodeName} {command} failed ({exitCode}): {error}");
        }
    }

    private Task<(int ExitCode, string Output, string Error)> CtlAsync(string nodeName, params string[] arguments) => CtlInAsync(Directory, nodeName, arguments);

    /// <summary>rabbitmqctl against one node; HOME is the node's directory, where the node wrote its Erlang cookie.</summary>
    private async Task<(int ExitCode, string Output, string Error)> CtlInAsync(string home, string nodeName, params string[] arguments)
    {
        var start = Command(Path.Combine(_binDirectory, "rabbitmqctl"), ["-q", "-n", nodeName, .. arguments], home);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(CommandLimit);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output, await error);
    }

    private ProcessStartInfo Command(string fileName, IEnumerable<string> arguments, string? home = null)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home ?? Directory,
        };
        start.Environment["HOME"] = home ?? Directory;
        start.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(home ?? Directory, "rabbitmq-env.conf");
        return start;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void DeleteDirectory(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }
    }
}
