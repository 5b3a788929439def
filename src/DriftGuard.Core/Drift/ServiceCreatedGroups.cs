using DriftGuard.Core.Model;

namespace DriftGuard.Core.Drift;

/// <summary>
/// Recognises security groups that AWS services or their Kubernetes controllers create and own, so an unmanaged
/// one is reported at low severity: changing it by hand would fight its owner. Conventions followed:
/// <list type="bullet">
/// <item>EKS cluster security group: name <c>eks-cluster-sg-*</c>, tag <c>aws:eks:cluster-name</c>
/// (https://docs.aws.amazon.com/eks/latest/userguide/sec-group-reqs.html).</item>
/// <item>AWS Load Balancer Controller: tags <c>elbv2.k8s.aws/cluster</c>, names <c>k8s-*</c>
/// (https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/security_groups/); in-tree Kubernetes
/// cloud provider: tag <c>kubernetes.io/cluster/*</c>, names <c>k8s-elb-*</c>.</item>
/// <item>Classic Load Balancer default group: name <c>default_elb_*</c>
/// (https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-groups.html).</item>
/// <item>EMR managed groups: <c>ElasticMapReduce-*</c>
/// (https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-man-sec-groups.html).</item>
/// <item>Directory Service controllers: description <c>AWS created security group for d-… directory controllers</c>.</item>
/// <item>Elastic Beanstalk: tag <c>elasticbeanstalk:environment-name</c>; and any other tag in the reserved
/// <c>aws:</c> namespace except <c>aws:cloudformation:*</c> (users cannot write <c>aws:</c> tags; CloudFormation stacks are IaC).</item>
/// </list>
/// </summary>
public static class ServiceCreatedGroups
{
    /// <summary>True when <paramref name="group"/> follows one of the conventions above.</summary>
    public static bool IsServiceCreated(SecurityGroup group)
    {
        var name = group.Name ?? "";
        if (name.StartsWith("eks-cluster-sg-", StringComparison.Ordinal) ||
            name.StartsWith("k8s-", StringComparison.Ordinal) ||
            name.StartsWith("default_elb_", StringComparison.Ordinal) ||
            name.StartsWith("ElasticMapReduce-", StringComparison.Ordinal))
            return true;
        if (group.Description?.StartsWith("AWS created security group for", StringComparison.Ordinal) == true) return true;
        foreach (var key in group.Tags.Keys)
        {
            if (key.StartsWith("elbv2.k8s.aws/", StringComparison.Ordinal) ||
                key.StartsWith("kubernetes.io/cluster/", StringComparison.Ordinal) ||
                key.StartsWith("elasticbeanstalk:", StringComparison.Ordinal) ||
                (key.StartsWith("aws:", StringComparison.Ordinal) && !key.StartsWith("aws:cloudformation:", StringComparison.Ordinal)))
                return true;
        }
        return false;
    }
}
