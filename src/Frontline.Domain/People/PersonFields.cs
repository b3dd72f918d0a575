namespace Frontline.Domain.People;

/// <summary>
/// A person's name and organisation: one line of text, because both end up in mail headers ("Olivia Brown"
/// &lt;olivia@…&gt;, Organization:) and a line break there would let whoever typed it write headers of their own.
/// </summary>
public static class PersonFields
{
    public const int DisplayNameMaxLength = 200;
    public const int OrganisationMaxLength = 200;

    public static Result<string> DisplayName(string? given)
    {
        var name = (given ?? "").Trim();
        if (name.Length is 0 or > DisplayNameMaxLength)
        {
            return Result<string>.Fail("displayName", $"Give the person's name (up to {DisplayNameMaxLength} characters).");
        }
        return name.Any(char.IsControl)
            ? Result<string>.Fail("displayName", "A name is one line: no line breaks, tabs or control characters.")
            : Result<string>.Ok(name);
    }

    /// <summary>Empty means none.</summary>
    public static Result<string?> Organisation(string? given)
    {
        var organisation = (given ?? "").Trim();
        if (organisation.Length > OrganisationMaxLength)
        {
            return Result<string?>.Fail("organisation", $"Keep the organisation under {OrganisationMaxLength} characters.");
        }
        if (organisation.Any(char.IsControl))
        {
            return Result<string?>.Fail("organisation", "An organisation is one line: no line breaks, tabs or control characters.");
        }
        return Result<string?>.Ok(organisation.Length == 0 ? null : organisation);
    }
}
