using LlmOps.Sdk.Context;

namespace FactoryAssistant;

/// <summary>A small factory knowledge base with keyword retrieval (no embeddings, fully offline).</summary>
internal sealed class KnowledgeBase
{
    public const string DataSource = "factory-kb";

    private static readonly char[] Separators = [' ', ',', '.', '?', '!', ':', ';', '-', '/'];

    public IReadOnlyList<FactoryDocument> Documents { get; } =
    [
        new("kb-001", "Press 4 hydraulic oil", "Press 4 uses ISO VG 46 hydraulic oil. Change it every 2000 operating hours and check the level each shift.", ["press", "hydraulic", "oil", "level", "change"]),
        new("kb-002", "Spindle lubrication", "CNC spindles 1 to 3 are greased every 500 hours with NLGI 2 lithium grease, 2 g per bearing.", ["spindle", "grease", "lubrication", "cnc", "bearing"]),
        new("kb-003", "Lockout tagout", "Before maintenance, isolate all energy sources, apply your personal lock and tag, and verify zero energy.", ["lockout", "tagout", "loto", "safety", "maintenance", "energy"]),
        new("kb-004", "Conveyor belt tension", "Conveyor C2 belt tension is 1.5 percent elongation; re-tension after the first 50 hours of a new belt.", ["conveyor", "belt", "tension", "c2"]),
        new("kb-005", "Torque specifications", "M8 bolts on the gearbox housing are torqued to 25 Nm, M10 to 49 Nm, in a cross pattern.", ["torque", "bolt", "m8", "m10", "gearbox"]),
        new("kb-006", "Robot cell fault E-214", "Fault E-214 on the welding robot means wire feed stall: check the liner and the drive rolls, then reset.", ["robot", "fault", "e-214", "welding", "wire", "error"]),
        new("kb-007", "Compressed air leaks", "Report air leaks in the maintenance app; leaks above 3 l/min are fixed within one shift.", ["air", "leak", "compressed", "pressure"]),
        new("kb-008", "Quality hold procedure", "Parts out of tolerance go to the red quality-hold rack; notify the shift quality lead and log the lot number.", ["quality", "tolerance", "hold", "lot", "defect"]),
        new("kb-009", "Coolant concentration", "CNC coolant concentration is kept between 6 and 8 percent; measure with the refractometer daily.", ["coolant", "concentration", "cnc", "refractometer"]),
        new("kb-010", "Shift handover", "Shift handover covers open work orders, machine faults and safety incidents, recorded in the handover log.", ["shift", "handover", "work", "orders", "log"]),
    ];

    public IReadOnlyList<(FactoryDocument Document, double Score)> Search(string query, int topK = 3)
    {
        var terms = query.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return Documents
            .Select(d => (Document: d, Score: Score(d, terms)))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .Take(topK)
            .ToList();
    }

    public static IEnumerable<LlmOpsDocument> ToLlmOps(IEnumerable<(FactoryDocument Document, double Score)> results) =>
        results.Select(r => new LlmOpsDocument(r.Document.Id, Math.Round(r.Score, 3), r.Document.Text));

    private static double Score(FactoryDocument document, HashSet<string> terms)
    {
        var hits = document.Keywords.Count(terms.Contains);
        return hits == 0 ? 0 : (double)hits / Math.Sqrt(document.Keywords.Count * Math.Max(1, terms.Count));
    }
}
