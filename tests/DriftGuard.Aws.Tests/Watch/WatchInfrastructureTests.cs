using System.Reflection;
using System.Text.RegularExpressions;
using DriftGuard.Aws.Watch;
using DriftGuard.Core.Watch;
using YamlDotNet.RepresentationModel;

namespace DriftGuard.Aws.Tests.Watch;

/// <summary>
/// iac/watch/ against the code: the role grants exactly the API actions DriftGuard calls (one list,
/// <see cref="DriftGuardIamActions.All"/>), the rule selects exactly the watched calls, the queue admits only the rule,
/// and both templates parse and reference only what they define.
/// </summary>
public sealed partial class WatchInfrastructureTests
{
    private static readonly string Root = FindRoot();
    private static string Cfn => Path.Combine(Root, "iac", "watch", "cloudformation", "watch.yaml");
    private static string TfDir => Path.Combine(Root, "iac", "watch", "terraform");

    [Fact]
    public void IamActions_WhenComparedWithTheSdkRequestsTheCodeBuilds_ShouldBeExactlyThem()
    {
        // Given every `new XxxRequest` in DriftGuard's own code (the demo's simulated users excluded)
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src", "DriftGuard.Aws"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "src", "DriftGuard.Cli"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Demo{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var requestTypes = SdkRequestTypes();
        var called = files.SelectMany(f => NewRequest().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(requestTypes.ContainsKey).Select(n => requestTypes[n]).ToHashSet();
        // CloudTrail has no SDK package here: its calls are signed JSON requests named by their X-Amz-Target.
        if (files.Any(f => File.ReadAllText(f).Contains("CloudTrail_20131101.LookupEvents", StringComparison.Ordinal)))
            called.Add("cloudtrail:LookupEvents");

        // Then
        called.Order(StringComparer.Ordinal).ShouldBe(DriftGuardIamActions.All);
    }

    [Fact]
    public void CloudFormationRole_WhenParsed_ShouldGrantExactlyTheCodesActions()
    {
        // Given
        var role = Resource(LoadCfn(), "DriftGuardRole");
        // When
        var actions = Seq(Map(role, "Properties")["Policies"]).SelectMany(p => Seq(Map(Map(p)["PolicyDocument"])["Statement"]))
            .SelectMany(s => Strings(Map(s)["Action"])).ToList();
        // Then
        actions.Order(StringComparer.Ordinal).ShouldBe(DriftGuardIamActions.All);
    }

    [Fact]
    public void CloudFormationRole_WhenParsed_ShouldTrustOnlyGitHubOidcForMainWithStsAudience()
    {
        // Given
        var statement = Seq(Map(Map(Resource(LoadCfn(), "DriftGuardRole"), "Properties")["AssumeRolePolicyDocument"])["Statement"]).ShouldHaveSingleItem();
        // When
        var equals = Map(Map(Map(statement)["Condition"])["StringEquals"]);
        // Then
        Scalar(Map(statement)["Action"]).ShouldBe("sts:AssumeRoleWithWebIdentity");
        Scalar(Map(Map(statement)["Principal"])["Federated"]).ShouldEndWith(":oidc-provider/token.actions.githubusercontent.com");
        Scalar(equals["token.actions.githubusercontent.com:aud"]).ShouldBe("sts.amazonaws.com");
        Scalar(equals["token.actions.githubusercontent.com:sub"]).ShouldBe("repo:${GitHubRepository}:ref:refs/heads/main");
    }

    [Fact]
    public void CloudFormationRule_WhenParsed_ShouldSelectExactlyTheWatchedCallsAndTargetTheQueue()
    {
        // Given
        var rule = Map(Resource(LoadCfn(), "SecurityGroupChangesRule"), "Properties");
        var pattern = Map(rule["EventPattern"]);
        // Then
        Strings(pattern["source"]).ShouldBe([WatchedEvents.Source]);
        Strings(pattern["detail-type"]).ShouldBe([WatchedEvents.DetailType]);
        Strings(Map(pattern["detail"])["eventName"]).ShouldBe(WatchedEvents.Names);
        Scalar(Map(Seq(rule["Targets"]).ShouldHaveSingleItem())["Arn"]).ShouldBe("EventsQueue.Arn");
    }

    [Fact]
    public void CloudFormationQueuePolicy_WhenParsed_ShouldAdmitOnlyEventBridgeFromTheRule()
    {
        // Given
        var statement = Map(Seq(Map(Map(Resource(LoadCfn(), "EventsQueuePolicy"), "Properties")["PolicyDocument"])["Statement"]).ShouldHaveSingleItem());
        // Then
        Scalar(Map(statement["Principal"])["Service"]).ShouldBe("events.amazonaws.com");
        Scalar(statement["Action"]).ShouldBe("sqs:SendMessage");
        var sourceArn = Map(Map(statement["Condition"])["ArnEquals"])["aws:SourceArn"];
        sourceArn.Tag.Value.ShouldBe("!GetAtt");
        Scalar(sourceArn).ShouldBe("SecurityGroupChangesRule.Arn");
        Map(Map(Resource(LoadCfn(), "EventsQueue"), "Properties")["RedrivePolicy"]).Children.Keys.Select(k => Scalar(k)).ShouldContain("deadLetterTargetArn");
    }

    [Fact]
    public void CloudFormationTemplate_WhenParsed_ShouldReferenceOnlyWhatItDefines()
    {
        // Given
        var root = LoadCfn();
        var defined = Map(root["Resources"]).Children.Keys.Select(k => Scalar(k)).ToHashSet();
        var parameters = Map(root["Parameters"]).Children.Keys.Select(k => Scalar(k)).ToHashSet();
        var conditions = Map(root["Conditions"]).Children.Keys.Select(k => Scalar(k)).ToHashSet();
        var unknown = new List<string>();
        // When
        foreach (var node in All(root))
        {
            if (node is not YamlScalarNode s || s.Value is null) continue;
            var tag = s.Tag.IsEmpty || s.Tag.IsNonSpecific ? "" : s.Tag.Value;
            switch (tag)
            {
                case "!Ref" when !defined.Contains(s.Value) && !parameters.Contains(s.Value) && !s.Value.StartsWith("AWS::", StringComparison.Ordinal):
                case "!GetAtt" when !defined.Contains(s.Value.Split('.')[0]):
                case "!Condition" when !conditions.Contains(s.Value):
                    unknown.Add($"{tag} {s.Value}");
                    break;
                case "!Sub":
                    unknown.AddRange(SubVariable().Matches(s.Value).Select(m => m.Groups[1].Value)
                        .Where(v => !v.StartsWith("AWS::", StringComparison.Ordinal) && !parameters.Contains(v) && !defined.Contains(v.Split('.')[0]))
                        .Select(v => $"!Sub ${{{v}}}"));
                    break;
            }
        }
        foreach (var (_, resource) in Map(root["Resources"]).Children)
        {
            var r = Map(resource);
            if (r.Children.TryGetValue(new YamlScalarNode("DependsOn"), out var dependsOn) && !defined.Contains(Scalar(dependsOn))) unknown.Add($"DependsOn {Scalar(dependsOn)}");
            if (r.Children.TryGetValue(new YamlScalarNode("Condition"), out var condition) && !conditions.Contains(Scalar(condition))) unknown.Add($"Condition {Scalar(condition)}");
        }
        // Then
        unknown.ShouldBeEmpty();
        defined.ShouldContain("ManagementTrail");
    }

    [Fact]
    public void TerraformPolicy_WhenRead_ShouldGrantExactlyTheCodesActions()
    {
        // Given the aws_iam_role_policy block
        var block = Block(TerraformText(), "resource \"aws_iam_role_policy\" \"driftguard\"");
        // When
        var actions = IamAction().Matches(block).Select(m => m.Groups[1].Value).ToList();
        // Then
        actions.Order(StringComparer.Ordinal).ShouldBe(DriftGuardIamActions.All);
    }

    [Fact]
    public void TerraformRole_WhenRead_ShouldPinAudienceAndMainBranchSubject()
    {
        // Given
        var block = Block(TerraformText(), "resource \"aws_iam_role\" \"driftguard\"");
        // Then
        block.ShouldContain("\"token.actions.githubusercontent.com:aud\" = \"sts.amazonaws.com\"");
        block.ShouldContain("\"token.actions.githubusercontent.com:sub\" = \"repo:${var.github_repository}:ref:refs/heads/main\"");
        block.ShouldContain("sts:AssumeRoleWithWebIdentity");
    }

    [Fact]
    public void TerraformRuleAndQueue_WhenRead_ShouldSelectTheWatchedCallsAndAdmitOnlyTheRule()
    {
        // Given
        var text = TerraformText();
        var names = Block(text, "locals").Split("watched_event_names")[1];
        var policy = Block(text, "resource \"aws_sqs_queue_policy\" \"events\"");
        // Then
        QuotedWord().Matches(names[..names.IndexOf(']')]).Select(m => m.Groups[1].Value).ShouldBe(WatchedEvents.Names);
        policy.ShouldContain("Service = \"events.amazonaws.com\"");
        policy.ShouldContain("\"aws:SourceArn\" = aws_cloudwatch_event_rule.security_group_changes.arn");
        Block(text, "resource \"aws_sqs_queue\" \"events\"").ShouldContain("deadLetterTargetArn = aws_sqs_queue.events_dlq.arn");
    }

    [Fact]
    public void TerraformFiles_WhenRead_ShouldBeBalancedAndReferenceOnlyWhatTheyDefine()
    {
        // Given
        var text = TerraformText();
        // When: blocks defined, and references used
        var resources = BlockHeader().Matches(text).Where(m => m.Groups[1].Value == "resource").Select(m => $"{m.Groups[2].Value}.{m.Groups[3].Value}").ToHashSet();
        var data = BlockHeader().Matches(text).Where(m => m.Groups[1].Value == "data").Select(m => $"{m.Groups[2].Value}.{m.Groups[3].Value}").ToHashSet();
        var variables = VariableHeader().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
        var locals = LocalName().Matches(Block(text, "locals")).Select(m => m.Groups[1].Value).ToHashSet();
        var unknown = ResourceReference().Matches(text).Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}").Where(r => !resources.Contains(r))
            .Concat(DataReference().Matches(text).Select(m => $"{m.Groups[1].Value}.{m.Groups[2].Value}").Where(r => !data.Contains(r)).Select(r => $"data.{r}"))
            .Concat(VarReference().Matches(text).Select(m => m.Groups[1].Value).Where(v => !variables.Contains(v)).Select(v => $"var.{v}"))
            .Concat(LocalReference().Matches(text).Select(m => m.Groups[1].Value).Where(v => !locals.Contains(v)).Select(v => $"local.{v}"))
            .ToList();
        // Then
        Balanced(text).ShouldBeTrue();
        unknown.ShouldBeEmpty();
        resources.ShouldContain("aws_cloudtrail.management");
    }

    private static YamlMappingNode LoadCfn()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Cfn);
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents.ShouldHaveSingleItem().RootNode;
    }

    private static YamlMappingNode Resource(YamlMappingNode root, string name) => Map(Map(root["Resources"])[name]);
    private static YamlMappingNode Map(YamlNode node) => node.ShouldBeOfType<YamlMappingNode>();
    private static YamlMappingNode Map(YamlMappingNode node, string key) => Map(node[key]);
    private static IEnumerable<YamlNode> Seq(YamlNode node) => node.ShouldBeOfType<YamlSequenceNode>().Children;
    private static string Scalar(YamlNode node) => node.ShouldBeOfType<YamlScalarNode>().Value!;
    private static IEnumerable<string> Strings(YamlNode node) => node is YamlSequenceNode s ? s.Children.Select(Scalar) : [Scalar(node)];

    private static IEnumerable<YamlNode> All(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.SelectMany(kv => All(kv.Value)).Prepend(m),
        YamlSequenceNode s => s.Children.SelectMany(All).Prepend(s),
        _ => [node],
    };

    private static string TerraformText() =>
        string.Join("\n", Directory.EnumerateFiles(TfDir, "*.tf").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>The text of the block whose header starts with <paramref name="header"/>, braces matched.</summary>
    private static string Block(string text, string header)
    {
        var start = text.IndexOf(header + " {", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"block {header} not found");
        var depth = 0;
        for (var i = text.IndexOf('{', start); i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[start..(i + 1)];
        }
        throw new InvalidDataException($"block {header} is not closed");
    }

    /// <summary>Braces, brackets and parentheses balance outside strings and comments; strings close on their line.</summary>
    private static bool Balanced(string text)
    {
        var stack = new Stack<char>();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimStart().StartsWith('#') ? "" : rawLine;
            var inString = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (inString)
                {
                    if (c == '\\') i++;
                    else if (c == '"') inString = false;
                    continue;
                }
                switch (c)
                {
                    case '"': inString = true; break;
                    case '{' or '[' or '(': stack.Push(c); break;
                    case '}' when stack.Count == 0 || stack.Pop() != '{': return false;
                    case ']' when stack.Count == 0 || stack.Pop() != '[': return false;
                    case ')' when stack.Count == 0 || stack.Pop() != '(': return false;
                }
            }
            if (inString) return false;
        }
        return stack.Count == 0;
    }

    /// <summary>Request type name → IAM action, from the AWS SDK assemblies DriftGuard.Aws references.</summary>
    private static Dictionary<string, string> SdkRequestTypes()
    {
        var prefixes = new Dictionary<string, string>
        {
            ["AWSSDK.EC2"] = "ec2", ["AWSSDK.SQS"] = "sqs", ["AWSSDK.S3"] = "s3", ["AWSSDK.SecurityToken"] = "sts",
        };
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (assembly, prefix) in prefixes)
        {
            foreach (var type in Assembly.Load(assembly).GetExportedTypes().Where(t => t.Name.EndsWith("Request", StringComparison.Ordinal) && t.Namespace?.EndsWith(".Model", StringComparison.Ordinal) == true))
                result.TryAdd(type.Name, $"{prefix}:{type.Name[..^"Request".Length]}");
        }
        return result;
    }

    private static string FindRoot() => DriftGuard.Tests.RepoPaths.Root;

    [GeneratedRegex(@"new\s+([A-Z][A-Za-z0-9]*Request)\b")] private static partial Regex NewRequest();
    [GeneratedRegex(@"\$\{([A-Za-z0-9:._]+)\}")] private static partial Regex SubVariable();
    [GeneratedRegex("\"((?:ec2|s3|sqs|sts|cloudtrail):[A-Za-z]+)\"")] private static partial Regex IamAction();
    [GeneratedRegex("\"([A-Za-z]+)\"")] private static partial Regex QuotedWord();
    [GeneratedRegex(@"^(resource|data)\s+""([a-z0-9_]+)""\s+""([a-z0-9_]+)""", RegexOptions.Multiline)] private static partial Regex BlockHeader();
    [GeneratedRegex(@"^variable\s+""([a-z0-9_]+)""", RegexOptions.Multiline)] private static partial Regex VariableHeader();
    [GeneratedRegex(@"^\s{2}([a-z0-9_]+)\s+=", RegexOptions.Multiline)] private static partial Regex LocalName();
    [GeneratedRegex(@"(?<![.\w])(aws_[a-z0-9_]+)\.([a-z0-9_]+)(?=[.\[])")] private static partial Regex ResourceReference();
    [GeneratedRegex(@"\bdata\.([a-z0-9_]+)\.([a-z0-9_]+)")] private static partial Regex DataReference();
    [GeneratedRegex(@"\bvar\.([a-z0-9_]+)")] private static partial Regex VarReference();
    [GeneratedRegex(@"\blocal\.([a-z0-9_]+)")] private static partial Regex LocalReference();
}
