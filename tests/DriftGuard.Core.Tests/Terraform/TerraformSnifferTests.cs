using System.Text;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Terraform;

public class TerraformSnifferTests
{
    [Theory]
    [InlineData("tf-plan-json", IacKind.TerraformPlan)]
    [InlineData("tf-state", IacKind.TerraformState)]
    [InlineData("tf-json", IacKind.TerraformJson)]
    [InlineData("cfn-json", IacKind.CloudFormation)]
    [InlineData("live-describe-sg", IacKind.LiveDescribe)]
    public void DetectFile_WhenSharedCaseFile_ShouldTellItsKind(string dir, IacKind expected)
    {
        // Given every file of one kind in the shared cases
        foreach (var file in Directory.GetFiles(TerraformFixtures.Case("iac", dir)))
        {
            // When its head is sniffed
            var kind = TerraformSniffer.DetectFile(file);

            // Then the kind is recognised
            kind.ShouldBe(expected, file);
        }
    }

    [Fact]
    public void Detect_WhenHeadStopsInsideAValue_ShouldDecideOnKeysSeen()
    {
        // Given the first bytes of a plan, cut inside planned_values
        var head = Encoding.UTF8.GetBytes("""{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[{"addr""");

        // When sniffed
        // Then it is a plan
        TerraformSniffer.Detect(head).ShouldBe(IacKind.TerraformPlan);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"hello\": 1}")]
    public void Detect_WhenNotTerraformJson_ShouldReturnUnknown(string text)
    {
        // Given text that is no Terraform JSON
        // When sniffed
        // Then the kind is unknown
        TerraformSniffer.Detect(Encoding.UTF8.GetBytes(text)).ShouldBe(IacKind.Unknown);
    }
}
