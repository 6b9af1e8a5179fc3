using System.CommandLine;
using Dailyfeed.Batch;
using Dailyfeed.Batch.Commands;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.PostgreSql.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

// Operator commands against the production store. Configuration: appsettings.json, then DAILYFEED__... env vars.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddPostgreSqlClusterStore();
builder.Services.AddOptions<MembershipOptions>().BindConfiguration("Dailyfeed:Membership");
using var host = builder.Build();

var root = new RootCommand("Dailyfeed batch: operator commands for the cluster's PostgreSQL store.")
{
    ClusterStatusCommand.Create(host.Services),
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
