using System.Globalization;
using System.Security.Cryptography;
using System.Security;
using System.Text;
using DriftGuard.Sandbox.Protocol;
using Microsoft.AspNetCore.Http;

namespace DriftGuard.Sandbox.S3;

/// <summary>
/// A minimal in-memory S3 on the sandbox endpoint, path-style only (<c>/bucket/key</c>), enough for Terraform S3
/// state and the drift ledger: GetObject, HeadObject, PutObject, DeleteObject. Every bucket exists. Objects carry an
/// ETag (quoted MD5 of the body, as S3 gives single-part uploads). Conditional writes follow
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html: <c>If-None-Match: *</c> on an existing
/// key and <c>If-Match</c> with another ETag answer 412 PreconditionFailed; <c>If-Match</c> on a missing key answers
/// 404 NoSuchKey. A check and its write happen under one lock. <c>aws-chunked</c> bodies (SigV4 streaming) are decoded.
/// Requests are recognised by a SigV4 credential scope for service <c>s3</c>, or by a PUT/HEAD/DELETE or a GET of a path
/// below <c>/</c> (EC2 and STS only ever use <c>/</c>).
/// </summary>
internal sealed class S3Service
{
    private readonly Dictionary<string, S3Object> _objects = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>One stored object.</summary>
    public sealed record S3Object(byte[] Body, string ETag, string ContentType, DateTimeOffset LastModified);

    /// <summary>The object at <c>bucket/key</c>, or null.</summary>
    public S3Object? Get(string bucket, string key)
    {
        lock (_gate) return _objects.GetValueOrDefault($"{bucket}/{key}");
    }

    /// <summary>Stores an object (tests seed state files this way); returns its ETag.</summary>
    public string Put(string bucket, string key, byte[] body, string contentType = "application/octet-stream")
    {
        var obj = new S3Object(body, ETagOf(body), contentType, DateTimeOffset.UtcNow);
        lock (_gate) _objects[$"{bucket}/{key}"] = obj;
        return obj.ETag;
    }

    /// <summary>Serves the request when it is an S3 call; false otherwise (nothing read).</summary>
    public async Task<bool> TryHandleAsync(HttpContext http)
    {
        var request = http.Request;
        var credential = CallerCredential.From(request.Headers.Authorization.ToString(), QueryParameters.Parse(null, null));
        var path = request.Path.Value ?? "/";
        var isS3 = credential?.Service == "s3"
            || HttpMethods.IsPut(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsDelete(request.Method)
            || (HttpMethods.IsGet(request.Method) && path.Length > 1 && !request.Query.ContainsKey("Action"));
        if (!isS3) return false;

        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        http.Response.Headers["x-amz-request-id"] = requestId;
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        if (slash <= 0 || slash == trimmed.Length - 1)
        {
            await ErrorAsync(http, 501, "NotImplemented", "The sandbox serves path-style object operations only (/bucket/key).", path, requestId).ConfigureAwait(false);
            return true;
        }
        var bucket = trimmed[..slash];
        var key = trimmed[(slash + 1)..];
        var id = $"{bucket}/{key}";

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            S3Object? obj;
            lock (_gate) obj = _objects.GetValueOrDefault(id);
            if (obj is null) { await ErrorAsync(http, 404, "NoSuchKey", "The specified key does not exist.", key, requestId, head: HttpMethods.IsHead(request.Method)).ConfigureAwait(false); return true; }
            http.Response.StatusCode = 200;
            http.Response.Headers.ETag = obj.ETag;
            http.Response.Headers.LastModified = obj.LastModified.ToString("R", CultureInfo.InvariantCulture);
            http.Response.ContentType = obj.ContentType;
            http.Response.ContentLength = obj.Body.Length;
            if (HttpMethods.IsGet(request.Method)) await http.Response.Body.WriteAsync(obj.Body, http.RequestAborted).ConfigureAwait(false);
            return true;
        }
        if (HttpMethods.IsDelete(request.Method))
        {
            lock (_gate) _objects.Remove(id);
            http.Response.StatusCode = 204;
            return true;
        }
        if (!HttpMethods.IsPut(request.Method))
        {
            await ErrorAsync(http, 405, "MethodNotAllowed", "The specified method is not allowed against this resource.", key, requestId).ConfigureAwait(false);
            return true;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        if (request.Headers["x-amz-content-sha256"].ToString().StartsWith("STREAMING-", StringComparison.Ordinal)
            || request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.Ordinal))
            body = DecodeChunked(body);
        var ifMatch = request.Headers.IfMatch.ToString();
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        var stored = new S3Object(body, ETagOf(body), request.ContentType ?? "application/octet-stream", DateTimeOffset.UtcNow);
        (int Status, string Code, string Message)? failure = null;
        lock (_gate)
        {
            var existing = _objects.GetValueOrDefault(id);
            if (ifNoneMatch == "*" && existing is not null)
                failure = (412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            else if (ifMatch.Length > 0 && existing is null)
                failure = (404, "NoSuchKey", "The specified key does not exist.");
            else if (ifMatch.Length > 0 && Unquote(ifMatch) != Unquote(existing!.ETag))
                failure = (412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
            else _objects[id] = stored;
        }
        if (failure is { } f) { await ErrorAsync(http, f.Status, f.Code, f.Message, key, requestId).ConfigureAwait(false); return true; }
        http.Response.StatusCode = 200;
        http.Response.Headers.ETag = stored.ETag;
        return true;
    }

    private static string ETagOf(byte[] body) => $"\"{Convert.ToHexStringLower(MD5.HashData(body))}\"";

    private static string Unquote(string etag) => etag.Trim().Trim('"');

    /// <summary>Decodes a SigV4 streaming body: <c>HEXSIZE;chunk-signature=…\r\nDATA\r\n</c> … <c>0;…\r\n</c> (trailers ignored).</summary>
    internal static byte[] DecodeChunked(byte[] raw)
    {
        var output = new MemoryStream();
        var at = 0;
        while (at < raw.Length)
        {
            var lineEnd = IndexOfCrLf(raw, at);
            if (lineEnd < 0) break;
            var header = Encoding.ASCII.GetString(raw, at, lineEnd - at);
            var sizeText = header.Split(';')[0];
            if (!int.TryParse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size == 0) break;
            output.Write(raw, lineEnd + 2, Math.Min(size, raw.Length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return output.ToArray();
    }

    private static int IndexOfCrLf(byte[] b, int from)
    {
        for (var i = from; i + 1 < b.Length; i++) if (b[i] == '\r' && b[i + 1] == '\n') return i;
        return -1;
    }

    private static async Task ErrorAsync(HttpContext http, int status, string code, string message, string resource, string requestId, bool head = false)
    {
        http.Response.StatusCode = status;
        if (head) return;
        http.Response.ContentType = "application/xml";
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{SecurityElement.Escape(message)}</Message><Resource>{SecurityElement.Escape(resource)}</Resource><RequestId>{requestId}</RequestId></Error>";
        await http.Response.WriteAsync(xml, http.RequestAborted).ConfigureAwait(false);
    }
}
