using System.Diagnostics;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Watch;

/// <summary>The sandbox's SQS JSON protocol, driven by the real AmazonSQSClient (AWSSDK.SQS v4).</summary>
public sealed class SandboxSqsTests : IAsyncLifetime
{
    private SandboxServer _server = null!;
    private AmazonSQSClient _sqs = null!;

    public async Task InitializeAsync()
    {
        _server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        _sqs = NewClient(_server);
    }

    public async Task DisposeAsync()
    {
        _sqs.Dispose();
        await _server.DisposeAsync();
    }

    internal static AmazonSQSClient NewClient(SandboxServer server) =>
        new(new BasicAWSCredentials("AKIASANDBOXTEST00001", "sandbox-secret"), new AmazonSQSConfig
        {
            ServiceURL = server.Endpoint.ToString(),
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    [Fact]
    public async Task CreateQueue_WhenCalledTwice_ShouldReturnTheSameUrlAndGetQueueUrlFindsIt()
    {
        // Given / When
        var first = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "events" });
        var second = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "events" });
        var found = await _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = "events" });

        // Then
        first.QueueUrl.ShouldEndWith("/123456789012/events");
        second.QueueUrl.ShouldBe(first.QueueUrl);
        found.QueueUrl.ShouldBe(first.QueueUrl);
    }

    [Fact]
    public async Task GetQueueUrl_WhenQueueIsUnknown_ShouldThrowQueueDoesNotExist()
    {
        // When / Then
        await Should.ThrowAsync<QueueDoesNotExistException>(() => _sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = "nope" }));
    }

    [Fact]
    public async Task ReceiveMessage_WhenMessageWasSent_ShouldReturnBodyWithValidChecksumAndReceiveCount()
    {
        // Given
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "q" })).QueueUrl;
        var sent = await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "{\"hello\":\"wörld\"}" });

        // When (the SDK checks MD5OfBody itself and throws on a mismatch)
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url, MaxNumberOfMessages = 10, MessageSystemAttributeNames = ["All"],
        });

        // Then
        var message = received.Messages.ShouldHaveSingleItem();
        message.MessageId.ShouldBe(sent.MessageId);
        message.Body.ShouldBe("{\"hello\":\"wörld\"}");
        message.Attributes["ApproximateReceiveCount"].ShouldBe("1");
    }

    [Fact]
    public async Task ReceiveMessage_WhenLongPollingAndAMessageArrives_ShouldReturnBeforeTheWaitEnds()
    {
        // Given a 20 s long poll on an empty queue
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "long" })).QueueUrl;
        var clock = Stopwatch.StartNew();
        var poll = _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 20 });

        // When a message arrives while it waits
        await Task.Delay(200);
        _server.Queues.ByUrl(url)!.Send("late");
        var received = await poll;

        // Then the poll hands it over instead of waiting out the 20 s
        received.Messages.ShouldHaveSingleItem().Body.ShouldBe("late");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task ReceiveMessage_WhenQueueStaysEmpty_ShouldReturnNoMessagesAfterTheWait()
    {
        // Given
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "empty" })).QueueUrl;

        // When
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 1 });

        // Then (SDK v4 leaves the list null when the response has none)
        (received.Messages ?? []).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteMessage_WhenHandled_ShouldNeverDeliverTheMessageAgain()
    {
        // Given a message received with a 1 s visibility timeout
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "del" })).QueueUrl;
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "once" });
        var first = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 1 })).Messages.ShouldHaveSingleItem();

        // When it is deleted
        await _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = url, ReceiptHandle = first.ReceiptHandle });

        // Then it does not come back after the visibility timeout
        var again = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, WaitTimeSeconds = 2 });
        (again.Messages ?? []).ShouldBeEmpty();
        _server.Queues.ByUrl(url)!.Count.ShouldBe(0);
    }

    [Fact]
    public async Task ReceiveMessage_WhenNotDeletedWithinVisibilityTimeout_ShouldRedeliverWithANewHandle()
    {
        // Given a message received and not deleted
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "vis" })).QueueUrl;
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "again" });
        var first = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 1 })).Messages.ShouldHaveSingleItem();

        // When: hidden right away, back once the timeout passes
        var hidden = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        var second = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = url, WaitTimeSeconds = 5, MessageSystemAttributeNames = ["ApproximateReceiveCount"],
        });

        // Then
        (hidden.Messages ?? []).ShouldBeEmpty();
        var back = second.Messages.ShouldHaveSingleItem();
        back.MessageId.ShouldBe(first.MessageId);
        back.ReceiptHandle.ShouldNotBe(first.ReceiptHandle);
        back.Attributes["ApproximateReceiveCount"].ShouldBe("2");
    }

    [Fact]
    public async Task ChangeMessageVisibility_WhenSetToZero_ShouldMakeTheMessageVisibleAtOnce()
    {
        // Given a message hidden for 60 s
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "cmv" })).QueueUrl;
        await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = "retry me" });
        var first = (await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, VisibilityTimeout = 60 })).Messages.ShouldHaveSingleItem();

        // When
        await _sqs.ChangeMessageVisibilityAsync(new ChangeMessageVisibilityRequest { QueueUrl = url, ReceiptHandle = first.ReceiptHandle, VisibilityTimeout = 0 });

        // Then
        var again = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url });
        again.Messages.ShouldHaveSingleItem().Body.ShouldBe("retry me");
    }

    [Fact]
    public async Task DeleteMessage_WhenHandleIsUnknown_ShouldThrowReceiptHandleIsInvalid()
    {
        // Given
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "bad-handle" })).QueueUrl;

        // When / Then
        await Should.ThrowAsync<ReceiptHandleIsInvalidException>(() =>
            _sqs.DeleteMessageAsync(new DeleteMessageRequest { QueueUrl = url, ReceiptHandle = "bm9wZQ==" }));
    }

    [Fact]
    public async Task ReceiveMessage_WhenMaxNumberOfMessagesIsTen_ShouldReturnAtMostTenOldestFirst()
    {
        // Given 12 messages
        var url = (await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "batch" })).QueueUrl;
        for (var i = 0; i < 12; i++) await _sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = $"m{i}" });

        // When
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = url, MaxNumberOfMessages = 10 });

        // Then
        received.Messages.Select(m => m.Body).ShouldBe([.. Enumerable.Range(0, 10).Select(i => $"m{i}")]);
    }
}
