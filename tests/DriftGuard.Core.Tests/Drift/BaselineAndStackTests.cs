using DriftGuard.Core.Drift;
using static DriftGuard.Core.Tests.Drift.Declare;

namespace DriftGuard.Core.Tests.Drift;

public class BaselineAndStackTests
{
    [Fact]
    public void Load_WhenWrittenByWrite_ShouldAcceptExactlyTheWrittenFingerprints()
    {
        // Given
        var rule = Tcp("sg-1", 22, "0.0.0.0/0");
        var kept = new DriftItem(DriftKind.Unmanaged, "sg-1", rule) { Fingerprint = DriftFingerprint.Compute("1", "r", "sg-1", DriftKind.Unmanaged, rule) };
        var other = new DriftItem(DriftKind.Missing, "sg-1", rule) { Fingerprint = DriftFingerprint.Compute("1", "r", "sg-1", DriftKind.Missing, rule) };
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        // When
        Baseline.Write(path, [kept]);
        var baseline = Baseline.Load(path);
        var text = File.ReadAllText(path);
        File.Delete(path);
        // Then
        baseline.Errors.ShouldBeEmpty();
        baseline.Accepts(kept).ShouldBeTrue();
        baseline.Accepts(other).ShouldBeFalse();
        text.ShouldContain("\"kind\": \"unmanaged\"");
    }

    [Theory]
    [InlineData("{", "invalid JSON in baseline")]
    [InlineData("[]", "not a DriftGuard baseline")]
    public void Load_WhenFileIsNotABaseline_ShouldReportAnError(string content, string message)
    {
        // Given
        var path = Path.Combine(Path.GetTempPath(), $"baseline-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, content);
        // When
        var baseline = Baseline.Load(path);
        File.Delete(path);
        // Then
        baseline.Errors.ShouldHaveSingleItem().Message.ShouldContain(message);
        baseline.Fingerprints.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_WhenDescribeStackResourcesOutput_ShouldMapLogicalToPhysicalIds()
    {
        // Given case 22's describe-stack-resources output
        // When
        var stack = StackResourcesParser.Parse(CaseFiles.Shared("bugs", "22-cfn-standalone-ingress-not-drift", "stack-resources.json"));
        // Then
        stack.Errors.ShouldBeEmpty();
        stack.StackName.ShouldBe("stack");
        stack.PhysicalIds["AppSecurityGroup"].ShouldBe("sg-0aaa111122223022a");
        stack.PhysicalIds["LbSecurityGroup"].ShouldBe("sg-0bbb333344445022b");
    }

    [Fact]
    public void ParseText_WhenListStackResourcesOutput_ShouldReadTheSummaries()
    {
        // Given list-stack-resources output, one resource still without a physical id
        const string json = """
            {"StackResourceSummaries":[{"LogicalResourceId":"Web","PhysicalResourceId":"sg-1","ResourceType":"AWS::EC2::SecurityGroup"},
                                       {"LogicalResourceId":"Pending","ResourceType":"AWS::EC2::SecurityGroup"}]}
            """;
        // When
        var stack = StackResourcesParser.ParseText(json, "stack.json");
        // Then
        stack.PhysicalIds.ShouldBe(new Dictionary<string, string> { ["Web"] = "sg-1" });
    }

    [Theory]
    [InlineData("{\"Stacks\":[]}", "not describe-stack-resources")]
    [InlineData("{,", "invalid JSON")]
    public void ParseText_WhenInputIsNotStackResources_ShouldReportAnError(string json, string message)
    {
        // Given / When
        var stack = StackResourcesParser.ParseText(json, "stack.json");
        // Then
        stack.Errors.ShouldHaveSingleItem().Message.ShouldContain(message);
    }
}
