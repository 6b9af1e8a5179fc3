using Dailyfeed.Grains.Abstractions.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Dailyfeed.Search;

public static class SearchServiceCollectionExtensions
{
    /// <summary>Search on the PostgreSQL store (pg_trgm); needs AddPostgreSqlClusterStore.</summary>
    public static IServiceCollection AddPostgreSqlSearch(this IServiceCollection services) =>
        services.AddSingleton<ISearchIndex, PostgreSqlSearchIndex>();

    /// <summary>Search on the embedded SQLite store; needs AddSqliteClusterStore.</summary>
    public static IServiceCollection AddSqliteSearch(this IServiceCollection services) =>
        services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
}
