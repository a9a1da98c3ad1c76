using System.Collections.Frozen;
using System.Globalization;
using System.Text.Unicode;
using Google.Protobuf.Reflection;
using LlmOps.Protos.Collector.Logs.V1;
using LlmOps.Protos.Collector.Metrics.V1;

namespace LlmOps.Collector.Otlp;

/// <summary>
/// Finds the strings of a protobuf log or metric request that are not valid UTF-8: the generated parser that decodes
/// those requests replaces invalid bytes by U+FFFD and tells nobody, so the wire bytes are walked once more, by the
/// messages' descriptors, and each string field is validated where it lies (<see cref="Utf8.IsValid"/>: vectorised,
/// nothing decoded or copied). Each resource, scope and item (log record, metric) holding one is named once, as the
/// trace decoder names spans: <c>resource 0</c>, <c>scope 1 of resource 0</c>, then the item.
/// </summary>
internal static class OtlpUtf8Check
{
    /// <summary>What each field number of each message of the requests is: a string, a message (its descriptor), or other.</summary>
    private static readonly FrozenDictionary<MessageDescriptor, FieldDescriptor?[]> Fields =
        Build(ExportLogsServiceRequest.Descriptor, ExportMetricsServiceRequest.Descriptor);

    /// <summary>Notes in <paramref name="rejections"/> each place of a parsed logs request that had invalid UTF-8.</summary>
    public static void CheckLogs(ReadOnlySpan<byte> payload, Rejections rejections) =>
        new Walk(rejections, static (r, s, i) => string.Create(CultureInfo.InvariantCulture, $"log record (resource {r}, scope {s}, index {i})"))
            .Message(payload, ExportLogsServiceRequest.Descriptor, level: 0, onPath: true);

    /// <summary>Notes in <paramref name="rejections"/> each place of a parsed metrics request that had invalid UTF-8.</summary>
    public static void CheckMetrics(ReadOnlySpan<byte> payload, ExportMetricsServiceRequest request, Rejections rejections) =>
        new Walk(rejections, (r, s, i) => string.Create(CultureInfo.InvariantCulture, $"metric '{request.ResourceMetrics[r].ScopeMetrics[s].Metrics[i].Name}' (resource {r}, scope {s}, index {i})"))
            .Message(payload, ExportMetricsServiceRequest.Descriptor, level: 0, onPath: true);

    private static FrozenDictionary<MessageDescriptor, FieldDescriptor?[]> Build(params MessageDescriptor[] roots)
    {
        var tables = new Dictionary<MessageDescriptor, FieldDescriptor?[]>();
        var pending = new Stack<MessageDescriptor>(roots);
        while (pending.TryPop(out var message))
        {
            if (tables.ContainsKey(message))
            {
                continue;
            }

            var fields = message.Fields.InFieldNumberOrder();
            var table = new FieldDescriptor?[fields.Count == 0 ? 1 : fields[^1].FieldNumber + 1];
            foreach (var field in fields)
            {
                if (field.FieldType == FieldType.String)
                {
                    table[field.FieldNumber] = field;
                }
                else if (field.FieldType == FieldType.Message)
                {
                    table[field.FieldNumber] = field;
                    pending.Push(field.MessageType);
                }
            }

            tables[message] = table;
        }

        return tables.ToFrozenDictionary();
    }

    /// <summary>
    /// One request's walk. The path to an item is field 1 of the request (resource r), field 2 of that (scope s) and
    /// field 2 of that (item i); <c>level</c> is how much of it leads to the message being read.
    /// </summary>
    private sealed class Walk(Rejections rejections, Func<int, int, int, string> item)
    {
        private readonly int[] _path = new int[3];
        private HashSet<(int Level, int R, int S, int I)>? _noted;

        public void Message(ReadOnlySpan<byte> data, MessageDescriptor descriptor, int level, bool onPath)
        {
            var table = Fields[descriptor];
            var pathField = level == 0 ? 1 : 2;
            var next = 0;
            var reader = new WireReader(data);
            while (reader.Next(out var number, out var wireType))
            {
                var field = number < table.Length ? table[number] : null;
                if (wireType != OtlpTraceWireDecoder.Len || field is null)
                {
                    reader.Skip(wireType, number, level);
                    continue;
                }

                var value = reader.Bytes();
                if (field.FieldType == FieldType.String)
                {
                    if (!Utf8.IsValid(value))
                    {
                        Note(level);
                    }
                }
                else if (onPath && level < 3 && number == pathField)
                {
                    _path[level] = next++;
                    Message(value, field.MessageType, level + 1, onPath: true);
                }
                else
                {
                    Message(value, field.MessageType, level, onPath: false);
                }
            }
        }

        private void Note(int level)
        {
            var place = (level, level > 0 ? _path[0] : 0, level > 1 ? _path[1] : 0, level > 2 ? _path[2] : 0);
            if (!(_noted ??= []).Add(place))
            {
                return;
            }

            rejections.AddInvalidUtf8(level switch
            {
                0 => "request",
                1 => string.Create(CultureInfo.InvariantCulture, $"resource {place.Item2}"),
                2 => string.Create(CultureInfo.InvariantCulture, $"scope {place.Item3} of resource {place.Item2}"),
                _ => item(place.Item2, place.Item3, place.Item4),
            });
        }
    }
}
