using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Terraform.TerraformFixtures;

namespace DriftGuard.Core.Tests.Terraform;

public class TerraformStateReaderTests
{
    private static string State(string resources, int version = 4) => $$"""
        { "version": {{version}}, "terraform_version": "1.9.5", "serial": 1, "lineage": "x", "outputs": {}, "resources": [ {{resources}} ] }
        """;

    private static string GroupResource(string name, string instances, string module = "") => $$"""
        { {{(module.Length > 0 ? $"\"module\": \"{module}\"," : "")}} "mode": "managed", "type": "aws_security_group", "name": "{{name}}", "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]", "instances": [ {{instances}} ] }
        """;

    private static string Instance(string id, string indexKey = "", string ingress = "[]") => $$"""
        { {{(indexKey.Length > 0 ? $"\"index_key\": {indexKey}," : "")}} "schema_version": 1, "attributes": { "id": "{{id}}", "ingress": {{ingress}}, "egress": [] } }
        """;

    [Fact]
    public void Read_WhenCountAndForEachInstances_ShouldAddressEachInstance()
    {
        // Given a counted group in a module and a for_each group
        var json = State(GroupResource("web", Instance("sg-1", "0") + "," + Instance("sg-2", "1"), "module.net") + "," +
                         GroupResource("svc", Instance("sg-3", "\"api\"")));

        // When read
        var doc = ReadState(json);

        // Then each instance is its own group with its address and id
        doc.Groups.Select(g => (g.Key, g.GroupId)).ShouldBe([
            ("module.net.aws_security_group.web[0]", "sg-1"),
            ("module.net.aws_security_group.web[1]", "sg-2"),
            ("aws_security_group.svc[\"api\"]", "sg-3"),
        ]);
    }

    [Fact]
    public void Read_WhenStandaloneRuleTargetsGroupId_ShouldAttachToThatGroup()
    {
        // Given a group and a rule resource naming the group's id
        var rule = """
            { "mode": "managed", "type": "aws_security_group_rule", "name": "https", "instances": [ { "attributes": {
              "type": "ingress", "protocol": "6", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.1.2.3/8"], "security_group_id": "sg-1", "self": false } } ] }
            """;
        var json = State(GroupResource("web", Instance("sg-1")) + "," + rule);

        // When read
        var group = ReadState(json).Groups.ShouldHaveSingleItem();

        // Then the rule is canonical (protocol 6 → tcp, host bits cleared) and attached to the group
        group.Rules.Single().ToString().ShouldBe("aws_security_group.web ingress tcp/443 10.0.0.0/8");
        group.Rules.Single().Origin!.Resource.ShouldBe("aws_security_group_rule.https");
    }

    [Fact]
    public void Read_WhenRefreshedInlineListEchoesStandaloneRules_ShouldUseStandaloneRulesOnly()
    {
        // Given a refreshed state: the group's ingress lists the standalone rule and a console-added SSH rule
        var ingress = """
            [ { "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/8"], "self": false },
              { "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"], "self": false } ]
            """;
        var rule = """
            { "mode": "managed", "type": "aws_security_group_rule", "name": "https", "instances": [ { "attributes": {
              "type": "ingress", "protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["10.0.0.0/8"], "security_group_id": "sg-1" } } ] }
            """;
        var json = State(GroupResource("web", Instance("sg-1", ingress: ingress)) + "," + rule);

        // When read
        var doc = ReadState(json);

        // Then only the standalone rule is declared, so the console rule will show as drift; a warning explains why
        doc.Groups.Single().Rules.Select(r => r.ToString()).ShouldBe(["aws_security_group.web ingress tcp/443 10.0.0.0/8"]);
        doc.Warnings.ShouldHaveSingleItem().Message.ShouldContain("last refresh");
    }

    [Fact]
    public void Read_WhenStateVersionIsNotFour_ShouldRejectWithError()
    {
        // Given a state version 3 file
        var json = State("", version: 3);

        // When read
        var doc = ReadState(json);

        // Then one error names the version
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("unsupported state version 3");
    }

    [Fact]
    public void Read_WhenShowJsonState_ShouldReadValuesRootModule()
    {
        // Given `terraform show -json` of a state, with a group in a child module
        var json = """
            { "format_version": "1.0", "terraform_version": "1.9.5", "values": { "root_module": { "child_modules": [ { "address": "module.net", "resources": [
              { "address": "module.net.aws_security_group.web", "mode": "managed", "type": "aws_security_group", "name": "web",
                "values": { "id": "sg-9", "ingress": [ { "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": ["192.0.2.0/24"] } ], "egress": [] } } ] } ] } } }
            """;

        // When read
        var doc = ReadState(json);

        // Then the group is read with its id and rule
        var group = doc.Groups.ShouldHaveSingleItem();
        (group.Key, group.GroupId).ShouldBe(("module.net.aws_security_group.web", "sg-9"));
        group.Rules.Single().ToString().ShouldBe("module.net.aws_security_group.web ingress tcp/22 192.0.2.0/24");
    }

    [Fact]
    public void Read_WhenStateHasDataSource_ShouldExcludeIt()
    {
        // Given a data source of a supported type
        var json = State("""{ "mode": "data", "type": "aws_security_group", "name": "x", "instances": [ { "attributes": { "id": "sg-7" } } ] }""");

        // When read
        var doc = ReadState(json);

        // Then nothing is declared
        doc.Groups.ShouldBeEmpty();
        doc.Ok.ShouldBeTrue();
    }

    [Fact]
    public void Read_WhenJsonIsNotState_ShouldReportIt()
    {
        // Given a JSON object that is not a state
        // When read
        var doc = ReadState("""{ "hello": "world" }""");

        // Then one error says it is not a Terraform state
        doc.Errors.ShouldHaveSingleItem().Message.ShouldContain("not a Terraform state");
    }
}
