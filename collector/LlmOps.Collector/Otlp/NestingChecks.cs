using LlmOps.Processors.Model;

namespace LlmOps.Collector.Otlp;

/// <summary>The rejection reason span and log checks give for a value nested deeper than <see cref="AttrJson.MaxNesting"/>.</summary>
internal static class NestingChecks
{
    /// <summary>For attribute <paramref name="key"/>; <paramref name="what"/> names its place ("attribute", "event 2 attribute").</summary>
    public static string TooDeep(string what, string key) => TooDeep($"{what} '{key}'");

    /// <summary>For the value <paramref name="what"/> names ("body").</summary>
    public static string TooDeep(string what) => $"{what} nests arrayValue/kvlistValue more than {AttrJson.MaxNesting} levels deep";
}
