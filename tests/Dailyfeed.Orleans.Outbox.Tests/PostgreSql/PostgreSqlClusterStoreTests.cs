using Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;
using Dailyfeed.Orleans.Outbox.PostgreSql.Storage;
using Dailyfeed.Orleans.Outbox.Storage;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Orleans.Outbox.Tests.PostgreSql;

/// <summary>Provider-specific behaviour: schema creation by silos starting together, schema name checks, and the DI registration.</summary>
public sealed class PostgreSqlClusterStoreTests : IAsyncLifetime
{
    private const int SilosStartingTogether = 8;

    private readonly PostgreSqlTestSchema _schema = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Silos_starting_together_create_the_schema_once_without_errors()
    {
        // Separate databases (separate data sources), as separate silo processes would have.
        var databases = Enumerable.Range(0, SilosStartingTogether)
            .Select(_ => new PostgreSqlClusterDatabase(Options.Create(new PostgreSqlClusterOptions
            {
                ConnectionString = PostgreSqlTestSchema.ConnectionString,
                Schema = _schema.Schema,
            })))
            .ToList();
        try
        {
            var grain = new GrainId("ISchemaGrain", "1");
            var reads = await Task.WhenAll(databases.Select(db => new PostgreSqlGrainStorage(db).ReadAsync("state", grain, default)));

            reads.ShouldAllBe(r => r == null);
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [Fact]
    public void A_schema_name_with_a_trailing_newline_is_refused()
    {
        var options = Options.Create(new PostgreSqlClusterOptions
        {
            ConnectionString = PostgreSqlTestSchema.ConnectionString,
            Schema = $"{_schema.Schema}\n",
        });

        Should.Throw<InvalidOperationException>(() => new PostgreSqlClusterDatabase(options));
    }

    [Fact]
    public async Task AddPostgreSqlClusterStore_registers_the_three_contracts_as_singletons()
    {
        var services = new ServiceCollection().AddPostgreSqlClusterStore(o =>
        {
            o.ConnectionString = PostgreSqlTestSchema.ConnectionString;
            o.Schema = _schema.Schema;
        });
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IGrainStorage>().ShouldBeSameAs(provider.GetRequiredService<IGrainStorage>());
        provider.GetRequiredService<IDeadLetterStore>().ShouldBeSameAs(provider.GetRequiredService<IDeadLetterStore>());
        var outbox = provider.GetRequiredService<IStreamOutboxStore>();
        outbox.ShouldBeSameAs(provider.GetRequiredService<IStreamOutboxStore>());
        (await outbox.CountAsync(default)).ShouldBe(0);
    }
}
