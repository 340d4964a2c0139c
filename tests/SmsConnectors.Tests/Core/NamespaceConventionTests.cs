using System.Reflection;
using System.Reflection.Emit;

namespace SmsConnectors.Tests.Core;

/// <summary>
/// The library's namespaces depend on each other in one direction only. Dependencies are read from
/// every type's signatures and from the IL of every method body, so a call or a <c>new</c> counts
/// as much as a field or a base type.
/// </summary>
public class NamespaceConventionTests
{
    private static readonly Assembly Library = typeof(ISmsConnector).Assembly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    [Fact]
    public void No_namespace_depends_on_itself_through_another()
    {
        var graph = DependencyGraph();

        var cycles = StronglyConnected(graph).Where(component => component.Count > 1).Select(c => string.Join(" <-> ", c.Order(StringComparer.Ordinal)));

        Assert.Empty(cycles);
    }

    [Fact]
    public void The_graph_sees_the_dependencies_that_exist()
    {
        var graph = DependencyGraph();

        // A call in a method body (the Seven connector classifies through the shared classifier's types)...
        Assert.Contains("SmsConnectors.Answers", graph["SmsConnectors.Seven"]);

        // ...a base type, and the registration that names each vendor.
        Assert.Contains("SmsConnectors.Sending", graph["SmsConnectors.Outbox"]);
        Assert.Contains("SmsConnectors.Tencent", graph["Microsoft.Extensions.DependencyInjection"]);
        Assert.Contains("SmsConnectors.Resilience", graph["SmsConnectors"]);
    }

    [Fact]
    public void The_public_contract_depends_on_no_machinery()
    {
        var graph = DependencyGraph();

        Assert.Equal(["SmsConnectors.Resilience"], graph["SmsConnectors"].Order(StringComparer.Ordinal));
        Assert.Empty(graph["SmsConnectors.Resilience"]);
    }

    private static Dictionary<string, HashSet<string>> DependencyGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in Library.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null)
            {
                continue;
            }

            var edges = graph.TryGetValue(from, out var existing) ? existing : graph[from] = [];
            foreach (var used in TypesUsedBy(type))
            {
                if (NamespaceOf(used) is { } to && to != from)
                {
                    edges.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The namespace a type of the library belongs to (a nested type's is its outermost type's); null for other assemblies and generated code.</summary>
    private static string? NamespaceOf(Type type)
    {
        if (type.IsGenericParameter || type.Assembly != Library)
        {
            return null;
        }

        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        return type.Namespace is { } name && (name == "SmsConnectors" || name.StartsWith("SmsConnectors.", StringComparison.Ordinal) || name == "Microsoft.Extensions.DependencyInjection")
            ? name
            : null;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            used.Add(baseType);
        }

        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(Everything).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(Everything).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                used.Add(info.ReturnType);
            }

            used.AddRange(TypesInBody(method));
        }

        return used.SelectMany(Expand);
    }

    /// <summary>A type with its element type and generic arguments, recursively.</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Expand(element))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            yield return type.GetGenericTypeDefinition();
            foreach (var argument in type.GetGenericArguments().SelectMany(Expand))
            {
                yield return argument;
            }
        }
    }

    /// <summary>Every type, field's declaring type and method's declaring type an IL body refers to by token.</summary>
    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var position = 0; position < il.Length;)
        {
            var value = il[position] == 0xFE ? (short)(0xFE00 | il[position + 1]) : (short)il[position];
            position += il[position] == 0xFE ? 2 : 1;
            var code = OpCodesByValue[value];
            var size = OperandSize(code.OperandType, il, position);
            if (code.OperandType is OperandType.InlineType or OperandType.InlineTok or OperandType.InlineMethod or OperandType.InlineField)
            {
                var token = BitConverter.ToInt32(il, position);
                MemberInfo? member;
                try
                {
                    member = method.Module.ResolveMember(token, typeArguments, methodArguments);
                }
                catch (ArgumentException)
                {
                    member = null;
                }

                switch (member)
                {
                    case Type referenced:
                        yield return referenced;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        if (called is MethodInfo { IsGenericMethod: true } generic)
                        {
                            foreach (var argument in generic.GetGenericArguments())
                            {
                                yield return argument;
                            }
                        }

                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        break;
                }
            }

            position += size;
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int position) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
        _ => 4,
    };

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, HashSet<string>> graph)
    {
        var index = 0;
        var indices = new Dictionary<string, int>();
        var lowLinks = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            indices[node] = lowLinks[node] = index++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!indices.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    lowLinks[node] = Math.Min(lowLinks[node], lowLinks[next]);
                }
                else if (onStack.Contains(next))
                {
                    lowLinks[node] = Math.Min(lowLinks[node], nextIndex);
                }
            }

            if (lowLinks[node] == indices[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Where(n => !indices.ContainsKey(n)).ToList())
        {
            Visit(node);
        }

        return components;
    }
}
