using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Dailyfeed.Orleans.Outbox.Sqlite.Hosting;

/// <summary>
/// One writer for the file, as SQLite allows only one anyway: callers queue their write and await it without holding
/// a thread, and the writer runs everything queued meanwhile in one transaction, each write in its own savepoint so a
/// failed write (a stale ETag) rolls back alone. One commit for many grains' writes is what keeps a post's fan-out to
/// dozens of feeds from costing dozens of commits.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly int _maxBatch;
    private readonly Task _writer;

    public SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open, int maxBatch)
    {
        _open = open;
        _maxBatch = maxBatch;
        _writer = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        var write = new Write<T>(work, cancellationToken);
        return _queue.Writer.TryWrite(write) ? write.Completion.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteGroupCommit)));
    }

    private async Task RunAsync()
    {
        var batch = new List<IWrite>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
            {
                if (!write.CancelIfRequested())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<IWrite> batch)
    {
        try
        {
            await using var connection = await _open(CancellationToken.None).ConfigureAwait(false);
            await using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < batch.Count; i++)
            {
                var savepoint = $"w{i}";
                transaction.Save(savepoint);
                if (await batch[i].RunAsync(connection, transaction).ConfigureAwait(false))
                {
                    transaction.Release(savepoint);
                }
                else
                {
                    transaction.Rollback(savepoint);
                    transaction.Release(savepoint);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Nothing of this batch is on disk: every caller that had not failed on its own learns so.
            batch.ForEach(write => write.Fail(ex));
            return;
        }

        // Results are published only once the commit holds them.
        batch.ForEach(write => write.Publish());
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private interface IWrite
    {
        bool CancelIfRequested();

        /// <summary>Runs the write; false when it threw (its savepoint is then rolled back).</summary>
        Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction);

        void Fail(Exception exception);

        void Publish();
    }

    private sealed class Write<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken) : IWrite
    {
        private T? _result;
        private Exception? _error;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool CancelIfRequested() => cancellationToken.IsCancellationRequested && Completion.TrySetCanceled(cancellationToken);

        public async Task<bool> RunAsync(SqliteConnection connection, SqliteTransaction transaction)
        {
            try
            {
                _result = await work(connection, transaction).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public void Fail(Exception exception) => Completion.TrySetException(_error ?? exception);

        public void Publish()
        {
            if (_error is not null)
            {
                Completion.TrySetException(_error);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }
    }
}
