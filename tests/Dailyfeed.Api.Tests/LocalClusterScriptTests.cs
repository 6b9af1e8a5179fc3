using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dailyfeed.Testing.Silos;
using Dailyfeed.Testing.Silos.Processes;
using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Npgsql;
using Shouldly;
using Xunit.Abstractions;

namespace Dailyfeed.Api.Tests;

/// <summary>
/// The README's path to a production-shaped cluster, run as a newcomer runs it: <c>scripts/cluster.sh up</c> starts a
/// write silo, a read silo and the gateway in cluster mode as real processes on the shared servers; a member signs up,
/// logs in, posts and reads the post back through the gateway; <c>scripts/cluster.sh down</c> stops every process it
/// started and leaves the servers running. Ports, schema, broker names and state directory are this run's own, so the
/// test runs beside the rest of the suite.
/// </summary>
public sealed class LocalClusterScriptTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Script = "scripts/cluster.sh";

    /// <summary>The dashboard administrator the script configures unless told otherwise.</summary>
    private const string DashboardUser = "admin";

    /// <summary>Where the script keeps the dashboard password it generates for a state directory.</summary>
    private const string DashboardPasswordFile = "dashboard-password";

    /// <summary>The three processes the script starts, named as its pid files are.</summary>
    private static readonly string[] Components = ["silo-write", "silo-read", "gateway"];

    /// <summary>Gateway HTTP, two silo HTTP ports, and an Orleans silo port and gateway port per silo.</summary>
    private const int PortsNeeded = 7;

    /// <summary>A cold .NET start, the schema migration and the first membership round on a loaded 2-core machine.</summary>
    private static readonly TimeSpan ReadyLimitPerProcess = TimeSpan.FromSeconds(60);

    /// <summary>A silo leaves membership and deactivates its grains on SIGTERM in a few seconds; then SIGKILL.</summary>
    private static readonly TimeSpan StopLimitPerProcess = TimeSpan.FromSeconds(15);

    /// <summary>Room for the script's own work around the waits (server checks, Batch's cluster-status, psql).</summary>
    private static readonly TimeSpan ScriptOverhead = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bounds a process orphaned by a test host that dies before down: the script wraps each process in coreutils'
    /// timeout, so no run leaves one behind for longer than this.
    /// </summary>
    private static readonly TimeSpan OrphanLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long the activity events may take through outbox, relay, broker and consumer on a busy machine.</summary>
    private static readonly TimeSpan ActivityPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan ActivityPoll = TimeSpan.FromMilliseconds(250);

    private readonly string _name = $"t{Guid.NewGuid():N}"[..11];
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("dailyfeed-cluster-script-").FullName;
    private readonly Dictionary<string, string> _environment = [];
    private bool _down;

    /// <summary>The schema the script names after the cluster (dailyfeed_&lt;name&gt;).</summary>
    private string Schema => $"dailyfeed_{_name}";

    /// <summary>The queues the script names after the cluster, on the broker it was pointed at, for the cleanup.</summary>
    private RabbitMqStreamOptions Broker
    {
        get
        {
            var broker = new RabbitMqStreamOptions { QueueNamePrefix = $"dailyfeed-{_name}" };
            broker.HostName = Environment.GetEnvironmentVariable("DAILYFEED_RABBITMQ_HOST") ?? broker.HostName;
            broker.Port = int.TryParse(Environment.GetEnvironmentVariable("DAILYFEED_RABBITMQ_PORT"), CultureInfo.InvariantCulture, out var port) ? port : broker.Port;
            return broker;
        }
    }

    public Task InitializeAsync()
    {
        var ports = FreeLoopbackPorts(PortsNeeded);
        _environment["DAILYFEED_CLUSTER_DIR"] = _stateDirectory;
        _environment["DAILYFEED_CLUSTER_NAME"] = _name;
        _environment["DAILYFEED_CLUSTER_PORT"] = Text(ports[0]);
        _environment["DAILYFEED_CLUSTER_WRITE_HTTP_PORT"] = Text(ports[1]);
        _environment["DAILYFEED_CLUSTER_READ_HTTP_PORT"] = Text(ports[2]);
        _environment["DAILYFEED_CLUSTER_WRITE_SILO_PORT"] = Text(ports[3]);
        _environment["DAILYFEED_CLUSTER_WRITE_GATEWAY_PORT"] = Text(ports[4]);
        _environment["DAILYFEED_CLUSTER_READ_SILO_PORT"] = Text(ports[5]);
        _environment["DAILYFEED_CLUSTER_READ_GATEWAY_PORT"] = Text(ports[6]);
        _environment["DAILYFEED_CLUSTER_CONFIGURATION"] = SiloHostSettings.BuildConfiguration;
        _environment["DAILYFEED_CLUSTER_READY_TIMEOUT"] = Text((int)ReadyLimitPerProcess.TotalSeconds);
        _environment["DAILYFEED_CLUSTER_STOP_TIMEOUT"] = Text((int)StopLimitPerProcess.TotalSeconds);
        _environment["DAILYFEED_CLUSTER_MAX_LIFETIME"] = Text((int)OrphanLifetime.TotalSeconds);
        _environment["DAILYFEED_PG_CONNECTION"] = ApiCluster.ConnectionString;
        GatewayAddress = new Uri($"http://127.0.0.1:{ports[0]}");
        return Task.CompletedTask;
    }

    private Uri GatewayAddress { get; set; } = null!;

    [Fact]
    public async Task Up_serves_signup_post_and_read_through_the_gateway_and_down_stops_every_process()
    {
        // The solution build made the hosts; building them again here would rewrite assemblies other suites are running.
        SiloHostSettings.SiloDllOrThrow();
        var clock = Stopwatch.StartNew();

        var up = await RunScriptAsync(ReadyLimitPerProcess * Components.Length + ScriptOverhead, "up", "--no-build");
        var upTook = clock.Elapsed;
        up.ExitCode.ShouldBe(0, up.Output);
        up.Output.ShouldContain($"API and web client   {GatewayAddress.ToString().TrimEnd('/')}");
        var dashboard = new Uri(GatewayAddress, "dashboard/");
        var passwordFile = Path.Combine(_stateDirectory, DashboardPasswordFile);
        up.Output.ShouldContain($"Orleans Dashboard    {dashboard}");
        up.Output.ShouldContain($"dashboard login      user {DashboardUser}, password in {passwordFile}");
        foreach (var component in Components)
        {
            up.Output.ShouldContain(Path.Combine(_stateDirectory, $"{component}.log"));
        }

        var pids = Components.ToDictionary(c => c, c => int.Parse(File.ReadAllText(Path.Combine(_stateDirectory, $"{c}.pid")).Trim(), CultureInfo.InvariantCulture));
        pids.Values.ShouldAllBe(pid => IsRunning(pid), up.Output);

        var again = await RunScriptAsync(ScriptOverhead, "up", "--no-build");
        again.ExitCode.ShouldBe(0, again.Output);
        again.Output.ShouldContain("already running");
        Components.ShouldAllBe(c => File.ReadAllText(Path.Combine(_stateDirectory, $"{c}.pid")).Trim() == Text(pids[c]), "a second up started nothing");

        clock.Restart();
        using var member = new ApiClient(new HttpClient { BaseAddress = GatewayAddress });
        await member.SignupAndLoginAsync();
        var content = $"Posted through the local cluster {_name}";
        var created = await member.PostAsync("/api/posts", new { title = "Local cluster", content });
        created.Status.ShouldBe(HttpStatusCode.Created, created.ToString());
        var read = await member.GetAsync($"/api/timeline/posts/{created.Id}");
        read.Status.ShouldBe(HttpStatusCode.OK, read.ToString());
        read.Data.GetProperty("content").GetString().ShouldBe(content);
        var apiTook = clock.Elapsed;

        using var dashboardClient = new HttpClient();
        using var anonymous = await dashboardClient.GetAsync(dashboard);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the dashboard is for its administrator only");
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        using var administrator = await SendAsAsync(dashboardClient, dashboard, DashboardUser, password);
        administrator.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await administrator.Content.ReadAsStringAsync()).ShouldContain("<title>Orleans Dashboard</title>", Case.Sensitive, "the dashboard, not the web client's page");

        // The silo processes' stream provider (RabbitMQ, from the script's Dailyfeed__RabbitMq__* settings) carries the
        // post's event from the write silo's outbox to the member's activity grain on the read silo.
        clock.Restart();
        var activities = await ActivityTypesOnceAsync(member, expected: 3);
        activities.ShouldBe(["POST_CREATE", "MEMBER_LOGIN", "MEMBER_SIGNUP"], "newest first, each event once");
        var activitiesTook = clock.Elapsed;

        clock.Restart();
        var status = await RunScriptAsync(ScriptOverhead, "status");
        var statusTook = clock.Elapsed;
        status.ExitCode.ShouldBe(0, status.Output);
        status.Output.ShouldContain("2 active silo(s)");

        clock.Restart();
        var down = await RunScriptAsync(StopLimitPerProcess * Components.Length + ScriptOverhead, "down", "--purge");
        var downTook = clock.Elapsed;
        _down = down.ExitCode == 0;
        down.ExitCode.ShouldBe(0, down.Output);
        pids.Values.ShouldAllBe(pid => !IsRunning(pid), down.Output);
        Components.ShouldAllBe(c => !File.Exists(Path.Combine(_stateDirectory, $"{c}.pid")));
        await Should.ThrowAsync<HttpRequestException>(() => member.Http.GetAsync("/healthcheck/live"));
        // The servers stay up for everyone else; the purge dropped only this cluster's schema.
        (await SchemaExistsAsync()).ShouldBeFalse();

        output.WriteLine($"up {upTook.TotalSeconds:F1} s, signup+login+post+read {apiTook.TotalSeconds:F1} s, activities {activitiesTook.TotalSeconds:F1} s, " +
                         $"status {statusTook.TotalSeconds:F1} s, down {downTook.TotalSeconds:F1} s");
    }

    private static Task<HttpResponseMessage> SendAsAsync(HttpClient client, Uri address, string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, address);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client.SendAsync(request);
    }

    /// <summary>The member's activity types once <paramref name="expected"/> have arrived (or what is there when patience runs out).</summary>
    private static async Task<List<string>> ActivityTypesOnceAsync(ApiClient member, int expected)
    {
        var deadline = Stopwatch.StartNew();
        List<string> types = [];
        while (types.Count < expected && deadline.Elapsed < ActivityPatience)
        {
            await Task.Delay(ActivityPoll);
            var page = await member.GetAsync("/api/member-activities");
            page.Status.ShouldBe(HttpStatusCode.OK, page.ToString());
            types = [.. page.Data.GetProperty("content").EnumerateArray().Select(a => a.GetProperty("memberActivityType").GetString()!)];
        }

        return types;
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (!_down)
            {
                // The test failed before its own down: stop what the script started and drop the schema all the same.
                var down = await RunScriptAsync(StopLimitPerProcess * Components.Length + ScriptOverhead, "down", "--purge");
                output.WriteLine(down.Output);
            }

            await BrokerObjects.DeleteAsync(Broker);
        }
        finally
        {
            Directory.Delete(_stateDirectory, recursive: true);
        }
    }

    private async Task<ScriptRun> RunScriptAsync(TimeSpan limit, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(SiloHostSettings.RepositoryRootOrThrow(), Script), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        using var process = new Process { StartInfo = start };
        var text = new StringBuilder();
        process.OutputDataReceived += (_, line) => Append(text, line.Data);
        process.ErrorDataReceived += (_, line) => Append(text, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // The script and whatever it started, which is still its child until it exits.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Script} {string.Join(' ', arguments)} did not finish within {limit.TotalSeconds} s:\n{Captured(text)}");
        }

        var run = new ScriptRun(process.ExitCode, Captured(text));
        output.WriteLine($"$ {Script} {string.Join(' ', arguments)}  (exit {run.ExitCode})\n{run.Output}");
        return run;
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Captured(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private async Task<bool> SchemaExistsAsync()
    {
        await using var connection = new NpgsqlConnection(ApiCluster.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = @schema)", connection);
        query.Parameters.AddWithValue("schema", Schema);
        return (bool)(await query.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Alive, as Linux reports it. The script's processes outlive the script, so they are nobody's children here: one
    /// that exited may stay a zombie where nothing reaps it, which counts as gone.
    /// </summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// Distinct loopback ports free a moment ago, outside the ephemeral range (<see cref="LoopbackPorts.Free"/>): the
    /// script binds them later, and a port of that range could meanwhile become some connection's source port. Another
    /// test's server could still take one; the script then refuses or a process exits, and the failure shows its log.
    /// </summary>
    private static int[] FreeLoopbackPorts(int count)
    {
        var ports = new HashSet<int>();
        while (ports.Count < count)
        {
            ports.Add(LoopbackPorts.Free());
        }

        return [.. ports];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record ScriptRun(int ExitCode, string Output);
}
