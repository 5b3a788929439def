using System.Text;
using DriftGuard.Core.Declared.Terraform;
using DriftGuard.Core.Model;
using static DriftGuard.Core.Tests.Terraform.TerraformFixtures;

namespace DriftGuard.Core.Tests.Terraform;

/// <summary>
/// Plans larger than the reader's buffer (1 MiB): the file is streamed, so resources straddle buffer refills.
/// What a user sees (groups, rules, lines, errors) must not depend on where the buffer boundaries fall.
/// </summary>
public class TerraformPlanStreamingTests
{
    private const int Groups = 2_500; // about 2.5 MiB of plan

    private static string LargePlan(int groups, Func<int, string>? ingressOf = null)
    {
        var planned = new StringBuilder();
        var changes = new StringBuilder();
        for (var g = 0; g < groups; g++)
        {
            if (g > 0) { planned.Append(",\n"); changes.Append(",\n"); }
            var ingress = ingressOf?.Invoke(g) ?? $"[{Block("tcp", 1000 + g % 100, 1000 + g % 100, $"\"10.{g % 250}.{g % 7}.0/24\"", $", \"padding\": \"{new string('x', 800)}\"")}]";
            planned.Append(PlannedGroup($"g{g}", ingress));
            changes.Append($$"""
                { "address": "aws_security_group.g{{g}}", "mode": "managed", "type": "aws_security_group", "name": "g{{g}}",
                  "change": { "actions": ["create"], "before": null, "after": { "name": "g{{g}}", "ingress": {{ingress}} }, "after_unknown": { "id": true } } }
                """);
        }
        return Plan(planned.ToString(), changes.ToString());
    }

    private static string WriteTemp(string text, Encoding? encoding = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"driftguard-stream-{Guid.NewGuid():N}.plan.json");
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    private static int LineOf(string text, string needle) => text[..text.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Read_WhenPlanIsLargerThanTheReadBuffer_ShouldReadEveryGroupWithItsLine()
    {
        // Given a plan file of several MiB
        var json = LargePlan(Groups);
        var path = WriteTemp(json);

        // When read from the file
        var doc = new TerraformPlanReader().Read(path, "big.plan.json", Options);
        File.Delete(path);

        // Then every group and rule is there, and the last group's line is where its object starts in the file
        doc.Errors.ShouldBeEmpty();
        doc.Groups.Count.ShouldBe(Groups);
        doc.Groups.Sum(g => g.Rules.Count).ShouldBe(Groups);
        var last = doc.Groups.Single(g => g.Key == $"aws_security_group.g{Groups - 1}");
        last.Origin!.Line.ShouldBe(LineOf(json, $"\"address\": \"aws_security_group.g{Groups - 1}\"") - 1);
        last.Rules.Single().Origin!.Line.ShouldBe(last.Origin.Line);
        last.Rules.Single().Source.ToString().ShouldBe($"10.{(Groups - 1) % 250}.{(Groups - 1) % 7}.0/24");
    }

    [Fact]
    public void Read_WhenOneGroupIsLargerThanTheReadBuffer_ShouldReadAllItsRules()
    {
        // Given one group with 6,000 distinct rules (about 5 MiB), larger than the read buffer
        var blocks = string.Join(",", Enumerable.Range(0, 6_000).Select(i =>
            Block("tcp", 1 + i % 60_000, 1 + i % 60_000, $"\"10.{i / 250 % 250}.{i % 250}.0/24\"", $", \"padding\": \"{new string('y', 700)}\"")));
        var path = WriteTemp(Plan(PlannedGroup("huge", $"[{blocks}]")));

        // When read from the file
        var doc = new TerraformPlanReader().Read(path, "huge.plan.json", Options);
        File.Delete(path);

        // Then the group has every rule
        doc.Errors.ShouldBeEmpty();
        doc.Groups.ShouldHaveSingleItem().Rules.Count.ShouldBe(6_000);
    }

    [Fact]
    public void Read_WhenLargePlanHasInvalidUtf8NearTheEnd_ShouldReportItsLine()
    {
        // Given a large plan with one invalid UTF-8 byte in the last group's name
        var json = LargePlan(Groups).Replace($"\"name\": \"g{Groups - 1}\"", $"\"name\": \"g{Groups - 1}\u00FF\"");
        var bytes = Encoding.UTF8.GetBytes(json);
        var marker = Encoding.UTF8.GetBytes("\u00FF");
        var at = bytes.AsSpan().IndexOf(marker);
        bytes[at] = 0xFF; // a byte that never occurs in UTF-8
        bytes[at + 1] = (byte)' ';
        var path = Path.Combine(Path.GetTempPath(), $"driftguard-stream-{Guid.NewGuid():N}.plan.json");
        File.WriteAllBytes(path, bytes);

        // When read
        var doc = new TerraformPlanReader().Read(path, "bad.plan.json", Options);
        File.Delete(path);

        // Then the file is rejected at the line of the bad byte, with no groups
        doc.Groups.ShouldBeEmpty();
        var error = doc.Errors.ShouldHaveSingleItem();
        error.Message.ShouldContain("not valid UTF-8");
        error.Line.ShouldBe(bytes.AsSpan(0, at).Count((byte)'\n') + 1);
    }

    [Fact]
    public void Read_WhenLargePlanIsTruncated_ShouldReportInvalidJsonAndNoGroups()
    {
        // Given a large plan cut off in its last resource change
        var json = LargePlan(Groups);
        var path = WriteTemp(json[..(json.Length - 200)]);

        // When read
        var doc = new TerraformPlanReader().Read(path, "cut.plan.json", Options);
        File.Delete(path);

        // Then it is one invalid-JSON error, never a partial set of groups that would pass the gate
        doc.Groups.ShouldBeEmpty();
        doc.Errors.ShouldHaveSingleItem().Message.ShouldStartWith("invalid JSON");
    }

    [Fact]
    public void Read_WhenLargePlanFileAndSameBytesInMemory_ShouldGiveTheSameGroups()
    {
        // Given a large plan with a UTF-8 byte-order mark, one late group opening SSH to the world
        var json = LargePlan(Groups, g => g == Groups - 3
            ? $"[{Block("tcp", 22, 22, "\"0.0.0.0/0\"")}]"
            : $"[{Block("udp", 53, 53, $"\"10.{g % 250}.0.0/16\"", $", \"padding\": \"{new string('z', 800)}\"")}]");
        var path = WriteTemp(json, new UTF8Encoding(true));

        // When read from the file and from the same bytes in memory
        var fromFile = new TerraformPlanReader().Read(path, "p.plan.json", Options);
        var fromMemory = new TerraformPlanReader().Read(File.ReadAllBytes(path), "p.plan.json", Options);
        File.Delete(path);

        // Then both give the same groups, rules and lines
        fromFile.Errors.ShouldBeEmpty();
        string Shape(DeclaredDocument d) =>
            string.Join("\n", d.Groups.SelectMany(g => g.Rules.Select(r => $"{g.Key}:{g.Origin!.Line} {r} {r.Origin!.Line}")));
        Shape(fromFile).ShouldBe(Shape(fromMemory));
        fromFile.Groups.Single(g => g.Key == $"aws_security_group.g{Groups - 3}").Rules.Single().IsFromWorld.ShouldBeTrue();
    }

    [Fact]
    public void Read_WhenAfterUnknownMarksALateGroupsCidrUnknown_ShouldYieldAnUnknownPeer()
    {
        // Given a large plan whose last group's CIDR is known only after apply (resource_changes come after planned_values)
        var json = LargePlan(Groups);
        var changes = json.LastIndexOf("\"after_unknown\": { \"id\": true }", StringComparison.Ordinal);
        json = json[..changes] + "\"after_unknown\": { \"id\": true, \"ingress\": [ { \"cidr_blocks\": [true] } ] }" + json[(changes + "\"after_unknown\": { \"id\": true }".Length)..];
        var path = WriteTemp(json);

        // When read
        var doc = new TerraformPlanReader().Read(path, "u.plan.json", Options);
        File.Delete(path);

        // Then that group's rule has an unknown peer that could be the internet; the others are unchanged
        doc.Errors.ShouldBeEmpty();
        var last = doc.Groups.Single(g => g.Key == $"aws_security_group.g{Groups - 1}").Rules.ShouldHaveSingleItem();
        last.Source.ShouldBeOfType<UnknownSource>().CouldBeWorld.ShouldBeTrue();
        doc.Groups.Count(g => g.Rules.Any(r => r.Source is UnknownSource)).ShouldBe(1);
    }
}
