namespace LlmOps.Storage;

/// <summary>
/// Settings of the telemetry store (the <c>storage</c> section of the collector config). Validate with
/// <see cref="StorageOptionsValidator"/> before creating a store with <see cref="TelemetryStoreFactory"/>.
/// </summary>
internal sealed class StorageOptions
{
    public const string SqliteDriver = "sqlite";
    public const string PostgresDriver = "postgres";

    /// <summary><c>sqlite</c> (default, an embedded file) or <c>postgres</c> (shared by several collector replicas).</summary>
    public string Driver { get; set; } = SqliteDriver;

    /// <summary>SQLite database file; its directory is created when missing.</summary>
    public string Path { get; set; } = "./data/llmops.db";

    /// <summary>PostgreSQL connection string (Npgsql keywords); required when <see cref="Driver"/> is <c>postgres</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// SQLite <c>PRAGMA synchronous</c>: <c>full</c> (default) or <c>normal</c>. With <c>full</c> every commit is
    /// fsynced before <c>WriteAsync</c> returns, so an acknowledged export survives a crash of the process, the OS or
    /// the machine. With <c>normal</c> (WAL mode) commits are fsynced only at checkpoints: a crash of the process alone
    /// still loses nothing, but a power loss or OS crash can lose the most recent transactions — exports that were
    /// already acknowledged to clients. The database itself stays consistent either way. Scores and evaluation log lines
    /// the collector writes back itself are acknowledged to no client and are committed to the scores file without an
    /// fsync under either setting; its checkpoints make them durable.
    /// </summary>
    public string Synchronous { get; set; } = "full";

    /// <summary>
    /// How long telemetry is kept (traces with their spans and sessions, evaluation results, log records; on SQLite also
    /// the evaluation log); null keeps everything. Applied at start and hourly by the collector's retention service.
    /// </summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>How long a SQLite connection waits for a lock held by another connection before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SQLite only: the WAL size in MiB above which the span writer finishes a checkpoint the background checkpointer
    /// could not (under continuous writes it never catches up on its own), so that the WAL starts again from its
    /// beginning instead of growing without bound. Larger values mean fewer such pauses of the writer.
    /// </summary>
    public int WalLimitMb { get; set; } = 64;

    /// <summary>
    /// PostgreSQL only: how many transactions one batch is written in at once, its spans split by trace id (logs go
    /// with the first part). The server then works on a batch with that many backends instead of one. The batch is
    /// acknowledged once every part has committed; a part that fails fails the batch, whose retry finds the parts
    /// stored before (writes are idempotent). Batches of fewer than 256 spans per part are not split.
    /// </summary>
    public int Writers { get; set; } = 2;
}
