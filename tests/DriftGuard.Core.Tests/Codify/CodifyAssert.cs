namespace DriftGuard.Core.Tests.Codify;

/// <summary>Checks shared by the codify tests.</summary>
internal static class CodifyAssert
{
    /// <summary>
    /// The text <paramref name="edited"/> added to <paramref name="original"/> when it is <c>original[..p] + X + original[p..]</c>
    /// for some p (so removing X gives back every original byte); fails the test otherwise.
    /// </summary>
    public static string Inserted(string original, string edited)
    {
        var prefix = 0;
        while (prefix < original.Length && prefix < edited.Length && original[prefix] == edited[prefix]) prefix++;
        var suffix = 0;
        while (suffix < original.Length - prefix && suffix < edited.Length - prefix && original[^(suffix + 1)] == edited[^(suffix + 1)]) suffix++;
        (prefix + suffix).ShouldBe(original.Length, "the edit changed or removed original text, it did not only insert");
        var inserted = edited[prefix..(edited.Length - suffix)];
        (edited[..prefix] + edited[(edited.Length - suffix)..]).ShouldBe(original);
        return inserted;
    }
}
