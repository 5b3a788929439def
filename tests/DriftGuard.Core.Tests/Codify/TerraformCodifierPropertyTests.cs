using CsCheck;
using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Codify;

public sealed class TerraformCodifierPropertyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-codify-prop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly string[] Snippets =
    [
        "# a comment with } and {\n", "// line comment }\n", "/* block\n } */\n", "variable \"x\" { default = \"}\" }\n",
        "locals { s = \"${var.x}}\" }\n", "\n", "output \"o\" { value = 1 }\n", "resource \"aws_security_group\" \"other\" {\n  ingress {}\n}\n",
        "locals { doc = <<EOF\n} { \" resource \"aws_security_group\" \"app\" {\nEOF\n}\n", "locals { doc = <<-EOT\n    {{ \"\n    EOT\n}\n",
        "locals { j = \"${jsonencode({ a = \"}\" })}\" }\n", "locals { d = \"%{ if true }}%{ endif }$${x}\" }\n", "/* resource \"aws_security_group\" \"app\" { */\n",
    ];

    [Fact]
    public void Propose_WhenInlineGroupIsSurroundedByAnyText_ShouldOnlyInsertTheBlock()
    {
        // Given: any text around and inside the group, any indentation
        var text = Gen.Int[0, Snippets.Length - 1].Array[0, 6].Select(i => string.Concat(i.Select(j => Snippets[j])));
        var inside = Gen.OneOfConst("", "  description = <<EOF\n}\n  ingress {\n  EOF\n", "  user_data = <<-EOT\n    \"{\n    EOT\n", "  # }\n", "  tags = { a = \"${\"}\"}\" }\n");
        Gen.Select(text, text, Gen.OneOfConst("  ", "    ", "\t"), inside).Sample((before, after, indent, inside) =>
        {
            var original = before + "resource \"aws_security_group\" \"app\" {\n" + indent + "ingress {\n" + indent + indent + "protocol = \"-1\"\n" + indent + "}\n" + inside + "}\n" + after;
            // CsCheck samples on several threads: each sample gets its own folder.
            var dir = Directory.CreateDirectory(Path.Combine(_dir, Guid.NewGuid().ToString("N"))).FullName;
            File.WriteAllText(Path.Combine(dir, "main.tf"), original);
            var drift = new DriftItem(DriftKind.Unmanaged, "sg-1", new SgRule("sg-1", Direction.Egress, "udp", 53, 53, Cidr.Parse("10.0.0.0/8")))
                { Resource = "aws_security_group.app", Fingerprint = "00000000000000ff" };
            // When
            var proposal = TerraformCodifier.Propose(drift, dir);
            // Then: removing the inserted block gives back the original, byte for byte
            proposal.Mode.ShouldBe(CodifyMode.EditFile);
            proposal.Code.ShouldStartWith(indent + "egress {\n");
            var edited = proposal.Files.ShouldHaveSingleItem().Content;
            var at = edited.IndexOf("\n" + proposal.Code, StringComparison.Ordinal);
            at.ShouldBeGreaterThan(0);
            (edited[..at] + edited[(at + 1 + proposal.Code.Length)..]).ShouldBe(original);
        }, iter: 200);
    }
}
