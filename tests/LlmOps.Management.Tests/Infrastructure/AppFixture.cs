using Xunit;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>One app on a fresh database per test class (class fixture). Records why a backend is unavailable.</summary>
public abstract class AppFixture : IAsyncLifetime
{
    private ManagementApp? _app;

    internal abstract ManagementDatabaseProvider Provider { get; }

    internal ManagementApp App => _app ?? throw Unavailable!;

    internal Exception? Unavailable { get; private set; }

    internal string? Location { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            Location = await Backend.CreateAsync(Provider, GetType().Name).ConfigureAwait(false);
        }
        catch (BackendUnavailableException e)
        {
            Unavailable = e;
            return;
        }

        _app = await ManagementApp.StartAsync(Backend.Options(Provider, Location, Configure)).ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal virtual void Configure(ManagementStoreOptions options)
    {
    }
}
