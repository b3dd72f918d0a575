using System.Net;
using System.Text.RegularExpressions;

namespace Frontline.Tests.Infrastructure;

/// <summary>A client that signs in through the real form and keeps the cookie, to read pages the way a browser receives them.</summary>
public static partial class PageSessions
{
    public static async Task<HttpClient> SignInToPagesAsync(this FrontlineServer server, string userName, string password = "frontline-demo")
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.Address };
        var form = await client.GetStringAsync("/account/login");
        var antiforgery = AntiforgeryField().Match(form).Groups[1].Value;
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("userName", userName), new("password", password), new("returnUrl", "/"), new("__RequestVerificationToken", WebUtility.HtmlDecode(antiforgery))]));
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"{userName} could not sign in: {(int)signIn.StatusCode} {signIn.Headers.Location}");
        }
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
