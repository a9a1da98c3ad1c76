namespace LlmOps.Management.Annotations;

/// <summary>A claimed item and the lease token that submit/skip must present before <see cref="LeaseExpiresAt"/>.</summary>
internal sealed record ClaimedItem(AnnotationItem Item, string LeaseToken, DateTimeOffset LeaseExpiresAt);
