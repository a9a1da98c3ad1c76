using System.Data.Common;

namespace LlmOps.Management.Data;

/// <summary>One connection (and, for writes, its transaction) with small helpers for parameterized SQL.</summary>
internal sealed class DbSession
{
    public DbSession(ManagementDatabase database, DbConnection connection, DbTransaction? transaction)
    {
        Database = database;
        Connection = connection;
        Transaction = transaction;
    }

    public ManagementDatabase Database { get; }

    public DbConnection Connection { get; }

    public DbTransaction? Transaction { get; }

    public string ForUpdate => Database.ForUpdate;

    public DbCommand Command(string sql, ReadOnlySpan<(string Name, object? Value)> args)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in args)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = ToDb(value);
            command.Parameters.Add(p);
        }

        return command;
    }

    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var command = Command(sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        await using var command = Command(sql, args);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    public async Task<long?> ScalarLongAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] args)
    {
        var value = await ScalarAsync(sql, cancellationToken, args).ConfigureAwait(false);
        return value is null ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<T>> QueryAsync<T>(
        string sql,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] args)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var command = Command(sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(map(reader));
        }

        return list;
    }

    public async Task<T?> QuerySingleAsync<T>(
        string sql,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken,
        params (string Name, object? Value)[] args)
        where T : class
    {
        var list = await QueryAsync(sql, map, cancellationToken, args).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    private static object ToDb(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        int i => (long)i,
        DateTimeOffset d => d.ToUnixTimeMilliseconds(),
        _ => value,
    };
}
