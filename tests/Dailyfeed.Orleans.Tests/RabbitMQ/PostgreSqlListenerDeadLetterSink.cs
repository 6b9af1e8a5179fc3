using Dailyfeed.Orleans.Streaming.RabbitMQ.DeadLetters;
using Dailyfeed.Orleans.Tests.PostgreSql;
using Npgsql;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

/// <summary>
/// Dead letters in a <c>listener_dead_letters</c> table of a fresh PostgreSQL schema, as production will keep them;
/// one row per message key, so recording a letter again only refreshes it.
/// </summary>
public sealed class PostgreSqlListenerDeadLetterSink(PostgreSqlTestSchema schema) : IListenerDeadLetterSink
{
    public async Task CreateTableAsync()
    {
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            CREATE SCHEMA {schema.Name};
            CREATE TABLE {schema.Name}.listener_dead_letters (
                message_key text PRIMARY KEY,
                stream_id text NOT NULL,
                queue_name text NOT NULL,
                event_type text NOT NULL,
                payload bytea NOT NULL,
                error text NOT NULL,
                attempts integer NOT NULL,
                subscription_id uuid NOT NULL,
                failed_at timestamptz NOT NULL);
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task RecordAsync(ListenerDeadLetter deadLetter)
    {
        await using var connection = await schema.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO listener_dead_letters
                (message_key, stream_id, queue_name, event_type, payload, error, attempts, subscription_id, failed_at)
            VALUES (@key, @stream, @queue, @type, @payload, @error, @attempts, @subscription, @failedAt)
            ON CONFLICT (message_key) DO UPDATE
                SET error = excluded.error, attempts = excluded.attempts, failed_at = excluded.failed_at;
            """,
            connection);
        command.Parameters.AddWithValue("key", deadLetter.MessageKey);
        command.Parameters.AddWithValue("stream", deadLetter.StreamId);
        command.Parameters.AddWithValue("queue", deadLetter.QueueName);
        command.Parameters.AddWithValue("type", deadLetter.EventType);
        command.Parameters.AddWithValue("payload", deadLetter.Payload);
        command.Parameters.AddWithValue("error", deadLetter.Error);
        command.Parameters.AddWithValue("attempts", deadLetter.Attempts);
        command.Parameters.AddWithValue("subscription", deadLetter.SubscriptionId);
        command.Parameters.AddWithValue("failedAt", deadLetter.FailedAt);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<StoredDeadLetter>> ReadForStreamAsync(string streamId)
    {
        await using var connection = await schema.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT message_key, queue_name, event_type, length(payload), error, attempts FROM listener_dead_letters WHERE stream_id = @stream;",
            connection);
        command.Parameters.AddWithValue("stream", streamId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredDeadLetter>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredDeadLetter(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetInt32(5)));
        }

        return rows;
    }
}

/// <summary>A dead-letter row as read back from PostgreSQL.</summary>
public sealed record StoredDeadLetter(string MessageKey, string QueueName, string EventType, int PayloadLength, string Error, int Attempts);
