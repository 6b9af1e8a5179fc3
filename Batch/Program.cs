using System.CommandLine;
using Dailyfeed.Batch;
using Dailyfeed.Batch.Commands;
using Dailyfeed.Batch.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Runtime;

// Operator commands against the production cluster (or, with Dailyfeed:Batch:Store=Sqlite, an embedded gateway's), as
// an Orleans client. Configuration: appsettings.json, then Dailyfeed__... env vars.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
try
{
    builder.AddBatchCluster();
}
catch (OrleansConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"Configuration: {ex.Message}");
    return ExitCodes.Failure;
}

using var host = builder.Build();
var cluster = new ClusterSession(host, host.Services.GetRequiredService<IOptions<BatchOptions>>().Value.ConnectTimeout);

var root = new RootCommand("Dailyfeed batch: operator commands for the cluster. Exit codes: 0 success, 1 failure, 3 no live silo.")
{
    ClusterStatusCommand.Create(cluster),
    TokenCommands.RotateKeys(cluster),
    TokenCommands.CleanupTokens(cluster),
    DeadLetterCommands.Replay(cluster),
    DeadLetterCommands.List(cluster),
};

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"PostgreSQL is unreachable: {ex.Message}");
    return ExitCodes.Failure;
}
catch (SiloUnavailableException ex)
{
    await Console.Error.WriteLineAsync($"No silo answered: {ex.Message}");
    return ExitCodes.NothingLive;
}
