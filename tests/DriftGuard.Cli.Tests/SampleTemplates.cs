namespace DriftGuard.Cli.Tests;

/// <summary>Small IaC texts several tests write to disk.</summary>
internal static class SampleTemplates
{
    /// <summary>A valid CloudFormation template whose one group opens SSH to the world (DG-SG-001).</summary>
    public const string SshFromWorld = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Web:
            Type: AWS::EC2::SecurityGroup
            Properties:
              GroupDescription: web
              SecurityGroupIngress:
                - IpProtocol: tcp
                  FromPort: 22
                  ToPort: 22
                  CidrIp: 0.0.0.0/0
        """;
}
