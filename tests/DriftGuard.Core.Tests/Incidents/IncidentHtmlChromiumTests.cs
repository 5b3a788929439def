using System.Diagnostics;
using DriftGuard.Core.Incidents;

namespace DriftGuard.Core.Tests.Incidents;

/// <summary>
/// Renders the HTML report in headless Chromium (Debian package <c>chromium</c>) and asserts on the page text a person
/// sees. Skipped, with the reason, when Chromium is not installed.
/// </summary>
public sealed class IncidentHtmlChromiumTests
{
    internal static string? Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    private static string DumpDom(string chromium, string htmlPath)
    {
        var profile = Directory.CreateTempSubdirectory("driftguard-chromium-").FullName;
        var psi = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                                  "--disable-sync", "--no-first-run", $"--user-data-dir={profile}", "--dump-dom", new Uri(htmlPath).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60))) { p.Kill(entireProcessTree: true); throw new TimeoutException("chromium did not finish in 60 s"); }
        return stdout.Result;
    }

    [ChromiumFact]
    public void WriteHtml_WhenOpenedInChromium_ShouldShowTheSummaryTheNineAnswersAndTheTimeline()
    {
        // Given
        var chromium = Chromium();
        var path = Path.Combine(Directory.CreateTempSubdirectory("driftguard-html-").FullName, "incidents.html");
        using (var w = new StreamWriter(path)) IncidentHtmlWriter.Write(IncidentSamples.Report(), w);
        // When
        var dom = DumpDom(chromium!, path);
        // Then
        dom.ShouldContain("DriftGuard incident report");
        dom.ShouldContain("Median time to remediate (MTTR)");
        foreach (var question in new[] { "What resource was affected", "What changed", "Who was responsible", "Which rules it violated", "When it occurred",
                                         "When it was identified and flagged", "When it was remediated and verified", "Who remediated it", "What prevents a repeat" })
            dom.ShouldContain($"<th>{question}</th>");
        dom.ShouldContain("alice@example.com");
        dom.ShouldContain("<svg");
        dom.ShouldContain(">occurred</text>");
        dom.ShouldContain(">verified</text>");
    }

    [Fact]
    public void WriteHtml_WhenWritten_ShouldReferenceNothingOutsideTheFile()
    {
        // Given
        var w = new StringWriter();
        // When
        IncidentHtmlWriter.Write(IncidentSamples.Report(), w);
        var html = w.ToString();
        // Then
        html.ShouldNotContain("<script");
        html.ShouldNotContain("<link");
        html.ShouldNotContain("src=");
        html.ShouldNotContain("url(");
        html.ShouldNotContain("@import");
    }
}

/// <summary>A fact that skips itself, saying why, when Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (IncidentHtmlChromiumTests.Chromium() is null)
            Skip = "chromium is not installed: run `apt-get install -y chromium` (Debian package 'chromium') to render the HTML incident report";
    }
}
