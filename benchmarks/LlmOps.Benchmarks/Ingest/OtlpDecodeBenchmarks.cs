using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using LlmOps.Collector.Otlp;
using LlmOps.LoadGen;
using LlmOps.Protos.Collector.Trace.V1;

namespace LlmOps.Benchmarks.Ingest;

/// <summary>
/// Protobuf decode of one OTLP export request of 100 GenAI spans (~1.8 KB, 20 attributes each), reported per span.
/// Baseline: the generated Google.Protobuf parser alone. Then parse + mapping to the internal model (hex ids, typed
/// attributes, resource/scope) + GenAI normalisation, which is what the receivers do per request (the message texts
/// are derived lazily, on first read: <see cref="ParseMapAndReadTexts"/> reads them all). The receivers now read the
/// wire bytes straight into the model (<see cref="WireDecodeToModel"/>); parse + map is its reference.
/// </summary>
[MemoryDiagnoser]
public class OtlpDecodeBenchmarks
{
    private const int Spans = 100;
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup() => _payload = new GenAiSpanFactory().CreateRequest(Spans).ToByteArray();

    [Benchmark(Baseline = true, OperationsPerInvoke = Spans)]
    public ExportTraceServiceRequest ParseOnly() => ExportTraceServiceRequest.Parser.ParseFrom(_payload);

    [Benchmark(OperationsPerInvoke = Spans)]
    public int ParseAndMapWithoutGenAiNormalizer()
    {
        var result = new DecodeResult();
        OtlpProtoDecoder.MapTraces(ExportTraceServiceRequest.Parser.ParseFrom(_payload), result, normalizeGenAi: false);
        return result.Batch.Spans.Count;
    }

    [Benchmark(OperationsPerInvoke = Spans)]
    public int ParseAndMapToModel() => OtlpProtoDecoder.DecodeTraces(_payload).Batch.Spans.Count;

    /// <summary>What the receivers run: the wire bytes read straight into the model, GenAI normalisation included.</summary>
    [Benchmark(OperationsPerInvoke = Spans)]
    public int WireDecodeToModel() => OtlpTraceWireDecoder.DecodeTraces(_payload).Batch.Spans.Count;

    /// <summary>The receivers' decode, then every span's input and output text read (as guardrails and the store do).</summary>
    [Benchmark(OperationsPerInvoke = Spans)]
    public int ParseMapAndReadTexts()
    {
        var length = 0;
        foreach (var span in OtlpTraceWireDecoder.DecodeTraces(_payload).Batch.Spans)
        {
            length += (span.GenAi.InputText?.Length ?? 0) + (span.GenAi.OutputText?.Length ?? 0);
        }

        return length;
    }
}
