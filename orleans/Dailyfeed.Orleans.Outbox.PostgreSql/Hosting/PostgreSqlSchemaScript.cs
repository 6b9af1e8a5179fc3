namespace Dailyfeed.Orleans.Outbox.PostgreSql.Hosting;

/// <summary>DDL of the state store, its stream outbox and the dead letters. Idempotent: every statement is IF NOT EXISTS.</summary>
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

        CREATE TABLE IF NOT EXISTS {schema}.stream_outbox (
            sequence         bigserial   PRIMARY KEY,
            event            jsonb       NOT NULL,
            attempts         integer     NOT NULL DEFAULT 0,
            next_attempt_at  timestamptz NOT NULL DEFAULT now(),
            claimed_until    timestamptz NULL,
            created_at       timestamptz NOT NULL DEFAULT now()
        );

        {DeadLetterTable(schema, "publisher_dead_letters")}
        {DeadLetterTable(schema, "listener_dead_letters")}
        """;

    /// <summary>The original's dead-letter columns, plus the claim time that lets a dead replayer's rows be taken over.</summary>
    private static string DeadLetterTable(string schema, string table) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.{table} (
            id               bigserial   PRIMARY KEY,
            payload          jsonb       NOT NULL,
            error            text        NOT NULL,
            is_completed     boolean     NOT NULL DEFAULT false,
            is_editing       boolean     NOT NULL DEFAULT false,
            category         text        NOT NULL,
            message_key      text        NOT NULL,
            replay_attempts  integer     NOT NULL DEFAULT 0,
            claimed_at       timestamptz NULL,
            created_at       timestamptz NOT NULL DEFAULT now(),
            updated_at       timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX IF NOT EXISTS {table}_open ON {schema}.{table} (id) WHERE NOT is_completed;
        -- Added after the tables shipped (so not in CREATE TABLE): the tries an event got before it was parked.
        ALTER TABLE {schema}.{table} ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
        """;
}
