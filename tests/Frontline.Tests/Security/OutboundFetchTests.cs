using System.Reflection;

namespace Frontline.Tests.Security;

/// <summary>
/// osTicket CVE-2020-24881 let anyone make the server fetch an address of their choosing. Frontline fetches no
/// URL a user names: Markdown images are left to the reader's browser (and the content security policy keeps
/// outside images out). The only outbound connections are to places the operator configured: the mail servers
/// (through MailKit, in its own assembly) and the `frontline mail` pipe posting to the desk's own URL given on
/// its command line. This tripwire fails the day other code that can open connections is added, so that it comes
/// with an address guard (no loopback, private, link-local or redirected-to-internal targets) and a test of it.
/// </summary>
public sealed class OutboundFetchTests
{
    private static readonly Type[] OutboundTypes =
    [
        typeof(HttpClient), typeof(HttpMessageInvoker), typeof(IHttpClientFactory), typeof(System.Net.Http.SocketsHttpHandler),
        typeof(System.Net.Sockets.Socket), typeof(System.Net.Sockets.TcpClient), typeof(System.Net.Sockets.UdpClient),
#pragma warning disable SYSLIB0014 // the obsolete types are exactly what must not creep in
        typeof(System.Net.WebRequest), typeof(System.Net.WebClient),
#pragma warning restore SYSLIB0014
    ];

    /// <summary>Reviewed: posts one message to the operator's own Frontline URL, never a URL from a request.</summary>
    private static readonly string[] Reviewed = ["Frontline.Cli.MailCommand"];

    [Fact]
    public void Cve_2020_24881_only_reviewed_code_can_open_an_outbound_connection()
    {
        var holders = typeof(Program).Assembly.GetTypes()
            .Where(type => UsedTypes(type).Any(used => OutboundTypes.Any(outbound => outbound.IsAssignableFrom(used))))
            .Select(Outermost)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Reviewed, holders);
    }

    /// <summary>Fields, parameters and locals: an async method's locals are fields of its compiler-made state machine.</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                yield return local.LocalType;
            }
        }
    }

    private static string Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }
        return type.FullName!;
    }
}
