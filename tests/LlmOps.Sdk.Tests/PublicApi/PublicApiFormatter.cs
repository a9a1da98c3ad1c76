using System.Globalization;
using System.Reflection;
using System.Text;

namespace LlmOps.Sdk.Tests.PublicApi;

/// <summary>Prints an assembly's public surface as sorted, stable lines: one per type and one per member.</summary>
internal static class PublicApiFormatter
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Format(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            lines.Add(TypeLine(type));
            if (type.IsEnum)
            {
                foreach (var name in Enum.GetNames(type))
                {
                    var value = Convert.ToInt64(Enum.Parse(type, name), CultureInfo.InvariantCulture);
                    lines.Add($"{Name(type)}.{name} = {value.ToString(CultureInfo.InvariantCulture)}");
                }

                continue;
            }

            foreach (var member in type.GetMembers(Declared))
            {
                if (MemberLine(type, member) is { } line)
                {
                    lines.Add(line);
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string TypeLine(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";
        var modifiers = type.IsClass && type.IsAbstract && type.IsSealed ? "static " : type.IsClass && type.IsSealed ? "sealed " : type.IsClass && type.IsAbstract ? "abstract " : string.Empty;
        var bases = new List<string>();
        if (type.IsClass && type.BaseType is { } baseType && baseType != typeof(object))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"{modifiers}{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string? MemberLine(Type type, MemberInfo member)
    {
        var owner = Name(type);
        switch (member)
        {
            case ConstructorInfo ctor when ctor.IsPublic:
                return $"{owner}.ctor({Parameters(ctor)})";
            case MethodInfo method when method.IsPublic && !method.IsSpecialName:
                var isStatic = method.IsStatic ? "static " : string.Empty;
                var isOverride = method.GetBaseDefinition() != method ? "override " : string.Empty;
                return $"{isStatic}{isOverride}{owner}.{method.Name}({Parameters(method)}) -> {Name(method.ReturnType)}";
            case PropertyInfo property:
                var getter = property.GetMethod is { IsPublic: true } ? "get; " : string.Empty;
                var setter = property.SetMethod is { IsPublic: true } set
                    ? set.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit") ? "init; " : "set; "
                    : string.Empty;
                var staticProperty = (property.GetMethod ?? property.SetMethod)!.IsStatic ? "static " : string.Empty;
                return $"{staticProperty}{owner}.{property.Name} {{ {getter}{setter}}} -> {Name(property.PropertyType)}";
            case FieldInfo field when field.IsPublic:
                var constant = field.IsLiteral ? $" = \"{field.GetRawConstantValue()}\"" : string.Empty;
                return $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{owner}.{field.Name} -> {Name(field.FieldType)}{constant}";
            case EventInfo @event:
                return $"event {owner}.{@event.Name} -> {Name(@event.EventHandlerType!)}";
            default:
                return null;
        }
    }

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
        {
            var prefix = p.ParameterType.IsByRef ? (p.IsOut ? "out " : "ref ") : string.Empty;
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            var defaultValue = p.HasDefaultValue ? " = " + (p.DefaultValue is null ? "null" : Convert.ToString(p.DefaultValue, CultureInfo.InvariantCulture)) : string.Empty;
            return $"{prefix}{Name(type)} {p.Name}{defaultValue}";
        }));

    private static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var definition = type.GetGenericTypeDefinition().FullName!;
        var tick = definition.IndexOf('`', StringComparison.Ordinal);
        return definition[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
