namespace LlmOps.Management;

/// <summary>Which database holds the management tables (the same one as telemetry).</summary>
internal enum ManagementDatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}
