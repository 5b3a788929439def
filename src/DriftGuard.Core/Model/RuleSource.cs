using System.Net;
using System.Net.Sockets;

namespace DriftGuard.Core.Model;

/// <summary>
/// The single peer of an atomic rule: an IPv4/IPv6 CIDR, a managed prefix list, a security-group
/// reference, or a value the IaC leaves unknown until apply. <see cref="ToString"/> is the canonical
/// text used in reports and JSON (<c>0.0.0.0/0</c>, <c>::/0</c>, <c>pl-…</c>, <c>sg-…</c>, <c>self</c>, <c>unknown</c>).
/// </summary>
public abstract record RuleSource
{
    /// <summary>Canonical text of the source.</summary>
    public abstract string Canonical { get; }

    /// <inheritdoc />
    public sealed override string ToString() => Canonical;
}

/// <summary>An IPv4 or IPv6 CIDR block in canonical form (host bits cleared, IPv6 compressed lower case).</summary>
/// <param name="Block">Canonical CIDR text, e.g. <c>10.0.0.0/8</c> or <c>2001:db8::/32</c>.</param>
public sealed record Cidr(string Block) : RuleSource
{
    /// <inheritdoc />
    public override string Canonical => Block;

    /// <summary>True for an IPv6 block.</summary>
    public bool IsIpv6 => Block.Contains(':');

    /// <summary>Prefix length in bits.</summary>
    public int PrefixLength => int.Parse(Block.AsSpan(Block.IndexOf('/') + 1));

    /// <summary>True for <c>0.0.0.0/0</c> or <c>::/0</c>: every address of the family.</summary>
    public bool IsWorld => PrefixLength == 0;

    /// <summary>The parsed network.</summary>
    public IPNetwork Network => IPNetwork.Parse(Block);

    /// <summary>
    /// Parses any CIDR spelling (<c>67.221.169.243/0</c>, <c>0:0:0:0:0:0:0:0/0</c>, upper case) into canonical form.
    /// A bare address without a prefix is rejected, as EC2 rejects it.
    /// </summary>
    /// <returns>False with a reason when <paramref name="text"/> is not a valid CIDR.</returns>
    public static bool TryParse(string? text, out Cidr? cidr, out string? error)
    {
        cidr = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text)) { error = "empty CIDR"; return false; }
        var t = text.Trim();
        var slash = t.IndexOf('/');
        if (slash < 0) { error = $"invalid CIDR '{text}': no prefix length"; return false; }
        if (!IPAddress.TryParse(t.AsSpan(0, slash), out var address) ||
            !int.TryParse(t.AsSpan(slash + 1), System.Globalization.NumberStyles.None, null, out var prefix))
        {
            error = $"invalid CIDR '{text}'";
            return false;
        }
        // IPAddress.TryParse accepts inet_aton spellings ("10.1", hex "0x0a", octal "010" = 8): EC2 takes four decimal
        // octets, and reading "010.0.0.0/8" as 8.0.0.0/8 would judge another network than the one written.
        if (address.AddressFamily == AddressFamily.InterNetwork && !IsDottedDecimal(t.AsSpan(0, slash)))
        {
            error = $"invalid CIDR '{text}': an IPv4 address is four decimal numbers 0-255 without leading zeros";
            return false;
        }
        var max = address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        if (prefix > max) { error = $"invalid CIDR '{text}': prefix length {prefix} > {max}"; return false; }
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
        {
            error = $"invalid CIDR '{text}': scoped address";
            return false;
        }
        var network = new IPNetwork(Mask(address, prefix), prefix);
        cidr = new Cidr(network.ToString().ToLowerInvariant());
        return true;
    }

    /// <summary>Parses a CIDR or throws <see cref="FormatException"/> with the reason.</summary>
    public static Cidr Parse(string text) =>
        TryParse(text, out var c, out var e) ? c! : throw new FormatException(e);

    private static bool IsDottedDecimal(ReadOnlySpan<char> address)
    {
        var octets = 0;
        foreach (var range in address.Split('.'))
        {
            var octet = address[range];
            if (++octets > 4 || octet.Length is 0 or > 3 || (octet.Length > 1 && octet[0] == '0')) return false;
            foreach (var c in octet) if (c is < '0' or > '9') return false;
        }
        return octets == 4;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }
        return new IPAddress(bytes);
    }
}

/// <summary>A managed prefix list (<c>pl-…</c>).</summary>
public sealed record PrefixList(string Id) : RuleSource
{
    /// <inheritdoc />
    public override string Canonical => Id;
}

/// <summary>
/// A security-group reference. <c>self</c> is kept as <see cref="Self"/> until the group id is known
/// (gate); drift resolves it to the group's own <c>sg-</c> id so both spellings compare equal.
/// </summary>
/// <param name="GroupId">A group id (<c>sg-…</c>), a group name (EC2-Classic/default VPC), an IaC reference, or <c>self</c>.</param>
public sealed record GroupRef(string GroupId) : RuleSource
{
    /// <summary>The self-reference marker.</summary>
    public const string Self = "self";

    /// <inheritdoc />
    public override string Canonical => GroupId;

    /// <summary>True when the rule references its own group.</summary>
    public bool IsSelf => GroupId == Self;
}

/// <summary>
/// A peer whose value is known only after apply (Terraform <c>after_unknown</c>, <c>${…}</c>
/// references, unresolvable CloudFormation intrinsics). Never treated as empty or as a pass.
/// </summary>
/// <param name="Kind">What kind of peer the unknown value stands for: <c>cidr</c>, <c>ipv6</c>, <c>prefix-list</c> or <c>group</c>.</param>
/// <param name="Expression">The unresolved expression as written, for messages.</param>
public sealed record UnknownSource(string Kind, string Expression) : RuleSource
{
    /// <inheritdoc />
    public override string Canonical => "unknown";

    /// <summary>An unknown group reference can never be the internet.</summary>
    public bool CouldBeWorld => Kind is "cidr" or "ipv6" or "prefix-list";

    /// <summary>Identity of an unknown source: two unknowns never compare equal unless their expressions match.</summary>
    public bool Equals(UnknownSource? other) => other is not null && other.Kind == Kind && other.Expression == Expression;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Expression);
}
