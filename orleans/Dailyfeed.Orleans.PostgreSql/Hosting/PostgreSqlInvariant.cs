namespace Dailyfeed.Orleans.PostgreSql.Hosting;

internal static class PostgreSqlInvariant
{
    // Orleans' ADO.NET providers load Npgsql's factory by this name themselves (Assembly.Load of
    // "Npgsql" + NpgsqlFactory.Instance), so no DbProviderFactories registration is needed.
    public const string Name = "Npgsql";
}
