using Amazon.EC2;
using Amazon.EC2.Model;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class TagTests : SandboxTestBase
{
    [Fact]
    public async Task CreateTags_WhenGroupAndRuleTagged_ShouldShowTagsOnBoth()
    {
        // Given
        var groupId = await CreateGroupAsync("tags");
        var ruleId = (await AuthorizeAsync(groupId, Tcp(80, 80, "10.0.0.0/8"))).SecurityGroupRules[0].SecurityGroupRuleId;

        // When
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [groupId, ruleId], Tags = [new Tag("owner", "alice")] });

        // Then
        (await DescribeGroupAsync(groupId)).Tags.ShouldHaveSingleItem().Key.ShouldBe("owner");
        (await RulesOfAsync(groupId)).Single(r => r.SecurityGroupRuleId == ruleId).Tags.ShouldHaveSingleItem().Value.ShouldBe("alice");
    }

    [Fact]
    public async Task DeleteTags_WhenValueDiffers_ShouldKeepTheTag()
    {
        // Given
        var groupId = await CreateGroupAsync("keep");
        await Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [groupId], Tags = [new Tag("env", "prod"), new Tag("team", "a")] });

        // When
        await Ec2.DeleteTagsAsync(new DeleteTagsRequest { Resources = [groupId], Tags = [new Tag("env", "dev"), new Tag { Key = "team" }] });

        // Then
        (await DescribeGroupAsync(groupId)).Tags.ShouldHaveSingleItem().Key.ShouldBe("env");
    }

    [Fact]
    public async Task CreateTags_WhenKeyUsesReservedAwsPrefix_ShouldFailWithInvalidParameterValue()
    {
        // Given
        var groupId = await CreateGroupAsync("reserved");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [groupId], Tags = [new Tag("aws:cloudformation:stack-name", "x")] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidParameterValue");
    }

    [Fact]
    public async Task CreateTags_WhenResourceUnknown_ShouldFailAndTagNothing()
    {
        // Given
        var groupId = await CreateGroupAsync("partial");

        // When
        var error = await Should.ThrowAsync<AmazonEC2Exception>(() =>
            Ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [groupId, "sg-0fffffffffffffff0"], Tags = [new Tag("k", "v")] }));

        // Then
        error.ErrorCode.ShouldBe("InvalidGroup.NotFound");
        ((await DescribeGroupAsync(groupId)).Tags ?? []).ShouldBeEmpty();
    }
}
