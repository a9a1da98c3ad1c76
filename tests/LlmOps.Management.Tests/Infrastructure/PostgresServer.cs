using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LlmOps.Management.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: <c>LLMOPS_TEST_POSTGRES</c> (an admin connection string) when set, otherwise a
/// throwaway cluster started once per test run from /usr/lib/postgresql/*/bin (as the postgres user when running as
/// root) in a temp dir on a free port, stopped when the test process exits. Each caller gets a fresh database.
/// Unavailable: fails with the reason when CI=true, otherwise the test is skipped.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<Task<string>> Admin = new(StartAsync);
    private static int _databases;

    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        string admin;
        try
        {
            admin = await Admin.Value.WaitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not BackendUnavailableException)
        {
            var reason = "PostgreSQL is not available for the tests: " + e.Message;
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(reason + " (CI=true: PostgreSQL is required; set LLMOPS_TEST_POSTGRES or install postgresql)", e);
            }

            throw new BackendUnavailableException(reason + " (set LLMOPS_TEST_POSTGRES or install postgresql)", e);
        }

        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}".ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 40 }.ToString();
    }

    private static async Task<string> StartAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LLMOPS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return fromEnv;
        }

        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException("no initdb under /usr/lib/postgresql/*/bin");
        }

        var root = Path.Combine(Path.GetTempPath(), $"llmops-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", root]).ConfigureAwait(false);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asRoot).ConfigureAwait(false);
        var port = FreePort();
        var options = $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(root, "log"), "-o", options, "-w", "-t", "60", "start"], asRoot).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
                DeleteWithRetry(root);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                // Best effort at exit.
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=30;Command Timeout=60";
    }

    private static void DeleteWithRetry(string dir)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                // The server may still be closing files.
                Task.Delay(200).GetAwaiter().GetResult();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgres = false)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        }
    }
}
