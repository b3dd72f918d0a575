using System.Text;

namespace Frontline.Testing;

/// <summary>A multipart upload written by hand, so that a file's name and type reach the server exactly as an attacker sends them.</summary>
public static class HostileUpload
{
    public static ByteArrayContent Of(string fileName, string contentType, string text)
    {
        const string boundary = "frontline-hostile-upload";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}\r\n"
            + $"Content-Type: {contentType}\r\n\r\n{text}\r\n--{boundary}--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }
}
