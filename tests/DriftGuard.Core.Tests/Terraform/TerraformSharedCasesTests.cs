using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Terraform;

/// <summary>Every real Terraform file under ../shared/cases/iac reads without exception and yields the groups it holds.</summary>
public class TerraformSharedCasesTests
{
    private static DeclaredDocument Read(string dir, string file)
    {
        var path = TerraformFixtures.Case("iac", dir, file);
        IDeclaredReader reader = dir switch
        {
            "tf-plan-json" => new TerraformPlanReader(),
            "tf-state" => new TerraformStateReader(),
            _ => new TerraformJsonConfigReader(),
        };
        return reader.Read(path, $"{dir}/{file}", TerraformFixtures.Options);
    }

    // Group keys verified by reading each file (python json walk): group resources by address, standalone
    // rules whose target group is not in the file by the sg- id they name.
    [Theory]
    [InlineData("tf-plan-json", "checkov-plan-change-keys.plan.json", "sg-547cc4cd5f94bb695", "sg-547cc4cd5f94bb696")]
    [InlineData("tf-plan-json", "checkov-plan-for-each.plan.json", "module.sg[\"awful_example\"].aws_security_group.bad", "module.sg[\"bad_example\"].aws_security_group.bad", "module.sg[\"terrible_example\"].aws_security_group.bad")]
    [InlineData("tf-plan-json", "checkov-runner-plan.plan.json", "aws_security_group.default", "aws_security_group.web-node")]
    [InlineData("tf-plan-json", "regula-ingress-anywhere.plan.json", "aws_security_group.invalid_allow_all", "aws_security_group.invalid_include_443", "aws_security_group.invalid_include_80", "aws_security_group.valid_exact_443", "aws_security_group.valid_exact_80")]
    [InlineData("tf-plan-json", "regula-ingress-anywhere.utf16le-bom.plan.json", "aws_security_group.invalid_allow_all", "aws_security_group.invalid_include_443", "aws_security_group.invalid_include_80", "aws_security_group.valid_exact_443", "aws_security_group.valid_exact_80")]
    [InlineData("tf-plan-json", "tfcompliance-issue-181-sg-comma.plan.json", "aws_security_group.allow_tls_ingress_inline", "aws_security_group.something_else")]
    [InlineData("tf-plan-json", "tfcompliance-issue-249-large.plan.json", "aws_security_group.lambda_sg", "module.alb.aws_security_group.alb", "module.myapp-asg.aws_security_group.sg_asg")]
    [InlineData("tf-plan-json", "tfcompliance-issue-522-drift.plan.json", "aws_security_group.lambda_sg")]
    [InlineData("tf-plan-json", "tfcompliance-issue-sgr.plan.json", "aws_security_group.allow_tls", "sg-123456")]
    [InlineData("tf-state", "driftctl-sg-rule.tfstate", "sg-0cc8b3c3c2851705a", "sg-06910b842af0d3a8f", "sg-0254c038e32f25530", "sg-0d290f68e48de546b")]
    [InlineData("tf-state", "driftctl-sg.tfstate", "aws_default_security_group.test-default-sg", "aws_security_group.test-sg")]
    [InlineData("tf-state", "inframap-module-sg.tfstate.json", "module.lemp.aws_security_group.LHwFh[0]", "module.lemp.aws_security_group.YPHPR", "module.lemp.aws_security_group.rZnGI")]
    [InlineData("tf-json", "ec2runtimemonitor-cdk.tf.json", "aws_default_security_group.defaultSecurityGroup", "aws_security_group.lambdaSecurityGroup")]
    public void Read_WhenSharedCaseFile_ShouldFindEveryGroup(string dir, string file, params string[] expectedGroups)
    {
        // Given a real Terraform file from the field
        // When it is read
        var doc = Read(dir, file);

        // Then every group it declares or targets is found, under its address or id
        doc.Groups.Select(g => g.Key).ShouldBe(expectedGroups, ignoreOrder: true);
    }

    [Fact]
    public void Read_WhenEveryTerraformCaseFile_ShouldNotThrowAndLocateEveryRule()
    {
        // Given every Terraform JSON file in the shared cases
        foreach (var dir in new[] { "tf-plan-json", "tf-state", "tf-json" })
        foreach (var file in Directory.GetFiles(TerraformFixtures.Case("iac", dir)).Select(Path.GetFileName))
        {
            // When read
            var doc = Read(dir, file!);

            // Then each rule has an origin with the display path, a positive line and an address
            foreach (var rule in doc.Groups.SelectMany(g => g.Rules))
            {
                rule.Origin.ShouldNotBeNull();
                rule.Origin!.File.ShouldBe($"{dir}/{file}");
                rule.Origin.Line.ShouldBeGreaterThan(0);
                rule.Origin.Resource.ShouldNotBeNullOrWhiteSpace();
            }
        }
    }

    [Fact]
    public void Read_WhenPlanIsUtf16LeWithBom_ShouldYieldTheSameRulesAsUtf8()
    {
        // Given the same plan saved as UTF-8 and as UTF-16LE with a BOM (PowerShell redirect)
        // When both are read
        var utf8 = Read("tf-plan-json", "regula-ingress-anywhere.plan.json");
        var utf16 = Read("tf-plan-json", "regula-ingress-anywhere.utf16le-bom.plan.json");

        // Then they give the same atomic rules on the same lines
        utf16.Errors.ShouldBeEmpty();
        utf16.Groups.SelectMany(g => g.Rules).Select(r => $"{r} @{r.Origin!.Line}")
            .ShouldBe(utf8.Groups.SelectMany(g => g.Rules).Select(r => $"{r} @{r.Origin!.Line}"));
    }

    [Fact]
    public void Read_WhenWebNodeGroupOpensSshToWorld_ShouldYieldTheWorldRule()
    {
        // Given checkov's runner plan, whose web-node group allows SSH and HTTP from anywhere
        // When read
        var doc = Read("tf-plan-json", "checkov-runner-plan.plan.json");

        // Then the web-node group carries those rules, and the standalone rules attach to the group their configuration references
        doc.Groups.Single(g => g.Key == "aws_security_group.web-node").Rules.Select(r => r.ToString()).ShouldBe([
            "aws_security_group.web-node ingress tcp/22 0.0.0.0/0",
            "aws_security_group.web-node ingress tcp/80 0.0.0.0/0",
            "aws_security_group.web-node egress all 0.0.0.0/0",
        ], ignoreOrder: true);
        var standalone = doc.Groups.Single(g => g.Key == "aws_security_group.default");
        standalone.Style.ShouldBe(RuleStyle.Standalone);
        standalone.Rules.Select(r => r.Origin!.Resource).ShouldBe(["aws_security_group_rule.egress", "aws_security_group_rule.ingress"], ignoreOrder: true);
    }

    [Fact]
    public void Read_WhenStateRuleHasOnlyIds_ShouldReportMissingTypeWithLineAndKeepOtherGroups()
    {
        // Given inframap's trimmed state, where one aws_security_group_rule keeps only its id fields
        // When read
        var doc = Read("tf-state", "inframap-module-sg.tfstate.json");

        // Then that rule is an error on its line, and the three groups are still read
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("module.ec2.aws_security_group_rule.czNph");
        error.Message.ShouldContain("type is missing");
        error.Line.ShouldBe(213);
        doc.Groups.Count.ShouldBe(3);
    }

    [Fact]
    public void Read_WhenCdktfSynthOutput_ShouldReadTheFullyOpenGroupDespiteItsDescription()
    {
        // Given CDKTF output whose "Block all traffic" group allows protocol -1 from 0.0.0.0/0 both ways
        // When read
        var doc = Read("tf-json", "ec2runtimemonitor-cdk.tf.json");

        // Then the rules say what EC2 will do, and the default group is marked as such
        doc.Errors.ShouldBeEmpty();
        doc.Groups.Single(g => g.Key == "aws_security_group.lambdaSecurityGroup").Rules.Select(r => r.ToString()).ShouldBe([
            "aws_security_group.lambdaSecurityGroup ingress all 0.0.0.0/0",
            "aws_security_group.lambdaSecurityGroup egress all 0.0.0.0/0",
            "aws_security_group.lambdaSecurityGroup egress all self",
        ], ignoreOrder: true);
        var def = doc.Groups.Single(g => g.Key == "aws_default_security_group.defaultSecurityGroup");
        def.IsDefault.ShouldBeTrue();
        def.ResourceType.ShouldBe("aws_default_security_group");
        def.Rules.ShouldBeEmpty();
    }

    [Fact]
    public void ReadPriorState_WhenPlanHasPriorState_ShouldYieldPriorGroupsWithModuleAddresses()
    {
        // Given a Terraform 0.12 plan whose prior_state child-module resources omit the module path
        var path = TerraformFixtures.Case("iac", "tf-plan-json", "tfcompliance-issue-249-large.plan.json");

        // When its prior state is read
        var doc = new TerraformPlanReader().ReadPriorState(path, "large.plan.json", TerraformFixtures.Options);

        // Then the groups carry full module addresses and their ids
        doc.Kind.ShouldBe(IacKind.TerraformState);
        doc.Groups.Select(g => (g.Key, g.GroupId)).ShouldBe([
            ("aws_security_group.lambda_sg", "sg-041e96ff356b17d07"),
            ("module.myapp-asg.aws_security_group.sg_asg", "sg-064772947d40297ad"),
            ("module.alb.aws_security_group.alb", "sg-0facdb20f33578aa9"),
        ], ignoreOrder: true);
    }
}
