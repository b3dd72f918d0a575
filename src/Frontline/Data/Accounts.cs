using Microsoft.AspNetCore.Identity;

namespace Frontline.Data;

/// <summary>Anyone who signs in: requesters, agents, managers, admins. Identity supplies name, e-mail and password.</summary>
public sealed class User : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }

    /// <summary>IANA time zone the person sees times in.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The desk tier of an agent (1–3); null for people who are not on the desk.</summary>
    public int? Tier { get; set; }

    public string? Organisation { get; set; }

    public bool IsVip { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public List<GroupMember> Groups { get; } = [];
}

public sealed class Role : IdentityRole<Guid>;

/// <summary>The four roles of people, and the mail gateway's. Supplier is reserved for the supplier portal.</summary>
public static class Roles
{
    public const string Requester = "requester";
    public const string Agent = "agent";
    public const string Manager = "manager";
    public const string Admin = "admin";

    /// <summary>An account for the MTA's `frontline mail` pipe: it may deliver mail and do nothing else.</summary>
    public const string MailGateway = "mail-gateway";

    public static readonly IReadOnlyList<string> All = [Requester, Agent, Manager, Admin, MailGateway];
}

/// <summary>A personal access token for scripts. Only the SHA-256 of the secret is kept.</summary>
public sealed class AccessToken
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown so people can tell their tokens apart.</summary>
    public required string Prefix { get; set; }

    public required byte[] SecretHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
