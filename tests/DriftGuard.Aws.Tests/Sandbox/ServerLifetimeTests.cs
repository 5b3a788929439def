using DriftGuard.Sandbox;

namespace DriftGuard.Aws.Tests.Sandbox;

public sealed class ServerLifetimeTests
{
    [Fact]
    public async Task WaitForShutdownAsync_WhenTokenCancelled_ShouldCompleteAndStopServing()
    {
        // Given
        var server = await SandboxServer.StartAsync(new SandboxOptions(), CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // When
        await server.WaitForShutdownAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync();

        // Then
        using var http = new HttpClient();
        await Should.ThrowAsync<HttpRequestException>(() => http.GetAsync(server.Endpoint));
    }
}
