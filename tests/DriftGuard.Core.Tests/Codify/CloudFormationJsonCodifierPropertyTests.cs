using System.Text.Json;
using CsCheck;
using DriftGuard.Core.Codify;
using DriftGuard.Core.Drift;
using DriftGuard.Core.Model;

namespace DriftGuard.Core.Tests.Codify;

public sealed class CloudFormationJsonCodifierPropertyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dg-codify-json-prop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A template in one style: indent unit, line ending, colon spacing, entries on one line or many, 0–3 entries, the list present or not.</summary>
    private static string Template(string unit, string nl, string colon, bool compact, int count, bool hasList)
    {
        string I(int n) => string.Concat(Enumerable.Repeat(unit, n));
        string Entry(int port) => compact
            ? $"{{\"IpProtocol\"{colon}\"tcp\", \"FromPort\"{colon}{port}, \"ToPort\"{colon}{port}, \"CidrIp\"{colon}\"10.1.0.0/16\"}}"
            : $"{{{nl}{I(6)}\"IpProtocol\"{colon}\"tcp\",{nl}{I(6)}\"FromPort\"{colon}{port},{nl}{I(6)}\"ToPort\"{colon}{port},{nl}{I(6)}\"CidrIp\"{colon}\"10.1.0.0/16\"{nl}{I(5)}}}";
        var list = count == 0 ? "[]" : "[" + nl + string.Join("," + nl, Enumerable.Range(0, count).Select(i => I(5) + Entry(8000 + i))) + nl + I(4) + "]";
        return "{" + nl +
            I(1) + $"\"Resources\"{colon}{{" + nl +
            I(2) + $"\"App\"{colon}{{" + nl +
            I(3) + $"\"Type\"{colon}\"AWS::EC2::SecurityGroup\"," + nl +
            I(3) + $"\"Properties\"{colon}{{" + nl +
            I(4) + $"\"GroupDescription\"{colon}\"app — ünïcode\"" + (hasList ? "," + nl + I(4) + $"\"SecurityGroupIngress\"{colon}{list}" : "") + nl +
            I(3) + "}" + nl +
            I(2) + "}" + nl +
            I(1) + "}" + nl +
            "}" + nl;
    }

    [Fact]
    public void Propose_WhenAJsonTemplateHasAnyStyle_ShouldOnlyInsertOneValidEntryInTheFilesLineEndings()
    {
        // Given: any indentation, line ending, spacing, entry layout and list size
        var gen = Gen.Select(Gen.OneOfConst("  ", "    ", "\t"), Gen.OneOfConst("\n", "\r\n"), Gen.OneOfConst(": ", ":", " : "), Gen.Bool, Gen.Int[0, 3], Gen.Bool);
        gen.Sample((unit, nl, colon, compact, count, hasList) =>
        {
            var original = Template(unit, nl, colon, compact, count, hasList);
            var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, original);
            var drift = new DriftItem(DriftKind.Unmanaged, "sg-1", new SgRule("sg-1", Direction.Ingress, "udp", 53, 53, Cidr.Parse("10.0.0.0/8")) { Description = "DNS \"internal\"" })
                { Resource = "App", Fingerprint = "00000000000000ff" };
            // When
            var proposal = CloudFormationCodifier.Propose(drift, path);
            // Then: only an insertion, valid JSON, one more entry holding the rule, no lone LF in a CRLF file
            proposal.Mode.ShouldBe(CodifyMode.EditFile, proposal.Reason);
            var edited = proposal.Files.ShouldHaveSingleItem().Content;
            var inserted = CodifyAssert.Inserted(original, edited);
            if (nl == "\r\n") inserted.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain('\n');
            if (hasList && compact && count > 0) inserted.ShouldNotContain("{" + nl);
            var list = JsonDocument.Parse(edited).RootElement.GetProperty("Resources").GetProperty("App").GetProperty("Properties").GetProperty("SecurityGroupIngress");
            list.GetArrayLength().ShouldBe(hasList ? count + 1 : 1);
            var added = list[list.GetArrayLength() - 1];
            added.GetProperty("IpProtocol").GetString().ShouldBe("udp");
            added.GetProperty("FromPort").GetInt32().ShouldBe(53);
            added.GetProperty("CidrIp").GetString().ShouldBe("10.0.0.0/8");
            added.GetProperty("Description").GetString().ShouldBe("DNS \"internal\"");
        }, iter: 300);
    }
}
