using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Codify;

public sealed class TerraformCodifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-codify-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Inline = "# shop\r\nresource \"aws_security_group\" \"alb\" {\r\n    name = \"shop-alb\" # } not the end\r\n\r\n    ingress {\r\n        from_port   = 80\r\n        to_port     = 80\r\n        protocol    = \"tcp\"\r\n        cidr_blocks = [\"0.0.0.0/0\"]\r\n    }\r\n    tags = { Name = \"${var.x}}\" }\r\n}\r\n\r\noutput \"id\" { value = aws_security_group.alb.id }\r\n";

    private const string Standalone = "resource \"aws_security_group\" \"app\" {\n  name = \"shop-app\"\n}\n";

    private static DriftItem Unmanaged(string resource, Direction direction, string protocol, int? from, int? to, RuleSource source, string? description = null) =>
        new(DriftKind.Unmanaged, "sg-0a1", new SgRule("sg-0a1", direction, protocol, from, to, source) { Description = description })
        { Resource = resource, Fingerprint = "0123456789abcdef" };

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Propose_WhenGroupHasInlineRules_ShouldInsertABlockBeforeTheClosingBraceKeepingEveryOtherByte()
    {
        // Given: CRLF, four-space indentation, a brace in a comment and in an interpolated string
        var path = Write("main.tf", Inline);
        var drift = Unmanaged("aws_security_group.alb", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"), "HTTPS from the office");
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        var file = proposal.Files.ShouldHaveSingleItem();
        file.Path.ShouldBe(path);
        file.Content.ShouldBe(Inline.Replace("    tags = { Name = \"${var.x}}\" }\r\n}\r\n",
            "    tags = { Name = \"${var.x}}\" }\r\n\r\n    ingress {\r\n        description = \"HTTPS from the office\"\r\n        from_port   = 443\r\n        to_port     = 443\r\n        protocol    = \"tcp\"\r\n        cidr_blocks = [\"10.30.0.0/16\"]\r\n    }\r\n}\r\n"));
    }

    [Fact]
    public void Propose_WhenInlineEgressToAGroup_ShouldWriteAnEgressBlockWithSecurityGroups()
    {
        // Given
        Write("main.tf", "resource \"aws_security_group\" \"alb\" {\n  egress {\n    protocol = \"-1\"\n  }\n}\n");
        var drift = Unmanaged("aws_security_group.alb", Direction.Egress, "tcp", 5432, 5432, new GroupRef("sg-0db"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(
            "resource \"aws_security_group\" \"alb\" {\n  egress {\n    protocol = \"-1\"\n  }\n\n  egress {\n    from_port       = 5432\n    to_port         = 5432\n    protocol        = \"tcp\"\n    security_groups = [\"sg-0db\"]\n  }\n}\n");
    }

    [Fact]
    public void Propose_WhenGroupHasNoInlineRules_ShouldWriteAStandaloneIngressRuleFileBesideIt()
    {
        // Given
        Write("groups.tf", Standalone);
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"), "HTTPS from the office");
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.NewFile);
        File.ReadAllText(Path.Combine(_dir, "groups.tf")).ShouldBe(Standalone);
        proposal.Files.ShouldHaveSingleItem().ShouldBe(new ProposedFile(Path.Combine(_dir, "driftguard-0123456789abcdef.tf"),
            "resource \"aws_vpc_security_group_ingress_rule\" \"app_drift_0123456789abcdef\" {\n" +
            "  security_group_id = aws_security_group.app.id\n" +
            "  description       = \"HTTPS from the office\"\n" +
            "  ip_protocol       = \"tcp\"\n" +
            "  from_port         = 443\n" +
            "  to_port           = 443\n" +
            "  cidr_ipv4         = \"10.30.0.0/16\"\n" +
            "}\n"));
    }

    [Fact]
    public void Propose_WhenIpv6EgressOfAllProtocols_ShouldOmitPortsAndUseCidrIpv6()
    {
        // Given
        Write("groups.tf", Standalone);
        var drift = Unmanaged("aws_security_group.app", Direction.Egress, Protocols.All, null, null, Cidr.Parse("2001:db8::/32"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(
            "resource \"aws_vpc_security_group_egress_rule\" \"app_drift_0123456789abcdef\" {\n" +
            "  security_group_id = aws_security_group.app.id\n" +
            "  ip_protocol       = \"-1\"\n" +
            "  cidr_ipv6         = \"2001:db8::/32\"\n" +
            "}\n");
    }

    [Fact]
    public void Propose_WhenRuleReferencesItsOwnGroup_ShouldReferenceTheGroupResource()
    {
        // Given
        Write("groups.tf", Standalone);
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "udp", 53, 53, new GroupRef(GroupRef.Self));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Code.ShouldContain("  referenced_security_group_id = aws_security_group.app.id\n");
    }

    [Fact]
    public void Propose_WhenTheGroupIsInAModule_ShouldBeManualWithTheCode()
    {
        // Given
        Write("groups.tf", Standalone);
        var drift = Unmanaged("module.net.aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Files.ShouldBeEmpty();
        proposal.Code.ShouldContain("cidr_ipv4         = \"10.30.0.0/16\"");
        proposal.Reason.ShouldNotBeNull().ShouldContain("module.net.aws_security_group.app");
    }

    [Theory]
    [InlineData("  dynamic \"ingress\" {\n    for_each = var.rules\n    content {\n      from_port = ingress.value\n    }\n  }\n")]
    [InlineData("  ingress = []\n")]
    public void Propose_WhenRulesAreGenerated_ShouldBeManualAndLeaveTheFileAlone(string rules)
    {
        // Given
        Write("groups.tf", "resource \"aws_security_group\" \"app\" {\n" + rules + "}\n");
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Files.ShouldBeEmpty();
    }

    [Fact]
    public void Propose_WhenOnlyCdktfJsonDeclaresTheGroup_ShouldBeManual()
    {
        // Given: CDKTF synth output is JSON, regenerated from code; editing it would be lost
        Write("cdk.tf.json", "{\"resource\":{\"aws_security_group\":{\"app\":{}}}}");
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
    }

    private const string Heredocs =
        "resource \"aws_security_group\" \"app\" {\n" +
        "  name = \"shop-app\"\n" +
        "  description = <<EOF\n" +
        "App servers } { \" ' \n" +
        "ingress {\n" +
        "  EOF and more\n" +
        "  EOF\n" +
        "  tags = { Note = <<-EOT\n" +
        "    }}} resource \"aws_security_group\" \"app\" {\n" +
        "    EOT\n" +
        "  }\n" +
        "  ingress {\n" +
        "    from_port   = 22\n" +
        "    to_port     = 22\n" +
        "    protocol    = \"tcp\"\n" +
        "    cidr_blocks = [\"10.20.0.0/16\"] # } {\n" +
        "  }\n" +
        "  /* } */ // }\n" +
        "  lifecycle { ignore_changes = [\"${jsonencode({ a = \"}\" })}\"] }\n" +
        "}\n" +
        "\n" +
        "output \"id\" { value = aws_security_group.app.id }\n";

    [Fact]
    public void Propose_WhenTheGroupHoldsHeredocsCommentsAndInterpolations_ShouldInsertBeforeItsRealClosingBrace()
    {
        // Given: heredocs (plain with an indented marker, and <<-) whose text has braces, quotes, a fake end marker,
        // an "ingress {" line and a fake group header; braces in comments and in a string inside ${…}
        Write("main.tf", Heredocs);
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.EditFile);
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(Heredocs.Replace("\"] }\n}\n",
            "\"] }\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = \"tcp\"\n    cidr_blocks = [\"10.30.0.0/16\"]\n  }\n}\n"));
    }

    [Fact]
    public void Propose_WhenTheOnlyIngressBlockIsInsideAHeredoc_ShouldWriteAStandaloneRule()
    {
        // Given: the group's rules are elsewhere; "ingress {" appears only as heredoc text and in a comment
        Write("main.tf", "resource \"aws_security_group\" \"app\" {\n  description = <<-EOF\n    ingress {\n    }\n  EOF\n  # ingress {\n}\n");
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.NewFile);
    }

    [Fact]
    public void Propose_WhenTheHeaderAppearsOnlyInAHeredoc_ShouldFindTheRealResourceAfterIt()
    {
        // Given
        var text = "locals {\n  doc = <<EOF\nresource \"aws_security_group\" \"app\" {\nEOF\n}\nresource \"aws_security_group\" \"app\" {\n  egress {\n    protocol = \"-1\"\n  }\n}\n";
        Write("main.tf", text);
        var drift = Unmanaged("aws_security_group.app", Direction.Egress, "udp", 53, 53, Cidr.Parse("10.0.0.0/8"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Files.ShouldHaveSingleItem().Content.ShouldBe(text.Replace("  }\n}\n",
            "  }\n\n  egress {\n    from_port   = 53\n    to_port     = 53\n    protocol    = \"udp\"\n    cidr_blocks = [\"10.0.0.0/8\"]\n  }\n}\n"));
    }

    [Fact]
    public void Propose_WhenAHeredocNeverEnds_ShouldBeManualAndLeaveTheFileAlone()
    {
        // Given
        Write("main.tf", "resource \"aws_security_group\" \"app\" {\n  description = <<EOF\n  ingress {}\n}\n");
        var drift = Unmanaged("aws_security_group.app", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        proposal.Mode.ShouldBe(CodifyMode.Manual);
        proposal.Reason.ShouldNotBeNull().ShouldContain("never ends");
    }

    [Fact]
    public void Propose_WhenTheFileStartsWithAByteOrderMark_ShouldKeepIt()
    {
        // Given
        var text = "resource \"aws_security_group\" \"alb\" {\n  egress {\n    protocol = \"-1\"\n  }\n}\n";
        File.WriteAllBytes(Path.Combine(_dir, "main.tf"), [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(text)]);
        var drift = Unmanaged("aws_security_group.alb", Direction.Egress, "tcp", 443, 443, Cidr.Parse("10.0.0.0/8"));
        // When
        var proposal = TerraformCodifier.Propose(drift, _dir);
        // Then
        var content = proposal.Files.ShouldHaveSingleItem().Content;
        content.ShouldStartWith("\uFEFFresource \"aws_security_group\" \"alb\" {\n");
        CodifyAssert.Inserted("\uFEFF" + text, content);
    }
}
