namespace DriftGuard.Core.Model;

/// <summary>Traffic direction of a security-group rule (EC2 <c>IpPermissions</c> vs <c>IpPermissionsEgress</c>).</summary>
public enum Direction
{
    /// <summary>Inbound traffic; the peer is the source.</summary>
    Ingress,
    /// <summary>Outbound traffic; the peer is the destination.</summary>
    Egress,
}
