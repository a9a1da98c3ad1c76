using Microsoft.Data.Sqlite;

namespace LlmOps.Storage.Sqlite;

/// <summary>The files the embedded store keeps beside its main file (scores, full-text index): names and attaching.</summary>
internal static class SqliteSideFile
{
    /// <summary><c>dir/llmops.db</c> with <paramref name="suffix"/> <c>.scores</c> → <c>dir/llmops.scores.db</c>.</summary>
    public static string PathFor(string mainPath, string suffix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mainPath);
        var full = Path.GetFullPath(mainPath);
        var ext = Path.GetExtension(full);
        var stem = full[..^ext.Length];
        return stem + suffix + (ext.Length > 0 ? ext : ".db");
    }

    /// <summary>
    /// Attaches <paramref name="path"/> to <paramref name="connection"/> as <paramref name="alias"/> unless it already is
    /// (pooled connections keep their attachments) or the file does not exist yet.
    /// </summary>
    public static void Attach(SqliteConnection connection, string path, string alias)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT count(*) FROM pragma_database_list WHERE name = '{alias}'";
        if (cmd.ExecuteScalar() is long n && n > 0 || !File.Exists(path))
        {
            return;
        }

        cmd.CommandText = $"ATTACH DATABASE $path AS {alias}";
        cmd.Parameters.AddWithValue("$path", path);
        cmd.ExecuteNonQuery();
    }
}
