using LlmOps.Processors.Configuration;

namespace LlmOps.Management;

/// <summary>Where the management data lives and how the API behaves. POCO with defaults; see <see cref="ManagementStoreOptionsValidator"/>.</summary>
internal sealed class ManagementStoreOptions
{
    public ManagementDatabaseProvider Provider { get; set; } = ManagementDatabaseProvider.Sqlite;

    /// <summary>SQLite database file (shared with telemetry; the management tables are separate).</summary>
    public string SqlitePath { get; set; } = "./data/llmops.db";

    /// <summary>
    /// Further SQLite files attached to every management connection, by alias (the telemetry store's scores file, which
    /// holds <c>evaluation_logs</c>). A file is attached once it exists.
    /// </summary>
    public Dictionary<string, string> SqliteAttachments { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// SQLite: <c>evaluation_logs</c> is the telemetry store's, whose lines for stored spans are indexed by the span's row
    /// id (<c>span_row</c>) rather than by trace id; queries by trace go through the span table.
    /// </summary>
    public bool SqliteEvaluationLogsBySpanRow { get; set; }

    /// <summary>
    /// SQLite: the telemetry store checkpoints the file's WAL (and its scores file's) on a schedule of its own, so
    /// management connections leave checkpoints to it. Otherwise a management commit that finds the WAL over 1,000
    /// pages (nearly always, under ingest) copies it into the database itself, inside the API request.
    /// </summary>
    public bool SqliteCheckpointedByStore { get; set; }

    /// <summary>PostgreSQL connection string, used when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// API keys accepted in <c>X-Api-Key</c>: <c>name:key</c> (admin), <c>name[role]:key</c>, <c>name[scope,scope]:key</c>
    /// or a bare key (admin, named <c>key-1</c>, ...). With none configured and none issued the API is open.
    /// </summary>
    public List<string> ApiKeys
    {
        get => Access.ApiKeys;
        set => Access.ApiKeys = value;
    }

    /// <summary>Keys, open reads, rate limits, body limits and the key cache (<c>service.management</c>).</summary>
    public ManagementOptions Access { get; set; } = new();

    /// <summary>Insert the example prompts, datasets and queues once on first start.</summary>
    public bool SeedExamples { get; set; } = true;

    /// <summary>Run the background evaluation-run worker in this process.</summary>
    public bool RunEvaluationWorker { get; set; } = true;

    /// <summary>How often other replicas' settings changes are picked up (the settings version counter is polled).</summary>
    public TimeSpan SettingsPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often queued evaluation runs (e.g. submitted to another replica that stopped) are looked for.</summary>
    public TimeSpan RunPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A running evaluation run whose runner has recorded no item for this long is queued again (its process stopped
    /// or crashed) and resumed by any replica, keeping the items already recorded.
    /// </summary>
    public TimeSpan RunStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Default annotation lease when a queue does not set one.</summary>
    public TimeSpan DefaultLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Identifies this replica in job leases and run claims.</summary>
    public string InstanceId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";
}
