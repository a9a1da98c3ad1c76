using LlmOps.Management.Audit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LlmOps.Management.Data;

/// <summary>
/// Applies the management migrations and the example seed at start-up (before the background services and the API
/// use the tables). <see cref="WhenReady"/> completes once that is done.
/// </summary>
internal sealed partial class ManagementInitializer : IHostedService
{
    private readonly MigrationRunner _migrations;
    private readonly ExampleSeeder _seeder;
    private readonly AuditSearchIndex _auditSearch;
    private readonly ManagementStoreOptions _options;
    private readonly ILogger<ManagementInitializer> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ManagementInitializer(
        MigrationRunner migrations,
        ExampleSeeder seeder,
        AuditSearchIndex auditSearch,
        ManagementStoreOptions options,
        ILogger<ManagementInitializer> logger)
    {
        _migrations = migrations;
        _seeder = seeder;
        _auditSearch = auditSearch;
        _options = options;
        _logger = logger;
    }

    public Task WhenReady => _ready.Task;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready.Task.IsCompleted)
            {
                return;
            }

            var applied = await _migrations.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await _auditSearch.InitializeAsync(cancellationToken).ConfigureAwait(false);
            var seeded = _options.SeedExamples && await _seeder.SeedAsync(cancellationToken).ConfigureAwait(false);
            LogReady(_logger, applied, seeded);
            _ready.TrySetResult();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Management store ready: {Applied} migration(s) applied, examples seeded: {Seeded}")]
    private static partial void LogReady(ILogger logger, int applied, bool seeded);
}
