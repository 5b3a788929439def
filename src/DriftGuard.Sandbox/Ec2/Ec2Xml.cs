using System.Globalization;
using System.Xml.Linq;
using DriftGuard.Sandbox.Model;

namespace DriftGuard.Sandbox.Ec2;

/// <summary>
/// Small builders for EC2 Query-protocol XML: every element in namespace
/// <c>http://ec2.amazonaws.com/doc/2016-11-15/</c>, every list a wrapper of <c>&lt;item&gt;</c> elements, booleans as
/// <c>true</c>/<c>false</c>. Errors use the namespace-less <c>&lt;Response&gt;&lt;Errors&gt;…</c> envelope
/// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
/// </summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement E(string name, params object?[] content) => new(Ns + name, content);

    public static XElement Item(params object?[] content) => E("item", content);

    public static XElement Bool(string name, bool value) => E(name, value ? "true" : "false");

    public static XElement Int(string name, long value) => E(name, value.ToString(CultureInfo.InvariantCulture));

    public static XElement? Optional(string name, string? value) => value is null ? null : E(name, value);

    public static XElement TagSet(IReadOnlyList<SandboxTag> tags) =>
        E("tagSet", tags.Select(t => Item(E("key", t.Key), E("value", t.Value))));

    public static string Response(string action, string requestId, IEnumerable<object?> content) =>
        Document(E($"{action}Response", E("requestId", requestId), content));

    public static string Error(string code, string message, string requestId) =>
        Document(new XElement("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId)));

    public static string Document(XElement root) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.ToString(SaveOptions.DisableFormatting);
}
