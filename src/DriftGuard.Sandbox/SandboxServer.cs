using System.Net;
using DriftGuard.Sandbox.CloudTrail;
using DriftGuard.Sandbox.Ec2;
using DriftGuard.Sandbox.Events;
using DriftGuard.Sandbox.Model;
using DriftGuard.Sandbox.Protocol;
using DriftGuard.Sandbox.S3;
using DriftGuard.Sandbox.Sqs;
using DriftGuard.Sandbox.Sts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DriftGuard.Sandbox;

/// <summary>
/// A real local HTTP server (Kestrel on 127.0.0.1) that speaks the EC2 Query protocol for the security-group API
/// and STS GetCallerIdentity, so the AWS SDKs and the AWS CLI work against it unchanged (point them at
/// <see cref="Endpoint"/>: <c>ServiceURL</c>, <c>--endpoint-url</c> or <c>AWS_ENDPOINT_URL</c>).
/// Requests are form-encoded POSTs or GET queries; responses follow the EC2 API Reference
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/Query-Requests.html). Signatures are parsed for the
/// access key id only, never verified.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private const string Ec2ContentType = "text/xml;charset=UTF-8";
    private readonly WebApplication _app;
    private readonly SandboxOptions _options;
    private long _requestNumber;
    private readonly SqsHandler _sqs;
    private EventDelivery? _events;

    private SandboxServer(WebApplication app, SandboxOptions options, SandboxState state)
    {
        _app = app;
        _options = options;
        State = state;
        ThrottleEveryNth = options.ThrottleEveryNth;
        FailEveryNth = options.FailEveryNth;
        CloudTrail = new CloudTrailService(state, options);
        Queues = new SqsQueues(() => Endpoint, options.Region, options.AccountId);
        _sqs = new SqsHandler(Queues);
    }

    /// <summary>Fault injection that tests can change while the server runs: every Nth request is throttled (0 = never).</summary>
    public int ThrottleEveryNth { get; set; }

    /// <summary>Fault injection that tests can change while the server runs: every Nth request fails with a 500 (0 = never).</summary>
    public int FailEveryNth { get; set; }

    /// <summary>CloudTrail LookupEvents over the recorded calls (routed by <c>X-Amz-Target</c>).</summary>
    internal CloudTrailService CloudTrail { get; }

    /// <summary>Path-style S3 objects (ledger, Terraform state).</summary>
    internal S3Service S3 { get; } = new();

    /// <summary>SQS queues served on the same endpoint (JSON protocol, routed by <c>X-Amz-Target</c>).</summary>
    public SqsQueues Queues { get; }

    /// <summary>The queue receiving CloudTrail events (<see cref="SandboxOptions.EventQueueName"/>), or null.</summary>
    public SqsQueue? EventQueue { get; private set; }

    /// <summary>Base URL the server listens on, e.g. <c>http://127.0.0.1:49153/</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The world this server serves (shared, thread-safe).</summary>
    public SandboxState State { get; }

    /// <summary>
    /// Loads (or creates) the world and starts listening. Throws <see cref="InvalidDataException"/> for an unreadable
    /// state file and <see cref="IOException"/> when the port is taken.
    /// </summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var state = new SandboxState(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            k.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new SandboxServer(app, options, state);
        app.Run(server.HandleAsync);
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.EndsWith('/') ? address : address + "/");
        if (options.EventQueueName is { Length: > 0 } queueName)
        {
            server.EventQueue = server.Queues.GetOrCreate(queueName);
            server._events = new EventDelivery(server.EventQueue, options.EventDeliveryDelay, options.Region, options.AccountId);
        }
        return server;
    }

    /// <summary>
    /// Completes when the process is asked to stop (Ctrl+C, SIGTERM) or <paramref name="ct"/> is cancelled; for a
    /// long-running <c>driftguard sandbox</c> command. Dispose the server afterwards.
    /// </summary>
    public Task WaitForShutdownAsync(CancellationToken ct) => _app.WaitForShutdownAsync(ct);

    /// <summary>Stops listening. The world stays readable through <see cref="State"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (SqsHandler.Handles(http.Request))
        {
            await _sqs.HandleAsync(http).ConfigureAwait(false);
            return;
        }
        if (await CloudTrail.TryHandleAsync(http).ConfigureAwait(false) || await S3.TryHandleAsync(http).ConfigureAwait(false)) return;
        var requestId = Guid.NewGuid().ToString();
        string? body = null;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }
        var parameters = QueryParameters.Parse(http.Request.QueryString.Value?.TrimStart('?'), body);
        var credential = CallerCredential.From(http.Request.Headers.Authorization.ToString(), parameters);
        var action = parameters.Get("Action") ?? "";
        var isSts = credential?.Service == "sts" || parameters.Get("Version") == "2011-06-15";
        var accessKey = credential?.AccessKeyId ?? "";
        var principal = State.SessionPrincipal(accessKey) ?? _options.PrincipalFor(accessKey);
        State.CountRequest(action);

        if (_options.Latency > TimeSpan.Zero) await Task.Delay(_options.Latency, http.RequestAborted).ConfigureAwait(false);

        int status;
        var xml = "";
        string? errorCode = null;
        string? errorMessage = null;
        try
        {
            xml = Serve(action, isSts, credential, principal, parameters, requestId);
            status = StatusCodes.Status200OK;
        }
        catch (SandboxFault fault)
        {
            (status, errorCode, errorMessage) = (fault.Status, fault.Code, fault.Message);
        }
#pragma warning disable CA1031 // a sandbox bug must become an EC2 InternalError, never a dropped connection
        catch (Exception ex)
#pragma warning restore CA1031
        {
            (status, errorCode, errorMessage) = (500, "InternalError", $"An internal error has occurred ({ex.GetType().Name}: {ex.Message})");
        }
        if (errorCode is not null)
            xml = isSts ? StsHandler.Error(errorCode, errorMessage!, status, requestId) : Ec2Xml.Error(errorCode, errorMessage!, requestId);

        if (isSts ? StsHandler.IsMutating(action) : Ec2Dispatcher.IsMutating(action))
        {
            var call = new SandboxCall(DateTimeOffset.UtcNow, action, principal, accessKey,
                http.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1", http.Request.Headers.UserAgent.ToString(),
                parameters.Values, requestId, errorCode, errorMessage)
            {
                ResponseXml = xml,
                Service = isSts ? "sts" : "ec2",
            };
            State.Record(call);
            _events?.OnCall(call);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = Ec2ContentType;
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        await http.Response.WriteAsync(xml, http.RequestAborted).ConfigureAwait(false);
    }

    private string Serve(string action, bool isSts, CallerCredential? credential, string principal,
        QueryParameters parameters, string requestId)
    {
        if (credential is null)
            throw new SandboxFault("AuthFailure", "AWS was not able to validate the provided access credentials", 401);
        var n = Interlocked.Increment(ref _requestNumber);
        if (ThrottleEveryNth > 0 && n % ThrottleEveryNth == 0)
            throw new SandboxFault(isSts ? "Throttling" : "RequestLimitExceeded", isSts ? "Rate exceeded" : "Request limit exceeded.", 503);
        if (FailEveryNth > 0 && n % FailEveryNth == 0)
            throw new SandboxFault(isSts ? "InternalFailure" : "InternalError", "An internal error has occurred", 500);
        if (action.Length == 0)
            throw new SandboxFault("MissingAction", "The request must contain the parameter Action");

        var service = isSts ? "sts" : "ec2";
        if (_options.IsDenied(credential.AccessKeyId, service, action))
            throw isSts
                ? new SandboxFault("AccessDenied", $"User: {principal} is not authorized to perform: sts:{action}", 403)
                : new SandboxFault("UnauthorizedOperation",
                    $"You are not authorized to perform this operation. User: {principal} is not authorized to perform: ec2:{action}", 403);

        return isSts
            ? StsHandler.Handle(action, principal, parameters, State, requestId)
            : Ec2Dispatcher.Handle(action, new Ec2Call(parameters, State, _options), requestId);
    }
}
