using System.Text.Json;

namespace LlmOps.Management.Datasets;

/// <summary>A dataset row: the question, what a good answer says, the context it should rest on, and review state.</summary>
internal sealed record DatasetItem(
    long Id,
    long DatasetId,
    string Input,
    string? ExpectedOutput,
    string? Context,
    string VerificationStatus,
    JsonElement Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static IReadOnlyList<string> Statuses { get; } = ["unverified", "verified", "rejected", "needs_review"];
}
