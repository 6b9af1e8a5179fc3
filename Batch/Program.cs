using System.CommandLine;
using Dailyfeed.Batch;
using Dailyfeed.Batch.Commands;
using Dailyfeed.Batch.Hosting;
using Dailyfeed.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Npgsql;

// Operator commands against the production cluster (or, with Dailyfeed:Batch:Store=Sqlite, an embedded gateway's).
// Configuration: appsettings.json, then Dailyfeed__... env vars.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.AddBatchCluster();
using var host = builder.Build();
var cluster = new ClusterSession(host);

var root = new RootCommand("Dailyfeed batch: operator commands for the cluster. Exit codes: 0 success, 1 failure, 3 no live silo.")
{
    ClusterStatusCommand.Create(host.Services),
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
catch (SqliteException ex)
{
    await Console.Error.WriteLineAsync($"The SQLite store cannot be used: {ex.Message}");
    return ExitCodes.Failure;
}
catch (SiloUnavailableException ex)
{
    await Console.Error.WriteLineAsync($"No silo answered: {ex.Message}");
    return ExitCodes.NothingLive;
}
