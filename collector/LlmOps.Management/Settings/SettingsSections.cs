namespace LlmOps.Management.Settings;

/// <summary>The settings sections, their types, defaults and validators (every error collected).</summary>
internal static class SettingsSections
{
    public const string Retrieval = "retrieval";
    public const string Embedding = "embedding";
    public const string Generation = "generation";
    public const string HybridSearch = "hybrid-search";
    public const string Guardrails = "guardrails";
    public const string Project = "project";

    public static IReadOnlyList<string> Names { get; } = [Retrieval, Embedding, Generation, HybridSearch, Guardrails, Project];

    private static readonly string[] Environments = ["development", "staging", "production"];

    public static Type? TypeOf(string section) => section switch
    {
        Retrieval => typeof(RetrievalSettings),
        Embedding => typeof(EmbeddingSettings),
        Generation => typeof(GenerationSettings),
        HybridSearch => typeof(HybridSearchSettings),
        Guardrails => typeof(GuardrailSettings),
        Project => typeof(ProjectSettings),
        _ => null,
    };

    public static object Default(string section) => Activator.CreateInstance(TypeOf(section) ?? throw new ArgumentOutOfRangeException(nameof(section)))!;

    public static SettingsValidation Validate(object value)
    {
        var v = new SettingsValidation();
        switch (value)
        {
            case RetrievalSettings r:
                v.Range(r.TopK, "topK", 1, 100);
                v.Range(r.SimilarityThreshold, "similarityThreshold", 0, 1);
                v.Range(r.ChunkSize, "chunkSize", 16, 32768);
                v.Range(r.ChunkOverlap, "chunkOverlap", 0, 32768);
                if (r.SemanticRanker)
                {
                    v.NotEmpty(r.RerankerModel, "rerankerModel");
                }

                if (r.ChunkOverlap >= r.ChunkSize)
                {
                    v.RuleErrors.Add($"chunkOverlap: must be smaller than chunkSize ({r.ChunkOverlap} >= {r.ChunkSize})");
                }

                break;
            case EmbeddingSettings e:
                v.NotEmpty(e.Model, "model");
                v.Range(e.Dimensions, "dimensions", 1, 16384);
                v.Range(e.BatchSize, "batchSize", 1, 4096);
                break;
            case GenerationSettings g:
                v.NotEmpty(g.Model, "model");
                v.Range(g.Temperature, "temperature", 0, 2);
                v.Range(g.MaxTokens, "maxTokens", 1, 200_000);
                v.Range(g.TopP, "topP", 0, 1);
                v.Range(g.FrequencyPenalty, "frequencyPenalty", -2, 2);
                v.Range(g.PresencePenalty, "presencePenalty", -2, 2);
                break;
            case HybridSearchSettings h:
                v.Range(h.Bm25Weight, "bm25Weight", 0, 1);
                v.Range(h.VectorWeight, "vectorWeight", 0, 1);
                if (Math.Abs(h.Bm25Weight + h.VectorWeight - 1) > 1e-6)
                {
                    v.RuleErrors.Add($"weights: bm25Weight + vectorWeight must sum to 1 (got {h.Bm25Weight + h.VectorWeight:R})");
                }

                break;
            case GuardrailSettings gr:
                v.Range(gr.ToxicityThreshold, "toxicityThreshold", 0, 1);
                v.Range(gr.HallucinationThreshold, "hallucinationThreshold", 0, 1);
                v.Range(gr.MinConfidence, "minConfidence", 0, 1);
                v.Range(gr.AutoEscalationThreshold, "autoEscalationThreshold", 0, 1);
                if (gr.MaxContextLength < 0)
                {
                    v.FieldErrors.Add("maxContextLength: must be 0 (off) or a positive number of characters");
                }

                v.NotEmpty(gr.ReviewQueue, "reviewQueue");
                break;
            case ProjectSettings p:
                v.NotEmpty(p.Name, "name");
                if (!Environments.Contains(p.Environment, StringComparer.Ordinal))
                {
                    v.FieldErrors.Add($"environment: must be one of {string.Join(", ", Environments)}");
                }

                if (p.WebhookUrl is { Length: > 2000 })
                {
                    v.FieldErrors.Add("webhookUrl: must be at most 2000 characters");
                }
                else if (!string.IsNullOrEmpty(p.WebhookUrl)
                    && (!Uri.TryCreate(p.WebhookUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
                {
                    v.FieldErrors.Add("webhookUrl: must be an absolute http(s) URL");
                }

                v.Range(p.SimulatorSpikeFrequency, "simulatorSpikeFrequency", 0, 1);
                v.Range(p.SimulatorNoiseLevel, "simulatorNoiseLevel", 0, 1);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(value));
        }

        return v;
    }
}
