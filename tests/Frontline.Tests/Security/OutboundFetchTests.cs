using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Frontline.Tests.Security;

/// <summary>
/// osTicket CVE-2020-24881 let anyone make the server fetch an address of their choosing. Frontline fetches no
/// URL at all: Markdown images are left to the reader's browser. This tripwire fails the day code that opens
/// outbound connections is added, so that it comes with an address guard (no loopback, private, link-local
/// or redirected-to-internal targets) and a test of that guard.
/// </summary>
public sealed class OutboundFetchTests
{
    private static readonly string[] OutboundTypes =
    [
        "System.Net.Http.HttpClient", "System.Net.Http.HttpMessageInvoker", "System.Net.Http.IHttpClientFactory",
        "System.Net.WebRequest", "System.Net.WebClient", "System.Net.Sockets.Socket", "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient", "System.Net.Http.SocketsHttpHandler",
    ];

    [Fact]
    public void Cve_2020_24881_the_server_holds_no_code_that_fetches_a_url()
    {
        using var stream = File.OpenRead(typeof(Program).Assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var referenced = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(OutboundTypes, referenced.Contains);
    }
}
