using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Frontline.Testing;

/// <summary>Where the built host is and a port for it: shared by the suites that run frontline out of process.</summary>
internal static class FrontlineBinary
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host's build output for the same configuration as the calling tests (their project reference builds it).</summary>
    public static string Dll(Assembly tests)
    {
        var configuration = tests.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Frontline.slnx")))
        {
            directory = directory.Parent;
        }
        var dll = directory is null ? "" : Path.Combine(directory.FullName, "src", "Frontline", "bin", configuration, "net10.0", "frontline.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build src/Frontline first: frontline.dll for {configuration} was not found above {AppContext.BaseDirectory}.");
    }
}
