using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// Rewrites declared rules into live terms before comparing: <c>Group</c> becomes the live <c>sg-</c> id;
/// <c>GroupRef(self)</c> the own id; <c>GroupRef(logical id / Terraform address)</c> the mapped id;
/// <c>GroupRef(group name)</c> the live group of that name in the same VPC. A reference that resolves to
/// nothing becomes <see cref="UnknownSource"/> of kind <c>group</c>: it cannot be compared, and is not a miss.
/// Rewriting a rule already in live terms changes nothing.
/// </summary>
internal sealed class DeclaredRuleRewriter(IReadOnlyDictionary<string, string> references, LiveGroupIndex live)
{
    /// <summary>The rule in live terms; <paramref name="unresolved"/> names a reference that could not be resolved.</summary>
    public SgRule Rewrite(SgRule rule, string ownId, string? vpcId, out string? unresolved)
    {
        unresolved = null;
        var source = rule.Source;
        if (source is GroupRef g)
        {
            var id = Resolve(g.GroupId, ownId, vpcId);
            if (id is null)
            {
                unresolved = g.GroupId;
                source = new UnknownSource("group", g.GroupId);
            }
            else if (id != g.GroupId) source = new GroupRef(id);
        }
        return rule.Group == ownId && ReferenceEquals(source, rule.Source) ? rule : rule with { Group = ownId, Source = source };
    }

    private string? Resolve(string reference, string ownId, string? vpcId)
    {
        var text = reference.Trim();
        if (text == GroupRef.Self) return ownId;
        foreach (var candidate in Candidates(text))
        {
            if (references.TryGetValue(candidate, out var mapped)) return mapped;
        }
        // Cross-account pairs are written "123456789012/sg-…"; EC2 returns the group id alone (with UserId apart).
        var slash = text.LastIndexOf('/');
        var bare = slash >= 0 && text[(slash + 1)..].StartsWith("sg-", StringComparison.Ordinal) ? text[(slash + 1)..] : text;
        if (bare.StartsWith("sg-", StringComparison.Ordinal)) return bare;
        return live.ByName(text, vpcId) is { } named ? LiveGroupIndex.IdOf(named) : null;
    }

    /// <summary><c>x</c>, <c>${x}</c> unwrapped, and <c>.id</c> / <c>.GroupId</c> stripped: the spellings readers may leave.</summary>
    private static IEnumerable<string> Candidates(string text)
    {
        yield return text;
        var t = text;
        if (t.StartsWith("${", StringComparison.Ordinal) && t.EndsWith('}')) { t = t[2..^1]; yield return t; }
        foreach (var suffix in (string[])[".id", ".GroupId", ".group_id"])
        {
            if (t.EndsWith(suffix, StringComparison.Ordinal)) yield return t[..^suffix.Length];
        }
    }
}
