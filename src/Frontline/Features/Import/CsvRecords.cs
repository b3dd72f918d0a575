using System.IO.Compression;
using System.Text;

namespace Frontline.Features.Import;

/// <summary>One record of a CSV file and the line it starts on, which is what a person fixing the file needs.</summary>
public sealed record CsvRecord(int Line, string[] Fields);

/// <summary>
/// Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks), gzipped or not. Gzip is told by
/// its magic bytes, not by the name, because exports get renamed on their way to the desk.
/// </summary>
public static class CsvRecords
{
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> magic = stackalloc byte[2];
        var read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }

    /// <summary>The records after the header; the header comes back through <paramref name="header"/>.</summary>
    public static IEnumerable<CsvRecord> Read(TextReader reader, Action<string[]> header)
    {
        var lineNumber = 0;
        var first = true;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var startLine = lineNumber;
            fields.Clear();
            if (!line.Contains('"', StringComparison.Ordinal))
            {
                // The common case, and the ServiceNow export's only case: nothing quoted.
                fields.AddRange(line.Split(','));
            }
            else
            {
                field.Clear();
                var quoted = false;
                var text = line;
                for (var i = 0; ; i++)
                {
                    if (i == text.Length)
                    {
                        if (quoted && reader.ReadLine() is { } next)
                        {
                            lineNumber++;
                            field.Append('\n');
                            text = next;
                            i = -1;
                            continue;
                        }
                        fields.Add(field.ToString());
                        break;
                    }
                    var c = text[i];
                    if (quoted)
                    {
                        if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i++;
                        }
                        else if (c == '"')
                        {
                            quoted = false;
                        }
                        else
                        {
                            field.Append(c);
                        }
                    }
                    else if (c == '"')
                    {
                        quoted = true;
                    }
                    else if (c == ',')
                    {
                        fields.Add(field.ToString());
                        field.Clear();
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
            }
            if (first)
            {
                first = false;
                // A byte order mark would otherwise become part of the first column's name.
                header([.. fields.Select((f, i) => i == 0 ? f.TrimStart('\uFEFF').Trim() : f.Trim())]);
                continue;
            }
            if (fields is [""])
            {
                continue;
            }
            yield return new CsvRecord(startLine, [.. fields]);
        }
    }
}
