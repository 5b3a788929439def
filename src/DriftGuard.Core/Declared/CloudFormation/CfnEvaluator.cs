using System.Globalization;
using System.Text;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Declared.CloudFormation;

/// <summary>
/// Resolves what a template fixes before deployment: parameters (template <c>Default</c>, overridden by
/// <see cref="ReaderOptions.Parameters"/>), <c>Ref</c>, <c>Fn::Sub</c>, <c>Fn::If</c> over decidable conditions,
/// <c>Fn::Join</c>/<c>Select</c>/<c>Split</c>/<c>FindInMap</c>/<c>Base64</c>, and the condition functions.
/// Pseudo parameters, attributes, imports and anything depending on them become <see cref="CfnUnknown"/>, never
/// dropped. <c>Ref</c>/<c>Fn::GetAtt X.GroupId</c> of a security group in the template becomes <see cref="CfnGroupRef"/>.
/// Work is memoised per parameter and condition, so evaluation stays linear in the template size.
/// </summary>
/// <remarks>https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html</remarks>
internal sealed class CfnEvaluator
{
    private const string SecurityGroupType = "AWS::EC2::SecurityGroup";

    private readonly string _file;
    private readonly int _maxDepth;
    private readonly List<Diagnostic> _errors;
    private readonly List<Diagnostic> _warnings;
    private readonly IReadOnlyDictionary<string, string> _overrides;
    private readonly Dictionary<string, CfnMapping?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CfnNode> _parameterValues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _resourceTypes;
    private readonly CfnMapping? _mappings;
    private readonly CfnMapping? _conditions;
    private readonly Dictionary<string, bool?> _conditionValues = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditionsInProgress = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warnedOnce = new(StringComparer.Ordinal);
    private int _depth;

    public CfnEvaluator(CfnMapping template, Dictionary<string, string> resourceTypes, string file, ReaderOptions options,
                        CfnTreeLimits limits, List<Diagnostic> errors, List<Diagnostic> warnings)
    {
        _file = file;
        _maxDepth = limits.MaxDepth + 64;
        _errors = errors;
        _warnings = warnings;
        _overrides = options.Parameters;
        _resourceTypes = resourceTypes;
        _mappings = template.Get("Mappings") as CfnMapping;
        _conditions = template.Get("Conditions") as CfnMapping;
        if (template.Get("Parameters") is CfnMapping parameters)
            foreach (var (name, decl) in parameters.Entries) _parameters[name] = decl as CfnMapping;
        foreach (var name in _overrides.Keys)
            if (!_parameters.ContainsKey(name))
                warnings.Add(new Diagnostic(file, 0, $"parameter '{name}' given but not declared by the template; ignored"));
    }

    /// <summary>True when <paramref name="logicalId"/> names an <c>AWS::EC2::SecurityGroup</c> of the template.</summary>
    public bool IsSecurityGroup(string logicalId) => _resourceTypes.TryGetValue(logicalId, out var t) && t == SecurityGroupType;

    /// <summary>Resolves <paramref name="node"/> as far as the template allows.</summary>
    public CfnNode Resolve(CfnNode node)
    {
        if (++_depth > _maxDepth)
        {
            _depth--;
            Error(node.Line, "expression nests too deeply to evaluate");
            return new CfnUnknown(node.Line, node.Render());
        }
        try
        {
            return node switch
            {
                CfnMapping { IsIntrinsic: true } call => ResolveIntrinsic(call),
                CfnMapping map => ResolveMapping(map),
                CfnSequence seq => ResolveSequence(seq),
                _ => node,
            };
        }
        finally { _depth--; }
    }

    /// <summary>Value of condition <paramref name="name"/>: true, false, or null when it depends on deploy-time values.</summary>
    public bool? Condition(string name, int line)
    {
        if (_conditionValues.TryGetValue(name, out var known)) return known;
        if (_conditions?.Get(name) is not { } expression)
        {
            Error(line, $"condition '{name}' is not defined in Conditions");
            _conditionValues[name] = null;
            return null;
        }
        if (!_conditionsInProgress.Add(name))
        {
            Error(line, $"condition '{name}' refers to itself");
            return null;
        }
        var value = ConditionExpression(expression);
        _conditionsInProgress.Remove(name);
        _conditionValues[name] = value;
        return value;
    }

    /// <summary>
    /// The nodes <paramref name="node"/> may stand for: the chosen branch of a decidable <c>Fn::If</c>, both
    /// branches of an undecidable one (with a warning: fail closed, read what may be deployed), else the node itself.
    /// </summary>
    public IEnumerable<CfnNode> Alternatives(CfnNode node)
    {
        if (node is not CfnMapping { IsIntrinsic: true } map || map.Entries[0].Key != "Fn::If" ||
            map.Entries[0].Value is not CfnSequence { Items: [CfnScalar { Value: { } condition }, var whenTrue, var whenFalse] })
        {
            yield return node;
            yield break;
        }
        var value = Condition(condition, node.Line);
        if (value is null && _warnedOnce.Add("if:" + condition))
            Warn(node.Line, $"condition '{condition}' depends on deploy-time values; rules of both Fn::If branches are read");
        if (value is null or true)
            foreach (var alternative in Alternatives(whenTrue)) yield return alternative;
        if (value is null or false)
            foreach (var alternative in Alternatives(whenFalse)) yield return alternative;
    }

    private CfnNode ResolveMapping(CfnMapping map)
    {
        var result = new CfnMapping(map.Line);
        for (var i = 0; i < map.Entries.Count; i++)
        {
            var value = Resolve(map.Entries[i].Value);
            if (value is not CfnNoValue) result.TryAdd(map.Entries[i].Key, value, map.KeyLines[i]);
        }
        return result;
    }

    private CfnNode ResolveSequence(CfnSequence seq)
    {
        var items = new List<CfnNode>(seq.Items.Count);
        foreach (var item in seq.Items)
        {
            var value = Resolve(item);
            if (value is not CfnNoValue) items.Add(value);
        }
        return new CfnSequence(seq.Line, items);
    }

    private CfnNode ResolveIntrinsic(CfnMapping call)
    {
        var (function, argument) = call.Entries[0];
        var line = call.Line;
        switch (function)
        {
            case "Ref":
                return argument is CfnScalar { Value: { } name } ? Ref(name, call) : Invalid(call, "Ref takes a logical id or parameter name");
            case "Fn::GetAtt":
                return GetAtt(call, argument);
            case "Fn::Sub":
                return Sub(call, argument);
            case "Fn::If":
                if (argument is not CfnSequence { Items: [CfnScalar { Value: { } condition }, var whenTrue, var whenFalse] })
                    return Invalid(call, "Fn::If takes [condition, value if true, value if false]");
                return Condition(condition, line) switch
                {
                    true => Resolve(whenTrue),
                    false => Resolve(whenFalse),
                    null => Unknown(call),
                };
            case "Fn::Join":
                {
                    if (argument is not CfnSequence { Items: [var delimiterNode, var listNode] })
                        return Invalid(call, "Fn::Join takes [delimiter, list]");
                    if (Resolve(delimiterNode) is not CfnScalar { Value: var delimiter } || Resolve(listNode) is not CfnSequence list)
                        return Unknown(call);
                    var parts = new List<string>(list.Items.Count);
                    foreach (var item in list.Items)
                    {
                        if (item is not CfnScalar { Value: { } text }) return Unknown(call);
                        parts.Add(text);
                    }
                    return new CfnScalar(line, string.Join(delimiter ?? "", parts));
                }
            case "Fn::Select":
                {
                    if (argument is not CfnSequence { Items: [var indexNode, var listNode] })
                        return Invalid(call, "Fn::Select takes [index, list]");
                    if (Resolve(indexNode) is not CfnScalar { Value: { } indexText } || Resolve(listNode) is not CfnSequence list)
                        return Unknown(call);
                    if (!int.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= list.Items.Count)
                        return Invalid(call, $"Fn::Select index {indexText} is outside the list of {list.Items.Count}");
                    return list.Items[index];
                }
            case "Fn::Split":
                {
                    if (argument is not CfnSequence { Items: [var delimiterNode, var sourceNode] })
                        return Invalid(call, "Fn::Split takes [delimiter, string]");
                    if (Resolve(delimiterNode) is not CfnScalar { Value: { Length: > 0 } delimiter } || Resolve(sourceNode) is not CfnScalar { Value: { } source })
                        return Unknown(call);
                    return new CfnSequence(line, [.. source.Split(delimiter).Select(p => (CfnNode)new CfnScalar(line, p))]);
                }
            case "Fn::FindInMap":
                return FindInMap(call, argument);
            case "Fn::Base64":
                return Resolve(argument) is CfnScalar { Value: { } plain }
                    ? new CfnScalar(line, Convert.ToBase64String(Encoding.UTF8.GetBytes(plain)))
                    : Unknown(call);
            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not":
                return ConditionExpression(call) is { } truth ? new CfnScalar(line, truth ? "true" : "false") : Unknown(call);
            default:
                // Fn::ImportValue, Fn::GetAZs, Fn::Cidr, Fn::Transform…: only known at deploy time.
                return Unknown(call);
        }
    }

    private CfnNode Ref(string name, CfnMapping call)
    {
        if (name == "AWS::NoValue") return new CfnNoValue(call.Line);
        if (_parameters.ContainsKey(name)) return Parameter(name, call);
        if (IsSecurityGroup(name)) return new CfnGroupRef(call.Line, name);
        if (!name.StartsWith("AWS::", StringComparison.Ordinal) && !_resourceTypes.ContainsKey(name) && _warnedOnce.Add("ref:" + name))
            Warn(call.Line, $"Ref '{name}' names neither a parameter nor a resource of the template");
        return Unknown(call);
    }

    private CfnNode GetAtt(CfnMapping call, CfnNode argument)
    {
        string? resource = null, attribute = null;
        if (argument is CfnSequence { Items: [CfnScalar { Value: { } r }, var a] })
        {
            resource = r;
            attribute = (Resolve(a) as CfnScalar)?.Value;
        }
        else if (argument is CfnScalar { Value: { } dotted } && dotted.IndexOf('.') is var dot and > 0)
        {
            resource = dotted[..dot];
            attribute = dotted[(dot + 1)..];
        }
        if (resource is null) return Invalid(call, "Fn::GetAtt takes [resource, attribute]");
        return attribute == "GroupId" && IsSecurityGroup(resource) ? new CfnGroupRef(call.Line, resource) : Unknown(call);
    }

    private CfnNode Parameter(string name, CfnMapping call)
    {
        if (_parameterValues.TryGetValue(name, out var cached)) return cached;
        var decl = _parameters[name];
        var type = (decl?.Get("Type") as CfnScalar)?.Value ?? "String";
        CfnNode value;
        string? text = _overrides.TryGetValue(name, out var given) ? given : null;
        if (text is null && decl?.Get("Default") is { } defaultNode)
        {
            text = Resolve(defaultNode) switch
            {
                CfnScalar s => s.Value,
                CfnSequence seq when seq.Items.All(i => i is CfnScalar { Value: not null }) => string.Join(',', seq.Items.Select(i => ((CfnScalar)i).Value)),
                _ => null,
            };
        }
        if (type.StartsWith("AWS::SSM::Parameter::Value", StringComparison.Ordinal))
            value = Unknown(call); // the value is the SSM parameter's content, read at deploy time
        else if (text is null)
        {
            Warn(call.Line, $"parameter '{name}' has no Default and no value given (--parameters); values using it are unknown");
            value = Unknown(call);
        }
        else if (type == "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal))
            value = new CfnSequence(call.Line, [.. text.Split(',').Select(p => (CfnNode)new CfnScalar(call.Line, p.Trim()))]);
        else
            value = new CfnScalar(call.Line, text);
        _parameterValues[name] = value;
        return value;
    }

    private CfnNode Sub(CfnMapping call, CfnNode argument)
    {
        CfnNode templateNode;
        CfnMapping? variables = null;
        if (argument is CfnSequence { Items: [var t, var v] })
        {
            templateNode = t;
            variables = v as CfnMapping;
            if (variables is null) return Invalid(call, "Fn::Sub takes a string or [string, {variables}]");
        }
        else templateNode = argument;
        if (Resolve(templateNode) is not CfnScalar { Value: { } template }) return Unknown(call);

        var output = new StringBuilder(template.Length);
        var resolved = true;
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf("${", i, StringComparison.Ordinal);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 2);
            if (open < 0 || close < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }
            output.Append(template, i, open - i);
            var name = template[(open + 2)..close];
            i = close + 1;
            if (name.StartsWith('!')) { output.Append("${").Append(name[1..]).Append('}'); continue; } // ${!Literal}
            var value = SubVariable(name.Trim(), variables, call);
            if (value is null) { resolved = false; output.Append("${").Append(name).Append('}'); }
            else output.Append(value);
        }
        return resolved ? new CfnScalar(call.Line, output.ToString()) : new CfnUnknown(call.Line, call.Render(), output.ToString());
    }

    private string? SubVariable(string name, CfnMapping? variables, CfnMapping call)
    {
        if (variables?.Get(name) is { } given) return (Resolve(given) as CfnScalar)?.Value;
        if (name.Contains('.')) return null; // ${Resource.Attribute}
        if (_parameters.ContainsKey(name)) return (Parameter(name, call) as CfnScalar)?.Value;
        return null; // pseudo parameters and resources are known at deploy time
    }

    private CfnNode FindInMap(CfnMapping call, CfnNode argument)
    {
        if (argument is not CfnSequence { Items.Count: 3 or 4 } args) return Invalid(call, "Fn::FindInMap takes [map, top-level key, second-level key]");
        var keys = new string[3];
        for (var k = 0; k < 3; k++)
        {
            if (Resolve(args.Items[k]) is not CfnScalar { Value: { } key }) return Unknown(call);
            keys[k] = key;
        }
        if ((_mappings?.Get(keys[0]) as CfnMapping)?.Get(keys[1]) is CfnMapping top && top.Get(keys[2]) is { } found)
            return Resolve(found);
        if (args.Items.Count == 4 && args.Items[3] is CfnMapping options && options.Get("DefaultValue") is { } fallback)
            return Resolve(fallback);
        Error(call.Line, $"Fn::FindInMap: no value at {keys[0]}/{keys[1]}/{keys[2]} in Mappings");
        return Unknown(call);
    }

    private bool? ConditionExpression(CfnNode node)
    {
        if (++_depth > _maxDepth)
        {
            _depth--;
            Error(node.Line, "condition nests too deeply to evaluate");
            return null;
        }
        try
        {
            if (node is CfnMapping { Count: 1 } map)
            {
                var (function, argument) = map.Entries[0];
                var items = (argument as CfnSequence)?.Items;
                switch (function)
                {
                    case "Condition" when argument is CfnScalar { Value: { } name }:
                        return Condition(name, node.Line);
                    case "Fn::Equals" when items is [var left, var right]:
                        return (Resolve(left), Resolve(right)) is (CfnScalar { Value: var a }, CfnScalar { Value: var b }) ? a == b : null;
                    case "Fn::Not" when items is [var operand]:
                        return !ConditionExpression(operand);
                    case "Fn::And" when items is { Count: > 0 }:
                        {
                            bool? all = true;
                            foreach (var item in items)
                            {
                                var value = ConditionExpression(item);
                                if (value == false) return false;
                                if (value is null) all = null;
                            }
                            return all;
                        }
                    case "Fn::Or" when items is { Count: > 0 }:
                        {
                            bool? any = false;
                            foreach (var item in items)
                            {
                                var value = ConditionExpression(item);
                                if (value == true) return true;
                                if (value is null) any = null;
                            }
                            return any;
                        }
                }
            }
            return Resolve(node) switch
            {
                CfnScalar { Value: "true" or "True" } => true,
                CfnScalar { Value: "false" or "False" } => false,
                _ => null,
            };
        }
        finally { _depth--; }
    }

    private CfnUnknown Unknown(CfnNode expression) => new(expression.Line, expression.Render());

    private CfnUnknown Invalid(CfnNode expression, string message)
    {
        Error(expression.Line, message);
        return Unknown(expression);
    }

    private void Error(int line, string message) => _errors.Add(new Diagnostic(_file, line, message));

    private void Warn(int line, string message) => _warnings.Add(new Diagnostic(_file, line, message));
}
