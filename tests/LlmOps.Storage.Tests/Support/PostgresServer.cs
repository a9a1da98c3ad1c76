using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LlmOps.Storage.Tests.Support;

/// <summary>
/// A real PostgreSQL for the tests: the server named by <c>LLMOPS_TEST_POSTGRES</c> (a connection string), or else a
/// throwaway cluster started here (initdb + pg_ctl from /usr/lib/postgresql/*/bin or PATH, run as the <c>postgres</c>
/// user when the tests run as root, in a temp dir on a free port) and stopped at the end of the run. Every test gets
/// its own database.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "LLMOPS_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static Cluster? _cluster;

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)) || FindBinary("initdb") is not null)
            {
                return null;
            }

            return string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
                ? null
                : $"PostgreSQL not available: set {EnvironmentVariable} to a connection string or install PostgreSQL (initdb/pg_ctl), e.g. apt-get install -y postgresql";
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionStringAsync().ConfigureAwait(false);
        var name = "llmops_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var admin = await AdminConnectionStringAsync().ConfigureAwait(false);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync().WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
    }

    private static async Task<string> AdminConnectionStringAsync()
    {
        await Gate.WaitAsync().WaitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
        try
        {
            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(fromEnv))
            {
                _adminConnectionString = fromEnv;
                return fromEnv;
            }

            var initdb = FindBinary("initdb") ?? throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {EnvironmentVariable} to a connection string, or install PostgreSQL so initdb and pg_ctl are found under /usr/lib/postgresql/*/bin or on PATH.");
            _cluster = await Cluster.StartAsync(initdb).ConfigureAwait(false);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => _cluster.Stop();
            _adminConnectionString = _cluster.ConnectionString;
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? FindBinary(string name)
    {
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var candidates = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(p => p, StringComparer.Ordinal);
            if (candidates.FirstOrDefault() is { } found)
            {
                return found;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, name);
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }

    private sealed class Cluster
    {
        private readonly string _pgCtl;
        private readonly string _root;
        private readonly string _data;
        private readonly bool _asPostgresUser;

        private Cluster(string pgCtl, string root, bool asPostgresUser, int port)
        {
            _pgCtl = pgCtl;
            _root = root;
            _data = Path.Combine(root, "data");
            _asPostgresUser = asPostgresUser;
            ConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "postgres",
                Database = "postgres",
                Timeout = 30,
            }.ConnectionString;
        }

        public string ConnectionString { get; }

        public static async Task<Cluster> StartAsync(string initdb)
        {
            var bin = Path.GetDirectoryName(initdb)!;
            var pgCtl = Path.Combine(bin, "pg_ctl");
            var root = Directory.CreateTempSubdirectory("llmops-pg-").FullName;
            var asPostgres = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
            if (asPostgres)
            {
                // PostgreSQL refuses to run as root: the cluster belongs to the postgres OS user.
                await RunAsync("chown", ["postgres:postgres", root], false).ConfigureAwait(false);
            }

            var port = FreePort();
            var cluster = new Cluster(pgCtl, root, asPostgres, port);
            await RunAsync(initdb, ["-D", cluster._data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-locale"], asPostgres).ConfigureAwait(false);
            var options = string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            await RunAsync(pgCtl, ["-D", cluster._data, "-o", options, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start"], asPostgres).ConfigureAwait(false);
            return cluster;
        }

        public void Stop()
        {
            try
            {
                using var p = Start(_pgCtl, ["-D", _data, "-m", "immediate", "-w", "stop"], _asPostgresUser);
                p.WaitForExit(TimeSpan.FromSeconds(30));
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }

        private static int FreePort()
        {
            using var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return ((IPEndPoint)l.LocalEndpoint).Port;
        }

        private static async Task RunAsync(string file, string[] args, bool asPostgres)
        {
            using var p = Start(file, args, asPostgres);
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            if (p.ExitCode != 0)
            {
                throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {await stderr.ConfigureAwait(false)} {await stdout.ConfigureAwait(false)}");
            }
        }

        private static Process Start(string file, string[] args, bool asPostgres)
        {
            var psi = new ProcessStartInfo(asPostgres ? "runuser" : file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetTempPath(),
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

            return Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        }
    }
}
