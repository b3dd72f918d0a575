using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Frontline.Cli;
using Frontline.Data;
using Frontline.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Tests.Storage;

/// <summary>With a certificate configured, the keys that sign cookies and survey links are stored encrypted.</summary>
public sealed class KeyProtectionTests : IAsyncLifetime
{
    private const string Password = "key-protection-test";
    private readonly string folder = Directory.CreateTempSubdirectory("frontline-keys-").FullName;
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task KeysAreStoredEncryptedAndAnotherNodeWithTheCertificateReadsWhatTheFirstProtected()
    {
        var settings = Settings(CertificateFile());
        string protectedText;
        await using (var first = await StartAsync(settings))
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("survey 42");
        }

        await using var second = await StartAsync(settings);
        var stored = await StoredKeysAsync(second);

        Assert.NotEmpty(stored);
        Assert.All(stored, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
        Assert.All(stored, xml => Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal));
        Assert.Equal("survey 42", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public async Task AWrongCertificatePasswordStopsTheStartWithTheSettingsName()
    {
        var settings = Settings(CertificateFile());
        settings["DataProtection:CertificatePassword"] = "not the password";

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(settings));

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string certificate) => new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["DataProtection:CertificatePath"] = certificate,
        ["DataProtection:CertificatePassword"] = Password,
    };

    private string CertificateFile()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=frontline data protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var options = new ServeOptions("http://127.0.0.1:0", database.Options, Demo: false, settings, []);
        var app = Program.BuildApp(options);
        await Program.PrepareAsync(app, options, TextWriter.Null);
        await app.StartAsync();
        return app;
    }

    private static async Task<List<string>> StoredKeysAsync(WebApplication node)
    {
        await using var db = await node.Services.GetRequiredService<IDbContextFactory<FrontlineDb>>().CreateDbContextAsync();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }
}
