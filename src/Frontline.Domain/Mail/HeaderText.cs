namespace Frontline.Domain.Mail;

/// <summary>
/// Header values built from what users typed. A CR or LF in a header ends it and starts another, so a
/// ticket title with a line break could add a Bcc: to a notification; control characters are removed.
/// </summary>
public static class HeaderText
{
    public static string Clean(string value)
    {
        var text = new System.Text.StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t')
            {
                text.Append(' ');
            }
            else if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }
        return string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
