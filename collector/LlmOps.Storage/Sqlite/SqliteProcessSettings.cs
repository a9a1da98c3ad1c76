using SQLitePCL;

namespace LlmOps.Storage.Sqlite;

/// <summary>
/// Process-wide SQLite settings, which SQLite accepts only before its first connection opens: the collector applies
/// them first thing in <c>Main</c>.
/// Memory statistics are turned off. With them on (this SQLite build's default) every allocation and free inside SQLite
/// takes one mutex shared by all connections of the process, so the span writer, the search index's writer, the WAL
/// checkpointer and the readers queue on it. Nothing in the collector reads those statistics (they would only feed
/// <c>sqlite3_memory_used</c> and a soft heap limit, neither of which is used). Measured at 10,000 spans/s offered: 4–19% less
/// collector CPU per span, 13% on average (benchmarks/README.md, "Where the store's time goes").
/// </summary>
internal static class SqliteProcessSettings
{
    private static readonly Lazy<int> MemoryStatistics = new(() =>
    {
        Batteries_V2.Init();
        return raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
    });

    /// <summary>
    /// Turns SQLite's memory statistics off (once). SQLite refuses (misuse) when a connection had already initialized
    /// it in this process, which leaves the statistics on and costs only speed; <see cref="MemoryStatisticsOff"/> tells.
    /// </summary>
    public static void DisableMemoryStatistics() => _ = MemoryStatistics.Value;

    /// <summary>
    /// Whether <see cref="DisableMemoryStatistics"/> turned the statistics off: true, false (tried too late), or null
    /// when this process never tried (a host that embeds the store without the collector's <c>Main</c>).
    /// </summary>
    public static bool? MemoryStatisticsOff => MemoryStatistics.IsValueCreated ? MemoryStatistics.Value == raw.SQLITE_OK : null;
}
