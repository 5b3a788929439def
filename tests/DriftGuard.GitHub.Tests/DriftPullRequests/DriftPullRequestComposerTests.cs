using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;
using DriftGuard.GitHub.DriftPullRequests;

namespace DriftGuard.GitHub.Tests.DriftPullRequests;

public sealed class DriftPullRequestComposerTests
{
    private static readonly DateTimeOffset Detected = new(2026, 6, 1, 12, 30, 0, TimeSpan.Zero);

    private static DriftItem Drift() =>
        new(DriftKind.Unmanaged, "sg-0a1", new SgRule("sg-0a1", Direction.Ingress, "tcp", 443, 443, Cidr.Parse("10.30.0.0/16")) { Description = "HTTPS | office" })
        { Resource = "aws_security_group.app", Fingerprint = "0123456789abcdef", Severity = Severity.Medium };

    [Fact]
    public void Compose_WhenTheProposalIsManual_ShouldLabelItAndPutTheCodeInTheBodyAndAProposalFile()
    {
        // Given
        var proposal = new CodifyProposal(Drift(), CodifyMode.Manual, [], "resource \"x\" \"y\" {}\n", "module address");
        // When
        var pr = DriftPullRequestComposer.Compose(proposal, "/repo", Detected);
        // Then
        pr.Labels.ShouldBe(["drift", "security", "needs-manual-edit"]);
        pr.Body.ShouldContain("```hcl\nresource \"x\" \"y\" {}\n```");
        pr.Body.ShouldContain("| Detected | 2026-06-01 12:30 UTC |");
        pr.Files.ShouldHaveSingleItem().Path.ShouldBe(".driftguard/proposals/drift-0123456789abcdef.md");
    }

    [Fact]
    public void Compose_WhenAFileIsProposed_ShouldUseRepositoryRelativePathsAndAStableBranch()
    {
        // Given
        var root = Path.GetFullPath("repo-root");
        var proposal = new CodifyProposal(Drift(), CodifyMode.NewFile,
            [new ProposedFile(Path.Combine(root, "iac", "driftguard-0123456789abcdef.tf"), "code\n")], "code\n");
        // When
        var pr = DriftPullRequestComposer.Compose(proposal, root, Detected);
        // Then
        pr.Branch.ShouldBe("driftguard/drift-0123456789abcdef");
        pr.Title.ShouldBe("DriftGuard: codify live rule ingress tcp/443 from 10.30.0.0/16 on aws_security_group.app");
        pr.Files.ShouldBe([new PullRequestFile("iac/driftguard-0123456789abcdef.tf", "code\n")]);
        pr.Labels.ShouldBe(["drift", "security"]);
        pr.Body.ShouldContain("HTTPS \\| office");
    }
}
