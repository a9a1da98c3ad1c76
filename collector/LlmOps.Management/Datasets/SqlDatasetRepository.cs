using System.Data.Common;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;

namespace LlmOps.Management.Datasets;

internal sealed class SqlDatasetRepository : IDatasetRepository
{
    private const string ItemColumns = "id, dataset_id, input, expected_output, context, verification_status, metadata, created_at, updated_at";
    private const string SummarySql = "SELECT d.id, d.name, d.description, (SELECT COUNT(*) FROM dataset_items i WHERE i.dataset_id = d.id), d.created_at, d.updated_at FROM datasets d";

    private readonly ManagementDatabase _db;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;

    public SqlDatasetRepository(ManagementDatabase db, IAuditLog audit, TimeProvider time)
    {
        _db = db;
        _audit = audit;
        _time = time;
    }

    public Task<IReadOnlyList<DatasetSummary>> ListAsync(CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<DatasetSummary>>(
            async s => await s.QueryAsync(SummarySql + " ORDER BY d.name", MapSummary, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    public Task<DatasetSummary> GetAsync(long id, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireAsync(s, id, cancellationToken), cancellationToken);

    public Task<DatasetSummary> CreateAsync(DatasetRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var check = new Check();
        var name = check.Name(request.Name, "name");
        var description = check.Optional(request.Description, "description", 2000);
        check.ThrowIfInvalid();
        return _db.WriteAsync(
            async s =>
            {
                var id = await CreateInSessionAsync(s, name, description, actor, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>Creates a dataset inside a caller's transaction (409 on a duplicate name); audits it.</summary>
    public async Task<long> CreateInSessionAsync(DbSession s, string name, string description, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        await EnsureUniqueAsync(s, name, null, ct).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var id = await s.ScalarLongAsync(
            "INSERT INTO datasets (name, description, created_at, updated_at) VALUES (@n, @d, @t, @t) RETURNING id",
            ct,
            ("n", name),
            ("d", description),
            ("t", now)).ConfigureAwait(false) ?? 0;
        await _audit.AppendAsync(s, AuditTypes.Dataset, "create", actor, new { id, name }, ct).ConfigureAwait(false);
        return id;
    }

    public Task<DatasetSummary> UpdateAsync(long id, DatasetRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _db.WriteAsync(
            async s =>
            {
                var current = await RequireAsync(s, id, cancellationToken, lockRow: true).ConfigureAwait(false);
                var check = new Check();
                var name = check.Name(request.Name ?? current.Name, "name");
                var description = check.Optional(request.Description ?? current.Description, "description", 2000);
                check.ThrowIfInvalid();
                await EnsureUniqueAsync(s, name, id, cancellationToken).ConfigureAwait(false);
                await s.ExecuteAsync(
                    "UPDATE datasets SET name = @n, description = @d, updated_at = @t WHERE id = @id",
                    cancellationToken,
                    ("n", name),
                    ("d", description),
                    ("t", _time.GetUtcNow()),
                    ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Dataset, "update", actor, new { id, from = current.Name, to = name }, cancellationToken).ConfigureAwait(false);
                return await RequireAsync(s, id, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task DeleteAsync(long id, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                var current = await RequireAsync(s, id, cancellationToken, lockRow: true).ConfigureAwait(false);
                await s.ExecuteAsync("DELETE FROM datasets WHERE id = @id", cancellationToken, ("id", id)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Dataset, "delete", actor, new { id, current.Name, current.ItemCount }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<DatasetItem>> ListItemsAsync(long datasetId, string? status, long? afterId, int limit, CancellationToken cancellationToken)
    {
        if (status is not null && !DatasetItem.Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw ApiProblemException.BadRequest($"status must be one of {string.Join(", ", DatasetItem.Statuses)}");
        }

        return _db.ReadAsync<IReadOnlyList<DatasetItem>>(
            async s =>
            {
                await RequireAsync(s, datasetId, cancellationToken).ConfigureAwait(false);
                return await s.QueryAsync(
                    "SELECT " + ItemColumns + " FROM dataset_items WHERE dataset_id = @d AND id > @after" + (status is null ? string.Empty : " AND verification_status = @st") + " ORDER BY id LIMIT @limit",
                    MapItem,
                    cancellationToken,
                    [("d", datasetId), ("after", afterId ?? 0L), ("limit", (long)limit), .. status is null ? Array.Empty<(string, object?)>() : [("st", status)]]).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<DatasetItem> GetItemAsync(long datasetId, long itemId, CancellationToken cancellationToken) =>
        _db.ReadAsync(s => RequireItemAsync(s, datasetId, itemId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DatasetItem>> AddItemsAsync(long datasetId, IReadOnlyList<DatasetItemRequest> items, string action, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var validated = ValidateItems(items);
        return _db.WriteAsync<IReadOnlyList<DatasetItem>>(
            async s =>
            {
                await RequireAsync(s, datasetId, cancellationToken, lockRow: true).ConfigureAwait(false);
                var ids = await InsertItemsAsync(s, datasetId, validated, cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Dataset, action, actor, new { id = datasetId, items = ids.Count }, cancellationToken).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    return [];
                }

                return await s.QueryAsync(
                    "SELECT " + ItemColumns + " FROM dataset_items WHERE dataset_id = @d AND id >= @min AND id <= @max ORDER BY id",
                    MapItem,
                    cancellationToken,
                    ("d", datasetId),
                    ("min", ids.Min()),
                    ("max", ids.Max())).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task<DatasetItem> UpdateItemAsync(long datasetId, long itemId, DatasetItemRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _db.WriteAsync(
            async s =>
            {
                var current = await RequireItemAsync(s, datasetId, itemId, cancellationToken, lockRow: true).ConfigureAwait(false);
                var merged = new DatasetItemRequest
                {
                    Input = request.Input ?? current.Input,
                    ExpectedOutput = request.ExpectedOutput ?? current.ExpectedOutput,
                    Context = request.Context ?? current.Context,
                    VerificationStatus = request.VerificationStatus ?? current.VerificationStatus,
                    Metadata = request.Metadata ?? current.Metadata,
                };
                var v = ValidateItems([merged])[0];
                await s.ExecuteAsync(
                    "UPDATE dataset_items SET input = @i, expected_output = @e, context = @c, verification_status = @v, metadata = @m, updated_at = @t WHERE id = @id",
                    cancellationToken,
                    ("i", v.Input),
                    ("e", v.Expected),
                    ("c", v.Context),
                    ("v", v.Status),
                    ("m", v.Metadata),
                    ("t", _time.GetUtcNow()),
                    ("id", itemId)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Dataset, "update_item", actor, new { id = datasetId, itemId, verificationStatus = v.Status }, cancellationToken).ConfigureAwait(false);
                return await RequireItemAsync(s, datasetId, itemId, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    public Task DeleteItemAsync(long datasetId, long itemId, string actor, CancellationToken cancellationToken) =>
        _db.WriteAsync(
            async s =>
            {
                await RequireItemAsync(s, datasetId, itemId, cancellationToken, lockRow: true).ConfigureAwait(false);
                await s.ExecuteAsync("DELETE FROM dataset_items WHERE id = @id", cancellationToken, ("id", itemId)).ConfigureAwait(false);
                await _audit.AppendAsync(s, AuditTypes.Dataset, "delete_item", actor, new { id = datasetId, itemId }, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    public Task<IReadOnlyList<DatasetItem>> AllItemsAsync(long datasetId, CancellationToken cancellationToken) =>
        _db.ReadAsync<IReadOnlyList<DatasetItem>>(
            async s =>
            {
                await RequireAsync(s, datasetId, cancellationToken).ConfigureAwait(false);
                return await s.QueryAsync("SELECT " + ItemColumns + " FROM dataset_items WHERE dataset_id = @d ORDER BY id", MapItem, cancellationToken, ("d", datasetId)).ConfigureAwait(false);
            },
            cancellationToken);

    /// <summary>Validated item values ready to insert.</summary>
    internal sealed record ValidItem(string Input, string? Expected, string? Context, string Status, string Metadata);

    public static List<ValidItem> ValidateItems(IReadOnlyList<DatasetItemRequest> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var check = new Check();
        if (items.Count > 100_000)
        {
            check.Fail("items", "at most 100000 items per request");
        }

        var list = new List<ValidItem>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var r = items[i];
            if (r is null)
            {
                check.Fail($"items[{i}]", "null item");
                continue;
            }

            var p = items.Count == 1 ? string.Empty : $"items[{i}].";
            var input = check.Required(r.Input, p + "input");
            var expected = r.ExpectedOutput is null ? null : check.Optional(r.ExpectedOutput, p + "expectedOutput");
            var context = r.Context is null ? null : check.Optional(r.Context, p + "context");
            var status = check.OneOf(r.VerificationStatus, p + "verificationStatus", DatasetItem.Statuses, "unverified");
            var metadata = check.JsonObject(r.Metadata, p + "metadata");
            list.Add(new ValidItem(input, expected, context, status, metadata));
        }

        check.ThrowIfInvalid();
        return list;
    }

    public async Task<List<long>> InsertItemsAsync(DbSession s, long datasetId, IReadOnlyList<ValidItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(items);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var ids = new List<long>(items.Count);
        await using var command = s.Command(
            "INSERT INTO dataset_items (dataset_id, input, expected_output, context, verification_status, metadata, created_at, updated_at) VALUES (@d, @i, @e, @c, @v, @m, @t, @t) RETURNING id",
            [("d", datasetId), ("i", string.Empty), ("e", null), ("c", null), ("v", string.Empty), ("m", string.Empty), ("t", now)]);
        foreach (var item in items)
        {
            command.Parameters[1].Value = item.Input;
            command.Parameters[2].Value = (object?)item.Expected ?? DBNull.Value;
            command.Parameters[3].Value = (object?)item.Context ?? DBNull.Value;
            command.Parameters[4].Value = item.Status;
            command.Parameters[5].Value = item.Metadata;
            ids.Add(Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture));
        }

        if (items.Count > 0)
        {
            await s.ExecuteAsync("UPDATE datasets SET updated_at = @t WHERE id = @id", ct, ("t", now), ("id", datasetId)).ConfigureAwait(false);
        }

        return ids;
    }

    public static async Task<DatasetSummary> RequireAsync(DbSession s, long id, CancellationToken ct, bool lockRow = false)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (lockRow && s.ForUpdate.Length > 0)
        {
            await s.ExecuteAsync("SELECT id FROM datasets WHERE id = @id" + s.ForUpdate, ct, ("id", id)).ConfigureAwait(false);
        }

        return await s.QuerySingleAsync(SummarySql + " WHERE d.id = @id", MapSummary, ct, ("id", id)).ConfigureAwait(false)
            ?? throw ApiProblemException.NotFound($"no dataset with id {id}");
    }

    private static async Task<DatasetItem> RequireItemAsync(DbSession s, long datasetId, long itemId, CancellationToken ct, bool lockRow = false)
    {
        await RequireAsync(s, datasetId, ct).ConfigureAwait(false);
        return await s.QuerySingleAsync(
            "SELECT " + ItemColumns + " FROM dataset_items WHERE id = @id AND dataset_id = @d" + (lockRow ? s.ForUpdate : string.Empty),
            MapItem,
            ct,
            ("id", itemId),
            ("d", datasetId)).ConfigureAwait(false) ?? throw ApiProblemException.NotFound($"dataset {datasetId} has no item {itemId}");
    }

    private static async Task EnsureUniqueAsync(DbSession s, string name, long? exceptId, CancellationToken ct)
    {
        var n = await s.ScalarLongAsync("SELECT COUNT(*) FROM datasets WHERE name = @n AND id <> @id", ct, ("n", name), ("id", exceptId ?? 0L)).ConfigureAwait(false);
        if (n > 0)
        {
            throw ApiProblemException.Conflict($"a dataset named '{name}' already exists");
        }
    }

    private static DatasetSummary MapSummary(DbDataReader r) => new(r.Long(0), r.Str(1), r.Str(2), r.Long(3), r.Time(4), r.Time(5));

    private static DatasetItem MapItem(DbDataReader r) => new(
        r.Long(0),
        r.Long(1),
        r.Str(2),
        r.StrOrNull(3),
        r.StrOrNull(4),
        r.Str(5),
        JsonText.Element(r.Str(6)),
        r.Time(7),
        r.Time(8));
}
