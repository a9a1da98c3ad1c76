using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace LlmOps.Processors.Configuration;

/// <summary>
/// Binds a YAML mapping onto an options POCO: <c>snake_case</c> keys to properties, scalars converted with
/// invariant culture, durations such as <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>, lists, string-keyed
/// maps and nested options. Unknown keys and bad values are reported with their key path, never thrown.
/// </summary>
internal static class OptionsBinder
{
    public static void Bind(YamlNode? node, object target, ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(errors);
        if (node is null || IsNull(node))
        {
            return;
        }

        if (node is not YamlMappingNode map)
        {
            errors.Add("expected a mapping of settings");
            return;
        }

        var properties = WritableProperties(target.GetType());
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!properties.TryGetValue(Normalize(key), out var property))
            {
                var known = string.Join(", ", properties.Values.Select(p => ToSnake(p.Name)).Order(StringComparer.Ordinal));
                errors.Add(key, $"unknown setting (known: {known})");
                continue;
            }

            var sub = errors.At(key);
            var current = property.GetValue(target);
            if (TryConvert(valueNode, property.PropertyType, current, sub, out var value))
            {
                if (property.CanWrite)
                {
                    property.SetValue(target, value);
                }
            }
        }
    }

    private static bool TryConvert(YamlNode node, Type type, object? current, ValidationErrors errors, out object? value)
    {
        value = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (IsNull(node))
        {
            if (underlying is not null || !type.IsValueType)
            {
                // An empty value keeps nested settings at their defaults and clears optional scalars; a string
                // setting with a non-null default becomes empty rather than null.
                value = type == typeof(string) ? (current is null ? null : string.Empty) : underlying is not null ? null : current;
                return true;
            }

            errors.Add("must not be empty");
            return false;
        }

        var t = underlying ?? type;
        if (node is YamlScalarNode scalar)
        {
            return TryConvertScalar(scalar.Value ?? string.Empty, t, errors, out value);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() is var def && (def == typeof(List<>) || def == typeof(IReadOnlyList<>) || def == typeof(IList<>)))
        {
            if (node is not YamlSequenceNode seq)
            {
                errors.Add("expected a list");
                return false;
            }

            var elementType = t.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            var ok = true;
            var i = 0;
            foreach (var item in seq.Children)
            {
                var itemErrors = errors.At($"[{i}]");
                if (TryConvert(item, elementType, null, itemErrors, out var element))
                {
                    list.Add(element);
                }
                else
                {
                    ok = false;
                }

                i++;
            }

            value = list;
            return ok;
        }

        if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(Dictionary<,>) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
        {
            if (node is not YamlMappingNode mapNode)
            {
                errors.Add("expected a mapping");
                return false;
            }

            var valueType = t.GetGenericArguments()[1];
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType), StringComparer.Ordinal)!;
            var ok = true;
            foreach (var (k, v) in mapNode.Children)
            {
                var key = ((YamlScalarNode)k).Value ?? string.Empty;
                if (TryConvert(v, valueType, null, errors.At(key), out var element))
                {
                    dict[key] = element;
                }
                else
                {
                    ok = false;
                }
            }

            value = dict;
            return ok;
        }

        if (t.IsClass && t != typeof(string))
        {
            if (node is not YamlMappingNode)
            {
                errors.Add("expected a mapping of settings");
                return false;
            }

            var target = current ?? Activator.CreateInstance(t);
            if (target is null)
            {
                errors.Add($"cannot create settings of type {t.Name}");
                return false;
            }

            Bind(node, target, errors);
            value = target;
            return true;
        }

        errors.Add("expected a single value");
        return false;
    }

    private static bool TryConvertScalar(string text, Type t, ValidationErrors errors, out object? value)
    {
        value = null;
        var ci = CultureInfo.InvariantCulture;
        if (t == typeof(string))
        {
            value = text;
            return true;
        }

        if (t == typeof(bool))
        {
            if (bool.TryParse(text, out var b))
            {
                value = b;
                return true;
            }

            errors.Add($"'{text}' is not true or false");
            return false;
        }

        if (t == typeof(int))
        {
            if (int.TryParse(text, NumberStyles.Integer, ci, out var n))
            {
                value = n;
                return true;
            }

            errors.Add($"'{text}' is not a whole number");
            return false;
        }

        if (t == typeof(long))
        {
            if (long.TryParse(text, NumberStyles.Integer, ci, out var n))
            {
                value = n;
                return true;
            }

            errors.Add($"'{text}' is not a whole number");
            return false;
        }

        if (t == typeof(double))
        {
            if (double.TryParse(text, NumberStyles.Float, ci, out var d) && double.IsFinite(d))
            {
                value = d;
                return true;
            }

            errors.Add($"'{text}' is not a number");
            return false;
        }

        if (t == typeof(decimal))
        {
            if (decimal.TryParse(text, NumberStyles.Float, ci, out var d))
            {
                value = d;
                return true;
            }

            errors.Add($"'{text}' is not a number");
            return false;
        }

        if (t == typeof(TimeSpan))
        {
            if (TryParseDuration(text, out var ts))
            {
                value = ts;
                return true;
            }

            errors.Add($"'{text}' is not a duration (e.g. 250ms, 5s, 2m, 1h, 1d)");
            return false;
        }

        if (t == typeof(DateTimeOffset))
        {
            if (DateTimeOffset.TryParse(text, ci, DateTimeStyles.AssumeUniversal, out var dto))
            {
                value = dto;
                return true;
            }

            errors.Add($"'{text}' is not a date (e.g. 2025-01-31)");
            return false;
        }

        if (t.IsEnum)
        {
            var name = Normalize(text);
            foreach (var candidate in Enum.GetNames(t))
            {
                if (string.Equals(Normalize(candidate), name, StringComparison.Ordinal))
                {
                    value = Enum.Parse(t, candidate);
                    return true;
                }
            }

            errors.Add($"'{text}' is not one of: {string.Join(", ", Enum.GetNames(t).Select(ToSnake))}");
            return false;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>) && text.Length == 0)
        {
            value = Activator.CreateInstance(t);
            return true;
        }

        errors.Add($"expected settings, not the value '{text}'");
        return false;
    }

    /// <summary>Parses <c>250ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c>, <c>1d</c>, plain seconds, or <c>hh:mm:ss</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        (string suffix, double factorMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                && n >= 0 && double.IsFinite(n))
            {
                // "ms" is tried before "s" and "m", so "250ms" never parses as minutes.
                value = TimeSpan.FromMilliseconds(n * factor);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 && double.IsFinite(seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value) && value >= TimeSpan.Zero;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    private static Dictionary<string, PropertyInfo> WritableProperties(Type type)
    {
        var result = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var settable = p.CanWrite && p.SetMethod is { IsPublic: true };
            var nestedObject = !p.PropertyType.IsValueType && p.PropertyType != typeof(string) && p.CanRead;
            if (settable || nestedObject)
            {
                result[Normalize(p.Name)] = p;
            }
        }

        return result;
    }

    private static string Normalize(string key) => key.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    /// <summary>PascalCase to snake_case, for messages.</summary>
    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (!char.IsUpper(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
