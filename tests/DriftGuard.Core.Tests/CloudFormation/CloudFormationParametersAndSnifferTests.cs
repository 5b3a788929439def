using DriftGuard.Core.Declared;
using DriftGuard.Core.Declared.CloudFormation;
using static DriftGuard.Core.Tests.CloudFormation.CfnTestSupport;

namespace DriftGuard.Core.Tests.CloudFormation;

/// <summary><c>--parameters</c> files and detection of templates by content.</summary>
public sealed class CloudFormationParametersAndSnifferTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-cfn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Load_WhenAwsCliParameterList_ShouldReturnEveryValue()
    {
        // Given the AWS CLI form, with a number value and a UsePreviousValue entry
        var path = Write("params.json", """
            [
              {"ParameterKey": "SSHLocation", "ParameterValue": "203.0.113.0/24"},
              {"ParameterKey": "Port", "ParameterValue": 22},
              {"ParameterKey": "Kept", "UsePreviousValue": true}
            ]
            """);

        // When loaded
        var values = CloudFormationParameters.Load(path, out var errors);

        // Then keys map to text values and nothing is an error
        errors.ShouldBeEmpty();
        values.ShouldBe(new Dictionary<string, string> { ["SSHLocation"] = "203.0.113.0/24", ["Port"] = "22" });
    }

    [Fact]
    public void Load_WhenTemplateConfigurationForm_ShouldReturnEveryValue()
    {
        // Given {"Parameters": {...}} (CodePipeline template configuration)
        var path = Write("config.json", """{"Parameters": {"Env": "prod", "Subnets": ["a", "b"]}, "Tags": {}}""");

        // When loaded
        var values = CloudFormationParameters.Load(path, out var errors);

        // Then list values are comma-joined (CommaDelimitedList)
        errors.ShouldBeEmpty();
        values.ShouldBe(new Dictionary<string, string> { ["Env"] = "prod", ["Subnets"] = "a,b" });
    }

    [Theory]
    [InlineData("[{\"ParameterKey\": \"A\",\n \"ParameterValue\": }]", "invalid JSON", 2)]
    [InlineData("{\"Other\": 1}", "expected [{", 1)]
    [InlineData("[{\"ParameterValue\": \"x\"}]", "ParameterKey", 0)]
    public void Load_WhenMalformed_ShouldReportErrorWithoutThrowing(string content, string message, int line)
    {
        // Given a malformed parameter file
        var path = Write("bad.json", content);

        // When loaded
        CloudFormationParameters.Load(path, out var errors);

        // Then the error says what is wrong, where
        var error = errors.ShouldHaveSingleItem();
        error.Message.ShouldContain(message);
        error.Line.ShouldBe(line);
    }

    [Fact]
    public void Load_WhenFileMissing_ShouldReportIt()
    {
        // Given no file
        // When loaded
        var values = CloudFormationParameters.Load(Path.Combine(_dir, "none.json"), out var errors);

        // Then there is one error and no values
        values.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().Message.ShouldContain("cannot read");
    }

    [Fact]
    public void Read_WhenLoadedParametersPassed_ShouldOverrideTemplateDefaults()
    {
        // Given the sample template (SSHLocation default 192.168.1.0/0) and a parameter file narrowing it
        var path = Write("params.json", """[{"ParameterKey": "SSHLocation", "ParameterValue": "203.0.113.0/24"}]""");
        var options = new ReaderOptions { Parameters = CloudFormationParameters.Load(path, out _) };

        // When read
        var group = ReadCase("iac/cfn-yaml/awscfn-ec2-instance-with-sg.yaml", options).Group("InstanceSecurityGroup");

        // Then SSH is from the given CIDR
        group.RuleTexts().ShouldBe(["ingress tcp 22-22 203.0.113.0/24"]);
    }

    [Fact]
    public void Read_WhenParameterGivenButNotDeclared_ShouldWarn()
    {
        // Given a value for a parameter the template does not declare
        var options = new ReaderOptions { Parameters = new Dictionary<string, string> { ["Typo"] = "x" } };

        // When read
        var doc = ReadCase("iac/cfn-yaml/checkov-cfn-ssh-range-string-ports.yaml", options);

        // Then a warning names it
        doc.Warnings.ShouldContain(w => w.Message.Contains("'Typo'"));
    }

    [Theory]
    [InlineData("iac/cfn-yaml/regula-cfn-ingress-22.yaml")] // no AWSTemplateFormatVersion, Resources with AWS:: types
    [InlineData("iac/cfn-yaml/awscfn-fargate-public-vpc.yaml")]
    [InlineData("iac/cfn-json/checkov-ec2-security-group.json")]
    [InlineData("bugs/22-cfn-standalone-ingress-not-drift/declared.yaml")]
    public void LooksLikeTemplate_WhenCloudFormation_ShouldBeTrue(string file)
    {
        // Given a template, When sniffed, Then it is recognised
        CloudFormationSniffer.LooksLikeTemplateFile(Case(file)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("iac/tf-plan-json/regula-ingress-anywhere.plan.json")]
    [InlineData("iac/tf-state/driftctl-sg.tfstate")]
    [InlineData("iac/tf-json/ec2runtimemonitor-cdk.tf.json")]
    [InlineData("iac/live-describe-sg/c7n-sg-perm-expand.describe-sg.json")]
    [InlineData("bugs/22-cfn-standalone-ingress-not-drift/stack-resources.json")]
    public void LooksLikeTemplate_WhenOtherJson_ShouldBeFalse(string file)
    {
        // Given Terraform, live or stack-resource JSON, When sniffed, Then it is not a template
        CloudFormationSniffer.LooksLikeTemplateFile(Case(file)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("AWSTemplateFormatVersion: '2010-09-09'\nResources: {SecurityGroupIngress: [\n", true)] // broken, but a template
    [InlineData("name: ci\non: [push]\njobs: {}\n", false)]
    [InlineData("", false)]
    [InlineData("Resources:\n  X:\n    Type: Custom::Thing\n", true)]
    [InlineData("Resources:\n  X:\n    Type: aws_security_group\n", false)]
    public void LooksLikeTemplate_WhenText_ShouldDecideByContent(string content, bool expected)
    {
        // Given some YAML text, When sniffed, Then the verdict follows the content
        CloudFormationSniffer.LooksLikeTemplate(content).ShouldBe(expected);
    }
}
