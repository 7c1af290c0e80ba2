namespace Dashboard.Security;

/// <summary>Where a sign-in or a language switch may send the browser back to.</summary>
public static class LocalUrls
{
    /// <summary>
    /// <paramref name="url"/> when it is a path of this app that a Location header can carry (printable ASCII, as a
    /// browser escapes it), "/" otherwise: never an open redirect, and a NUL, a line break or an unescaped non-ASCII
    /// character in a return address cannot break the answer.
    /// </summary>
    public static string PathOrRoot(string? url) =>
        url is ['/', ..] && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && url.All(c => c is > ' ' and <= '~')
            ? url
            : "/";
}
