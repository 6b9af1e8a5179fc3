namespace Dailyfeed.Runtime.PostgreSql.Hosting;

/// <summary>DDL of the runtime tables. Idempotent: every statement is IF NOT EXISTS.</summary>
internal static class PostgreSqlSchemaScript
{
    public static string For(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};

        CREATE TABLE IF NOT EXISTS {schema}.grain_state (
            grain_type  text        NOT NULL,
            grain_key   text        NOT NULL,
            state_name  text        NOT NULL,
            payload     jsonb       NOT NULL,
            version     bigint      NOT NULL,
            updated_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name)
        );

        CREATE TABLE IF NOT EXISTS {schema}.silo_membership (
            silo_id         text        PRIMARY KEY,
            address         text        NOT NULL,
            pools           text[]      NOT NULL,
            status          text        NOT NULL,
            started_at      timestamptz NOT NULL,
            last_heartbeat  timestamptz NOT NULL
        );

        CREATE TABLE IF NOT EXISTS {schema}.reminders (
            grain_type    text        NOT NULL,
            grain_key     text        NOT NULL,
            name          text        NOT NULL,
            start_at      timestamptz NOT NULL,
            period_ms     bigint      NOT NULL CHECK (period_ms > 0),
            last_tick_at  timestamptz NULL,
            PRIMARY KEY (grain_type, grain_key, name)
        );
        """;
}
