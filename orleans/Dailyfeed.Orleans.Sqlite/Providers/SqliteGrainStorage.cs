using System.Globalization;
using Dailyfeed.Orleans.Sqlite.Options;
using Dailyfeed.Orleans.Sqlite.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dailyfeed.Orleans.Sqlite.Providers;

/// <summary>
/// Grain state in one SQLite file, one row per grain id and state name. The ETag is the row's version:
/// writes and clears succeed only against the version the caller read (none = the row must not exist),
/// otherwise they throw <see cref="InconsistentStateException"/> and change nothing.
/// A clear keeps the row as a tombstone with a new version, so a writer holding a pre-clear ETag still loses.
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const long FirstVersion = 1;

    private readonly string name;
    private readonly SqliteDatabase database;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activatorProvider;
    private readonly ILogger<SqliteGrainStorage> logger;

    public SqliteGrainStorage(
        string name,
        SqliteStorageOptions options,
        IGrainStorageSerializer serializer,
        IActivatorProvider activatorProvider,
        ILogger<SqliteGrainStorage> logger)
    {
        this.name = name;
        database = new SqliteDatabase(options);
        this.serializer = serializer;
        this.activatorProvider = activatorProvider;
        this.logger = logger;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(
            $"{nameof(SqliteGrainStorage)}-{name}", ServiceLifecycleStage.ApplicationServices, database.EnsureCreatedOrThrowAsync);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            "SELECT version, payload FROM orleans_grain_state WHERE state_name = $state_name AND grain_id = $grain_id;");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            SetAbsent(grainState, eTag: null);
            return;
        }

        var eTag = FormatETag(reader.GetInt64(0));
        if (await reader.IsDBNullAsync(1, cancellationToken))
        {
            SetAbsent(grainState, eTag);
            return;
        }

        var payload = reader.GetFieldValue<byte[]>(1);
        grainState.State = serializer.Deserialize<T>(new BinaryData(payload)) ?? CreateState<T>();
        grainState.ETag = eTag;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = grainState.ETag is null
            ? CreateKeyedCommand(connection, stateName, grainId,
                """
                INSERT INTO orleans_grain_state (state_name, grain_id, version, payload)
                VALUES ($state_name, $grain_id, $first_version, $payload)
                ON CONFLICT (state_name, grain_id) DO NOTHING
                RETURNING version;
                """)
            : CreateKeyedCommand(connection, stateName, grainId,
                """
                UPDATE orleans_grain_state SET version = version + 1, payload = $payload
                WHERE state_name = $state_name AND grain_id = $grain_id AND version = $version
                RETURNING version;
                """);
        command.Parameters.AddWithValue("$payload", payload);
        if (grainState.ETag is null)
        {
            command.Parameters.AddWithValue("$first_version", FirstVersion);
        }
        else
        {
            command.Parameters.AddWithValue("$version", ParseETagOrNull(grainState.ETag) ?? (object)DBNull.Value);
        }

        var newVersion = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw await CreateConflictAsync(connection, "write", stateName, grainId, grainState.ETag, cancellationToken);
        grainState.ETag = FormatETag(Convert.ToInt64(newVersion, CultureInfo.InvariantCulture));
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(
        string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        if (grainState.ETag is null)
        {
            // Nothing was read, so there must be nothing to clear: a row means another writer got there first.
            if (await ReadVersionAsync(connection, stateName, grainId, cancellationToken) is not null)
            {
                throw await CreateConflictAsync(connection, "clear", stateName, grainId, grainState.ETag, cancellationToken);
            }

            SetAbsent(grainState, eTag: null);
            return;
        }

        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            """
            UPDATE orleans_grain_state SET version = version + 1, payload = NULL
            WHERE state_name = $state_name AND grain_id = $grain_id AND version = $version
            RETURNING version;
            """);
        command.Parameters.AddWithValue("$version", ParseETagOrNull(grainState.ETag) ?? (object)DBNull.Value);
        var newVersion = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw await CreateConflictAsync(connection, "clear", stateName, grainId, grainState.ETag, cancellationToken);
        SetAbsent(grainState, FormatETag(Convert.ToInt64(newVersion, CultureInfo.InvariantCulture)));
    }

    private void SetAbsent<T>(IGrainState<T> grainState, string? eTag)
    {
        grainState.State = CreateState<T>();
        grainState.ETag = eTag;
        grainState.RecordExists = false;
    }

    private T CreateState<T>() => activatorProvider.GetActivator<T>().Create();

    private async Task<InconsistentStateException> CreateConflictAsync(
        SqliteConnection connection, string operation, string stateName, GrainId grainId, string? eTag,
        CancellationToken cancellationToken)
    {
        var storedVersion = await ReadVersionAsync(connection, stateName, grainId, cancellationToken);
        var storedETag = storedVersion is { } version ? FormatETag(version) : null;
        LogConflict(logger, operation, name, stateName, grainId, storedETag, eTag);
        return new InconsistentStateException(
            $"SQLite grain storage '{name}' refused a {operation} of state '{stateName}' of {grainId}: "
            + $"it holds ETag '{storedETag ?? "none"}', the grain had '{eTag ?? "none"}'.",
            storedETag,
            eTag);
    }

    private static async Task<long?> ReadVersionAsync(
        SqliteConnection connection, string stateName, GrainId grainId, CancellationToken cancellationToken)
    {
        await using var command = CreateKeyedCommand(connection, stateName, grainId,
            "SELECT version FROM orleans_grain_state WHERE state_name = $state_name AND grain_id = $grain_id;");
        return await command.ExecuteScalarAsync(cancellationToken) is { } version
            ? Convert.ToInt64(version, CultureInfo.InvariantCulture)
            : null;
    }

    private static SqliteCommand CreateKeyedCommand(SqliteConnection connection, string stateName, GrainId grainId, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$state_name", stateName);
        command.Parameters.AddWithValue("$grain_id", grainId.ToString());
        return command;
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    // An ETag this provider did not issue matches no row: the update finds nothing and reports a conflict.
    private static long? ParseETagOrNull(string? eTag) =>
        long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "SQLite grain storage {Provider} refused a {Operation} of state {StateName} of {GrainId}: stored ETag {StoredETag}, grain ETag {GrainETag}")]
    private static partial void LogConflict(
        ILogger logger, string operation, string provider, string stateName, GrainId grainId, string? storedETag, string? grainETag);
}
