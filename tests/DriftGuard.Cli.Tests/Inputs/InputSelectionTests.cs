namespace DriftGuard.Cli.Tests.Inputs;

/// <summary>
/// Which files are read: a directory walk considers only IaC extensions (other files are listed as skipped, silently);
/// a file the user names is always read and must be IaC, else exit 2 naming it.
/// </summary>
public sealed class InputSelectionTests : IDisposable
{
    private const string NotIac = "not a Terraform plan/state/JSON configuration or CloudFormation template";

    private const string SshTemplate = SampleTemplates.SshFromWorld;

    private const string PulumiState = """
        {"version": 3, "checkpoint": {"stack": "dev", "latest": {"resources": [
          {"urn": "urn:pulumi:dev::shop::aws:ec2/securityGroup:SecurityGroup::web", "type": "aws:ec2/securityGroup:SecurityGroup",
           "outputs": {"ingress": [{"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": ["0.0.0.0/0"]}]}}]}}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("driftguard-inputs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Gate_WhenDirectoryHoldsScriptsAndNotesMentioningSecurityGroups_ShouldSkipThemAndEvaluateTheTemplate()
    {
        // Given: a repository with a template and files that merely mention the resource type
        Write("cfn/web.yaml", SshTemplate);
        Write("deploy.py", "import boto3\n# creates\nRESOURCES = {'Type': 'AWS::EC2::SecurityGroup', 'x': [\n");
        Write("tool.sh", "#!/bin/sh\nAWSTemplateFormatVersion: 'x'\nResources: [AWS::EC2::SecurityGroup\n");
        Write("NOTES.md", "AWSTemplateFormatVersion: notes\nResources:\n  AWS::EC2::SecurityGroup is what we use\n");
        Write("src/Program.cs", "// Resources: AWS::EC2::SecurityGroup\nclass P { }\n");
        Write("Makefile", "Resources: AWS::EC2::SecurityGroup\n");
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", ".", "--format", "json");
        // Then: the SSH finding fails the gate (1), no input error (not 2), the others passed over without a word
        result.ExitCode.ShouldBe(1);
        result.Error.ShouldNotContain("error:");
        var root = result.Json().RootElement;
        root.GetProperty("errors").GetArrayLength().ShouldBe(0);
        root.GetProperty("skipped").GetArrayLength().ShouldBe(0);
        result.Findings().ShouldContain(f => f.GetProperty("file").GetString() == "cfn/web.yaml");
    }

    [Fact]
    public void Gate_WhenDirectoryHoldsJsonThatIsNotIac_ShouldSkipIt()
    {
        // Given: package.json has an IaC extension, so it is a candidate; its content says it is not IaC
        Write("package.json", """{"name": "shop", "version": "1.0.0"}""");
        Write("web.yaml", SshTemplate);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", ".", "--format", "json");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Json().RootElement.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()).ShouldBe(["package.json"]);
    }

    [Fact]
    public void Gate_WhenNamedFileIsNotIac_ShouldExitTwoNamingIt()
    {
        // Given
        var pulumi = Write("pulumi-state.json", PulumiState);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", pulumi);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"error: pulumi-state.json: {NotIac}");
    }

    [Fact]
    public void Gate_WhenNamedScriptHasNoIacExtension_ShouldExitTwoNamingIt()
    {
        // Given
        var script = Write("deploy.sh", "#!/bin/sh\necho deploy\n");
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", script);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"error: deploy.sh: {NotIac}");
    }

    [Fact]
    public void Gate_WhenNamedPythonScriptMentionsSecurityGroups_ShouldSayNotIacRatherThanInvalidYaml()
    {
        // Given: the script that used to give "deploy.py:3: invalid YAML"
        var script = Write("deploy.py", "import boto3\n# creates\nRESOURCES = {'Type': 'AWS::EC2::SecurityGroup', 'x': [\n");
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", script);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.Trim().ShouldBe($"error: deploy.py: {NotIac}");
    }

    [Fact]
    public void Gate_WhenNamedTemplateHasNoExtension_ShouldReadIt()
    {
        // Given: content decides the kind of a named file
        var template = Write("template", SshTemplate);
        // When
        var result = CliRunner.RunIn(_dir, null, "gate", template, "--format", "json");
        // Then
        result.ExitCode.ShouldBe(1);
        result.Findings().ShouldContain(f => f.GetProperty("file").GetString() == "template");
    }

    [Fact]
    public void Check_WhenOneNamedIacFileIsNotIac_ShouldExitTwoNamingIt()
    {
        // Given: a good Terraform state beside a Pulumi state
        var pulumi = Write("pulumi-state.json", PulumiState);
        // When
        var result = CliRunner.RunIn(_dir, null, "check", "--iac", Repo.Path_("iac", "compliant", "terraform", "terraform.tfstate"),
                                     "--iac", pulumi, "--live-file", Repo.Path_("iac", "live", "shop-in-sync.json"));
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain($"error: pulumi-state.json: {NotIac}");
    }

    [Theory]
    [InlineData("gate", "")]
    [InlineData("check", "--iac", "")]
    [InlineData("remediate", "--iac", "")]
    [InlineData("watch", "--iac", "")]
    public void Command_WhenPathIsEmpty_ShouldBeUsageErrorInsteadOfScanningTheCurrentDirectory(params string[] args)
    {
        // Given: the current directory holds a template that would fail the gate
        Write("web.yaml", SshTemplate);
        // When
        var result = CliRunner.RunIn(_dir, null, args);
        // Then
        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("an empty path is not a file or directory");
        result.Out.ShouldNotContain("web.yaml");
    }
}
