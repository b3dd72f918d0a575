using System.Text.RegularExpressions;

namespace Frontline.Domain.Tickets;

/// <summary>What an uploaded file may be called and claim to be.</summary>
public static partial class AttachmentRules
{
    public const int FileNameMaxLength = 255;

    /// <summary>
    /// Keeps only the last path segment and drops control characters, so "..\..\boot.ini" is "boot.ini"
    /// and no name carries a line break into a header or a mail.
    /// </summary>
    public static string SafeFileName(string? given)
    {
        var name = (given ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or '|' or '*' or '?' or ':')).ToArray()).Trim().TrimStart('.');
        if (name.Length > FileNameMaxLength)
        {
            var extension = Path.GetExtension(name);
            name = name[..(FileNameMaxLength - extension.Length)] + extension;
        }
        return name.Length == 0 ? "attachment" : name;
    }

    /// <summary>A bare "type/subtype" in lower case, or a refusal for anything that could smuggle a header.</summary>
    public static Result<string> ContentType(string? given)
    {
        var media = (given ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();
        if (media.Length == 0)
        {
            return Result<string>.Ok("application/octet-stream");
        }
        return media.Length <= 100 && MediaType().IsMatch(media)
            ? Result<string>.Ok(media)
            : Result<string>.Fail("contentType", "The content type is not a valid media type (type/subtype).");
    }

    /// <summary>
    /// Types a browser may show as what they are. Everything else, HTML and SVG first, is sent as
    /// application/octet-stream, because a file a browser renders can run script on this site.
    /// </summary>
    public static bool IsSafeToLabel(string contentType) =>
        contentType.StartsWith("image/", StringComparison.Ordinal) && contentType != "image/svg+xml"
        || contentType is "application/pdf" or "text/plain" or "text/csv" or "application/zip" or "application/json"
            or "message/rfc822" or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            or "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" or "application/msword" or "application/vnd.ms-excel";

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")]
    private static partial Regex MediaType();
}
