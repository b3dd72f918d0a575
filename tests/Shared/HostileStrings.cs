namespace Frontline.Testing;

/// <summary>
/// What attackers and broken clients type into any field: script in its many disguises, SQL, path traversal,
/// control characters, direction overrides, empty and huge text. One list for the API suite (nothing answers 5xx)
/// and the browser suite (nothing renders as script), so a vector added here is tried everywhere.
/// </summary>
public static class HostileStrings
{
    /// <summary>Script-bearing strings: the browser suite checks each is shown as the text it is.</summary>
    public static readonly IReadOnlyList<string> Script =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(document.cookie)>",
        "javascript:alert(1)",
        "<svg onload=alert(1)>",
        "'\"><iframe src=\"javascript:alert(1)\"></iframe>",
        "</textarea></title><script>alert(1)</script>",
        "[click me](javascript:alert(1)) <a href=\"javascript:alert(1)\">x</a>",
        "![pixel](http://169.254.169.254/latest/meta-data/) <img src=\"http://127.0.0.1:1/x\">",
        "{{constructor.constructor('alert(1)')()}} ${alert(1)} @(alert(1))",
        "<details open ontoggle=alert(1)>",
    ];

    /// <summary>Everything else a careless or hostile client sends.</summary>
    public static readonly IReadOnlyList<string> Other =
    [
        "'; DROP TABLE \"Tickets\"; --",
        "' OR '1'='1",
        "1; SELECT pg_sleep(10)",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "nul\0byte",
        "bell\u0007 escape\u001b[31m tab\t cr\r lf\n del\u007f",
        "Subject line\r\nBcc: victim@example.com",
        "\u202eevil\u202c rtl and \u200b zero width",
        "\ud83d\udca5 emoji and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "",
        " ",
        new string('x', 20_000),
    ];

    public static IEnumerable<string> All => Script.Concat(Other);
}
