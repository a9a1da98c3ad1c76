using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmOps.Sdk.Prompts;

/// <summary>A versioned prompt template from the LlmOps prompt registry (or an embedded default).</summary>
public sealed class LlmOpsPrompt
{
    /// <summary>Creates a prompt, typically an embedded default.</summary>
    /// <param name="name">The prompt name.</param>
    /// <param name="template">The template with <c>{{variable}}</c> placeholders.</param>
    /// <param name="version">The version; 0 for an embedded default.</param>
    public LlmOpsPrompt(string name, string template, int version = 0)
        : this(name, version, [], template, null, null, LlmOpsPromptSource.EmbeddedDefault, null)
    {
    }

    internal LlmOpsPrompt(string name, int version, IReadOnlyList<string> labels, string template, IReadOnlyList<string>? variables, JsonElement? config, LlmOpsPromptSource source, string? label)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(template);
        Name = name;
        Version = version;
        Labels = labels;
        Template = template;
        Variables = variables ?? FindVariables(template);
        Config = config;
        Source = source;
        Label = label;
    }

    /// <summary>Gets the prompt name.</summary>
    public string Name { get; }

    /// <summary>Gets the version number.</summary>
    public int Version { get; }

    /// <summary>Gets the labels this version carries (e.g. <c>production</c>).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the label it was resolved by, or null when fetched by version.</summary>
    public string? Label { get; }

    /// <summary>Gets the template text.</summary>
    public string Template { get; }

    /// <summary>Gets the variable names the template uses.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>Gets the model configuration stored with the prompt (e.g. model, temperature), if any.</summary>
    public JsonElement? Config { get; }

    /// <summary>Gets where this copy came from.</summary>
    public LlmOpsPromptSource Source { get; }

    /// <summary>
    /// Replaces each <c>{{name}}</c> (spaces inside the braces allowed) with the variable's value, formatted with the
    /// invariant culture. Placeholders without a value are left as they are.
    /// </summary>
    /// <param name="variables">The values by variable name.</param>
    /// <returns>The rendered text.</returns>
    public string Render(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var template = Template;
        var builder = new StringBuilder(template.Length + 64);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var key = template.AsSpan(open + 2, close - open - 2).Trim().ToString();
            builder.Append(template, position, open - position);
            if (variables.TryGetValue(key, out var value))
            {
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(template, open, close + 2 - open);
            }

            position = close + 2;
        }

        builder.Append(template, position, template.Length - position);
        return builder.ToString();
    }

    internal LlmOpsPrompt WithSource(LlmOpsPromptSource source, string? label) =>
        new(Name, Version, Labels, Template, Variables, Config, source, label ?? Label);

    private static string[] FindVariables(string template)
    {
        var names = new List<string>();
        var position = 0;
        while (true)
        {
            var open = template.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            var name = template.AsSpan(open + 2, close - open - 2).Trim().ToString();
            if (name.Length > 0 && !names.Contains(name))
            {
                names.Add(name);
            }

            position = close + 2;
        }

        return [.. names];
    }
}
