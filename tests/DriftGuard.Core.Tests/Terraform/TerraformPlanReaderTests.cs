using System.Text;
using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Terraform.TerraformFixtures;

namespace DriftGuard.Core.Tests.Terraform;

public class TerraformPlanReaderTests
{
    private static string Change(string address, string type, string actions, string afterUnknown = "{}", string after = "{}") => $$"""
        { "address": "{{address}}", "mode": "managed", "type": "{{type}}", "name": "{{address.Split('.')[^1]}}",
          "change": { "actions": [{{actions}}], "before": null, "after": {{after}}, "after_unknown": {{afterUnknown}} } }
        """;

    [Fact]
    public void Read_WhenCidrIsKnownOnlyAfterApply_ShouldYieldUnknownSourceNotEmpty()
    {
        // Given an ingress block whose second CIDR is unknown until apply
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 22, 22, "\"10.0.0.0/8\", null")}]"),
            Change("aws_security_group.web", "aws_security_group", "\"create\"", """{ "ingress": [ { "cidr_blocks": [false, true] } ] }"""));

        // When read
        var rules = ReadPlan(json).Groups.Single().Rules;

        // Then the unknown CIDR is an unknown peer that could be the world, beside the known one
        rules.Select(r => r.Source.ToString()).ShouldBe(["10.0.0.0/8", "unknown"], ignoreOrder: true);
        rules.Single(r => r.Source is UnknownSource).Source.ShouldBeOfType<UnknownSource>().CouldBeWorld.ShouldBeTrue();
    }

    [Fact]
    public void Read_WhenWholeCidrListIsUnknown_ShouldYieldUnknownCidrSource()
    {
        // Given a standalone rule whose cidr_blocks list is unknown until apply
        var rule = """
            { "address": "aws_security_group_rule.r", "mode": "managed", "type": "aws_security_group_rule", "name": "r",
              "values": { "type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "security_group_id": "sg-1", "self": false } }
            """;
        var json = Plan(rule, Change("aws_security_group_rule.r", "aws_security_group_rule", "\"create\"", """{ "cidr_blocks": true, "id": true }"""));

        // When read
        var r = ReadPlan(json).Groups.Single().Rules.ShouldHaveSingleItem();

        // Then the rule's peer is an unknown CIDR, never "no peer"
        r.Source.ShouldBeOfType<UnknownSource>().Kind.ShouldBe("cidr");
        r.PortText.ShouldBe("tcp/443");
    }

    [Fact]
    public void Read_WhenPortIsKnownOnlyAfterApply_ShouldMarkPortsUnknown()
    {
        // Given an ingress block whose to_port is unknown until apply
        var json = Plan(PlannedGroup("web", """[{ "protocol": "tcp", "from_port": 22, "cidr_blocks": ["0.0.0.0/0"] }]"""),
            Change("aws_security_group.web", "aws_security_group", "\"create\"", """{ "ingress": [ { "to_port": true } ] }"""));

        // When read
        var r = ReadPlan(json).Groups.Single().Rules.ShouldHaveSingleItem();

        // Then the ports are unknown, which covers every port
        r.PortsUnknown.ShouldBeTrue();
        r.CoversPort(22).ShouldBeTrue();
    }

    [Fact]
    public void Read_WhenConfiguredIngressListIsUnknown_ShouldFailClosedWithUnknownRule()
    {
        // Given a group whose configured ingress list is wholly unknown (dynamic block over an unknown value)
        var group = """{ "address": "aws_security_group.dyn", "mode": "managed", "type": "aws_security_group", "name": "dyn", "values": { "egress": [] } }""";
        var config = """, "configuration": { "root_module": { "resources": [ { "address": "aws_security_group.dyn", "mode": "managed", "type": "aws_security_group", "name": "dyn", "expressions": { "ingress": { "references": ["var.rules"] } } } ] } }""";
        var json = Plan(group, Change("aws_security_group.dyn", "aws_security_group", "\"create\"", """{ "ingress": true }"""), config);

        // When read
        var rules = ReadPlan(json).Groups.Single().Rules;

        // Then every peer kind is present as unknown, with protocol evaluated as all traffic
        rules.Select(r => ((UnknownSource)r.Source).Kind).ShouldBe(["cidr", "ipv6", "prefix-list", "group"], ignoreOrder: true);
        rules.ShouldAllBe(r => r.Protocol == Protocols.All && r.Direction == Direction.Ingress);
    }

    [Fact]
    public void Read_WhenUnconfiguredIngressIsComputed_ShouldDeclareNoInlineRules()
    {
        // Given a group that writes no ingress (its rules are standalone), so Terraform marks the list computed
        var group = """{ "address": "aws_security_group.g", "mode": "managed", "type": "aws_security_group", "name": "g", "values": { "name": "g" } }""";
        var config = """, "configuration": { "root_module": { "resources": [ { "address": "aws_security_group.g", "mode": "managed", "type": "aws_security_group", "name": "g", "expressions": { "name": { "constant_value": "g" } } } ] } }""";
        var json = Plan(group, Change("aws_security_group.g", "aws_security_group", "\"create\"", """{ "ingress": true, "egress": true, "id": true }"""), config);

        // When read
        var doc = ReadPlan(json);

        // Then the group declares no inline rules (it does not own them)
        doc.Groups.Single().Rules.ShouldBeEmpty();
        doc.Groups.Single().Style.ShouldBe(RuleStyle.None);
    }

    [Fact]
    public void Read_WhenGroupsAreInNestedChildModules_ShouldUseModuleAddresses()
    {
        // Given a group two modules deep
        var json = """
            { "format_version": "1.2", "planned_values": { "root_module": { "child_modules": [ { "address": "module.net",
              "child_modules": [ { "address": "module.net.module.sg[\"web\"]", "resources": [
                { "address": "module.net.module.sg[\"web\"].aws_security_group.this", "mode": "managed", "type": "aws_security_group", "name": "this", "index_key": "web",
                  "values": { "ingress": [ { "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"] } ] } } ] } ] } ] } } }
            """;

        // When read
        var doc = ReadPlan(json);

        // Then the group and its rule carry the full module address
        var group = doc.Groups.ShouldHaveSingleItem();
        group.Key.ShouldBe("module.net.module.sg[\"web\"].aws_security_group.this");
        group.Rules.Single().Origin!.Resource.ShouldBe(group.Key);
    }

    [Fact]
    public void Read_WhenPlanHasDataSource_ShouldExcludeIt()
    {
        // Given a data source of a supported type next to a managed group
        var data = """{ "address": "data.aws_security_group.existing", "mode": "data", "type": "aws_security_group", "name": "existing", "values": { "ingress": [ { "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"] } ] } }""";
        var json = Plan(data + "," + PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"));

        // When read
        var doc = ReadPlan(json);

        // Then only the managed group is declared
        doc.Groups.Select(g => g.Key).ShouldBe(["aws_security_group.web"]);
    }

    [Fact]
    public void Read_WhenResourceIsOnlyDeleted_ShouldSkipIt()
    {
        // Given a group the plan destroys, and one it keeps
        var json = Plan(PlannedGroup("old", $"[{Block("tcp", 22, 22, "\"0.0.0.0/0\"")}]") + "," + PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"),
            Change("aws_security_group.old", "aws_security_group", "\"delete\"") + "," + Change("aws_security_group.web", "aws_security_group", "\"no-op\""));

        // When read
        var doc = ReadPlan(json);

        // Then the deleted group is not declared
        doc.Groups.Select(g => g.Key).ShouldBe(["aws_security_group.web"]);
    }

    [Fact]
    public void Read_WhenOnlyResourceChangesArePresent_ShouldReadTheAfterValues()
    {
        // Given a plan without planned_values
        var json = $$"""
            { "format_version": "1.1", "resource_changes": [ {{Change("aws_security_group.web", "aws_security_group", "\"create\"", "{}", $"{{ \"ingress\": [{Block("tcp", 443, 443)}] }}")}} ] }
            """;

        // When read
        var doc = ReadPlan(json);

        // Then the group comes from change.after
        doc.Groups.Single().Rules.Single().ToString().ShouldBe("aws_security_group.web ingress tcp/443 10.0.0.0/8");
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("10.1")]
    public void Read_WhenFormatVersionMajorIsUnknown_ShouldRejectWithError(string version)
    {
        // Given a plan of an unknown major format version
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"), formatVersion: version);

        // When read
        var doc = ReadPlan(json);

        // Then it is an error naming the version on its line, and nothing is declared
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain($"unsupported format_version '{version}'");
        error.Line.ShouldBe(2);
        doc.Groups.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("0.2")]
    [InlineData("1.0")]
    [InlineData("1.2")]
    public void Read_WhenFormatVersionMajorIsZeroOrOne_ShouldRead(string version)
    {
        // Given a plan of a supported format version
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"), formatVersion: version);

        // When read
        var doc = ReadPlan(json);

        // Then it reads cleanly
        doc.Ok.ShouldBeTrue();
        doc.Groups.ShouldHaveSingleItem();
    }

    [Fact]
    public void Read_WhenPlanIsUtf16BigEndianWithBom_ShouldReadLikeUtf8()
    {
        // Given a plan encoded as UTF-16BE with a byte-order mark
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"));
        var bytes = Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(json)).ToArray();

        // When read
        var doc = new TerraformPlanReader().Read(bytes, "plan.json", Options);

        // Then it gives the same rule as the UTF-8 text
        doc.Groups.Single().Rules.Single().ToString().ShouldBe(ReadPlan(json).Groups.Single().Rules.Single().ToString());
    }

    [Fact]
    public void Read_WhenJsonIsTruncated_ShouldReportInvalidJsonWithLine()
    {
        // Given a plan cut off in the middle
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 443, 443)}]"));
        var cut = json[..(json.Length / 2)];

        // When read
        var doc = ReadPlan(cut);

        // Then one error says the JSON is invalid, with a line inside the file
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldStartWith("invalid JSON:");
        error.Line.ShouldBeInRange(1, cut.Count(c => c == '\n') + 1);
        error.Message.ShouldNotContain("\n");
    }

    [Fact]
    public void Read_WhenNesting100000Deep_ShouldReportDepthErrorWithLine()
    {
        // Given a plan with a value nested 100,000 deep
        var json = "{\n\"format_version\": \"1.2\",\n\"variables\": " + new string('[', 100_000) + new string(']', 100_000) + "\n}";

        // When read with the default depth limit
        var doc = ReadPlan(json);

        // Then it is a depth error on line 3, not a crash
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("depth");
        error.Line.ShouldBe(3);
    }

    [Fact]
    public void Read_WhenDepthLimitIsRaised_ShouldHonourReaderOptions()
    {
        // Given a plan nested 300 deep in an ignored section, below a raised limit
        var json = "{\"format_version\": \"1.2\", \"variables\": " + new string('[', 300) + new string(']', 300) + "," +
                   "\"planned_values\": { \"root_module\": { \"resources\": [" + PlannedGroup("web", $"[{Block("tcp", 443, 443)}]") + "] } } }";

        // When read with MaxDepth 1000
        var doc = ReadPlan(json, new ReaderOptions { MaxDepth = 1000 });

        // Then it reads cleanly
        doc.Ok.ShouldBeTrue();
        doc.Groups.ShouldHaveSingleItem();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    public void Read_WhenFileIsEmpty_ShouldReportEmptyFile(string content)
    {
        // Given an empty file
        // When read
        var doc = ReadPlan(content);

        // Then one error says so
        doc.Errors.ShouldHaveSingleItem().Message.ShouldBe("file is empty");
    }

    [Fact]
    public void Read_WhenFileIsBinary_ShouldReportBinaryFile()
    {
        // Given random binary bytes
        var bytes = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0x10, 0x00, 0x7B };

        // When read
        var doc = new TerraformPlanReader().Read(bytes, "plan.zip", Options);

        // Then one error says it is not JSON text
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("binary");
    }

    [Fact]
    public void Read_WhenTextIsLatin1NotUtf8_ShouldReportEncodingWithLine()
    {
        // Given a plan saved as Latin-1 with "é" in a description on line 4
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 443, 443, extra: ", \"x\": \"caf\u00e9\"")}]"));
        var bytes = Encoding.Latin1.GetBytes(json);

        // When read
        var doc = new TerraformPlanReader().Read(bytes, "plan.json", Options);

        // Then one error says the file is not UTF-8, on the line of the bad byte
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("not valid UTF-8");
        error.Line.ShouldBe(json[..json.IndexOf('\u00e9')].Count(c => c == '\n') + 1);
    }

    [Fact]
    public void Read_WhenFileDoesNotExist_ShouldReportIt()
    {
        // Given a path that does not exist
        // When read
        var doc = new TerraformPlanReader().Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json"), "missing.json", Options);

        // Then one error says so
        doc.Errors.ShouldHaveSingleItem().Message.ShouldBe("file not found");
    }

    [Fact]
    public void Read_WhenIngressIsAString_ShouldReportShapeErrorAndKeepOtherResources()
    {
        // Given one group whose ingress is a string, and a good group
        var json = Plan(PlannedGroup("bad", "\"tcp 22\"") + "," + PlannedGroup("good", $"[{Block("tcp", 443, 443)}]"));

        // When read
        var doc = ReadPlan(json);

        // Then the bad one is an error naming it, and the good one is still read
        doc.Errors.ShouldHaveSingleItem().Message.ShouldBe("aws_security_group.bad: ingress must be a list of rule blocks, got a string");
        doc.Groups.Single(g => g.Key == "aws_security_group.good").Rules.ShouldHaveSingleItem();
    }

    [Fact]
    public void Read_WhenValuesHaveWrongShapes_ShouldNeverThrow()
    {
        // Given resources with every attribute of an unexpected shape
        var weird = """
            { "address": "aws_security_group.w", "mode": "managed", "type": "aws_security_group", "name": "w", "values": { "id": 5, "tags": [1], "ingress": [ 7, { "cidr_blocks": "x", "from_port": {}, "self": "maybe" } ], "egress": {} } },
            { "address": "aws_security_group_rule.w", "mode": "managed", "type": "aws_security_group_rule", "name": "w", "values": [] },
            { "address": "aws_vpc_security_group_ingress_rule.w", "mode": "managed", "type": "aws_vpc_security_group_ingress_rule", "name": "w", "values": { "ip_protocol": ["tcp"], "security_group_id": "sg-1" } }
            """;

        // When read
        var doc = ReadPlan(Plan(weird));

        // Then each problem is an error with a line, and no exception escapes
        doc.Errors.Count.ShouldBeGreaterThanOrEqualTo(3);
        doc.Errors.ShouldAllBe(e => e.Line > 0 && !e.Message.Contains('\n'));
    }

    [Fact]
    public void Read_WhenSelfIsTrue_ShouldYieldSelfGroupReference()
    {
        // Given an inline rule with self = true
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 8080, 8080, "", "").Replace("\"self\": false", "\"self\": true")}]"));

        // When read
        var rule = ReadPlan(json).Groups.Single().Rules.ShouldHaveSingleItem();

        // Then the peer is the group itself
        rule.Source.ShouldBe(new GroupRef(GroupRef.Self));
    }

    [Fact]
    public void Read_WhenProtocolMinusOneHasPorts_ShouldWarnWithLine()
    {
        // Given protocol -1 written with ports 22-22
        var json = Plan(PlannedGroup("web", $"[{Block("-1", 22, 22)}]"));

        // When read
        var doc = ReadPlan(json);

        // Then the rule is all traffic and a warning points at the group's line
        doc.Groups.Single().Rules.Single().Protocol.ShouldBe(Protocols.All);
        var warning = doc.Warnings.ShouldHaveSingleItem();
        warning.Message.ShouldContain("ports ignored for protocol -1");
        warning.Line.ShouldBe(4);
    }

    [Fact]
    public void Read_WhenTcpPortsAreZeroToZero_ShouldWarnPortZeroOnly()
    {
        // Given tcp 0-0
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 0, 0)}]"));

        // When read
        var doc = ReadPlan(json);

        // Then the rule is port 0 and a warning says so
        doc.Groups.Single().Rules.Single().PortText.ShouldBe("tcp/0");
        doc.Warnings.ShouldHaveSingleItem().Message.ShouldContain("allows only port 0");
    }

    [Fact]
    public void Read_WhenCidrIsInvalid_ShouldReportErrorWithLine()
    {
        // Given a second group whose CIDR has an octet of 300
        var json = Plan(PlannedGroup("ok", $"[{Block("tcp", 443, 443)}]") + "," + PlannedGroup("web", $"[{Block("tcp", 443, 443, "\"10.0.0.300/24\"")}]"));

        // When read
        var doc = ReadPlan(json);

        // Then one error names the CIDR and the line where that group's object starts
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("10.0.0.300/24");
        var objectStart = json.LastIndexOf('{', json.IndexOf("\"aws_security_group.web\"", StringComparison.Ordinal));
        error.Line.ShouldBe(json[..objectStart].Count(c => c == '\n') + 1);
        error.Resource.ShouldBe("aws_security_group.web");
    }

    [Fact]
    public void Read_WhenPortIsAbove65535_ShouldReportError()
    {
        // Given tcp 22-70000
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 22, 70000)}]"));

        // When read
        var doc = ReadPlan(json);

        // Then one error says the port is out of range and no rule is declared
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("port out of range");
        doc.Groups.Single().Rules.ShouldBeEmpty();
    }

    [Fact]
    public void Read_WhenRuleGroupIsUnknownInChildModule_ShouldAttachThroughModuleRelativeReference()
    {
        // Given a rule in module.app whose security_group_id is unknown, configured as aws_security_group.app.id
        var json = """
            { "format_version": "1.2",
              "planned_values": { "root_module": { "child_modules": [ { "address": "module.app", "resources": [
                { "address": "module.app.aws_security_group.app", "mode": "managed", "type": "aws_security_group", "name": "app", "values": { "ingress": [], "egress": [] } },
                { "address": "module.app.aws_security_group_rule.ssh", "mode": "managed", "type": "aws_security_group_rule", "name": "ssh",
                  "values": { "type": "ingress", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"] } } ] } ] } },
              "resource_changes": [ { "address": "module.app.aws_security_group_rule.ssh", "module_address": "module.app", "mode": "managed", "type": "aws_security_group_rule", "name": "ssh",
                 "change": { "actions": ["create"], "after_unknown": { "security_group_id": true, "source_security_group_id": true } } } ],
              "configuration": { "root_module": { "module_calls": { "app": { "module": { "resources": [
                { "address": "aws_security_group_rule.ssh", "mode": "managed", "type": "aws_security_group_rule", "name": "ssh",
                  "expressions": { "security_group_id": { "references": ["aws_security_group.app.id", "aws_security_group.app"] } } } ] } } } } } }
            """;

        // When read
        var doc = ReadPlan(json);

        // Then the rule is on module.app's group, and the computed source_security_group_id adds no peer
        var group = doc.Groups.ShouldHaveSingleItem();
        group.Key.ShouldBe("module.app.aws_security_group.app");
        group.Rules.Single().ToString().ShouldBe("module.app.aws_security_group.app ingress tcp/22 0.0.0.0/0");
        group.Style.ShouldBe(RuleStyle.Standalone);
    }

    [Fact]
    public void Read_WhenRuleTargetCannotBeFound_ShouldUsePlaceholderKeyedByReference()
    {
        // Given a rule whose group comes from a module output
        var rule = """
            { "address": "aws_security_group_rule.r", "mode": "managed", "type": "aws_security_group_rule", "name": "r",
              "values": { "type": "egress", "protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": ["0.0.0.0/0"] } }
            """;
        var config = """, "configuration": { "root_module": { "resources": [ { "address": "aws_security_group_rule.r", "mode": "managed", "type": "aws_security_group_rule", "name": "r", "expressions": { "security_group_id": { "references": ["module.alb.sg_id", "module.alb"] } } } ] } }""";
        var json = Plan(rule, Change("aws_security_group_rule.r", "aws_security_group_rule", "\"create\"", """{ "security_group_id": true }"""), config);

        // When read
        var doc = ReadPlan(json);

        // Then a placeholder group keyed by the reference holds the rule, located at the rule
        var group = doc.Groups.ShouldHaveSingleItem();
        group.Key.ShouldBe("module.alb.sg_id");
        group.Origin!.Resource.ShouldBe("aws_security_group_rule.r");
        group.Rules.ShouldHaveSingleItem();
    }

    [Fact]
    public void Read_WhenInlineAndStandaloneRulesDiffer_ShouldMarkMixedAndWarn()
    {
        // Given a group with inline SSH and a standalone HTTPS rule targeting it by id
        var rule = """
            { "address": "aws_security_group_rule.https", "mode": "managed", "type": "aws_security_group_rule", "name": "https",
              "values": { "type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/8"], "security_group_id": "sg-0a" } }
            """;
        var json = Plan(PlannedGroup("web", $"[{Block("tcp", 22, 22)}]", id: "\"sg-0a\"") + "," + rule);

        // When read
        var doc = ReadPlan(json);

        // Then both rules are declared, the group is Mixed, and a warning says they fight
        var group = doc.Groups.ShouldHaveSingleItem();
        group.Style.ShouldBe(RuleStyle.Mixed);
        group.Rules.Count.ShouldBe(2);
        doc.Warnings.ShouldHaveSingleItem().Message.ShouldContain("fighting");
    }

    [Fact]
    public void Read_WhenDefaultSecurityGroup_ShouldMarkIsDefault()
    {
        // Given an aws_default_security_group
        var json = Plan(PlannedGroup("default", $"[{Block("-1", 0, 0, "", "").Replace("\"self\": false", "\"self\": true")}]", type: "aws_default_security_group"));

        // When read
        var group = ReadPlan(json).Groups.Single();

        // Then it is the default group with its resource type
        group.IsDefault.ShouldBeTrue();
        group.ResourceType.ShouldBe("aws_default_security_group");
    }
}

public class TerraformPlanResourceDriftTests
{
    [Fact]
    public void ReadResourceDrift_WhenGroupChangedOutsideTerraform_ShouldYieldTheRefreshedRules()
    {
        // Given a plan whose resource_drift says SSH from anywhere was added to the group outside Terraform
        var json = """
            { "format_version": "1.2",
              "resource_drift": [ { "address": "aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
                "change": { "actions": ["update"], "before": { "id": "sg-1", "ingress": [] },
                            "after": { "id": "sg-1", "ingress": [ { "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"] } ], "egress": [] } } } ] }
            """;
        var path = Path.Combine(Path.GetTempPath(), $"drift-{Guid.NewGuid():N}.plan.json");
        File.WriteAllText(path, json);
        try
        {
            // When its resource drift is read
            var doc = new TerraformPlanReader().ReadResourceDrift(path, "drift.plan.json", TerraformFixtures.Options);

            // Then the group is as refresh found it
            var group = doc.Groups.ShouldHaveSingleItem();
            group.GroupId.ShouldBe("sg-1");
            group.Rules.Single().ToString().ShouldBe("aws_security_group.web ingress tcp/22 0.0.0.0/0");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadResourceDrift_WhenOlderFormatOmitsAddress_ShouldComposeItAndSkipDeletes()
    {
        // Given the Terraform 1.0.0 plan from the shared cases (resource_drift entries without "address"; the group was deleted outside Terraform)
        var path = TerraformFixtures.Case("iac", "tf-plan-json", "tfcompliance-issue-522-drift.plan.json");

        // When its resource drift is read
        var doc = new TerraformPlanReader().ReadResourceDrift(path, "522.plan.json", TerraformFixtures.Options);

        // Then it reads cleanly and the deleted group is not there
        doc.Ok.ShouldBeTrue();
        doc.Groups.ShouldBeEmpty();
    }
}
