namespace Frontline.Domain.Mail;

/// <summary>Who may open tickets by mail without an account.</summary>
public enum SenderMode
{
    /// <summary>Anyone: an unknown sender becomes a requester.</summary>
    Allow,

    /// <summary>Unknown senders become requesters only from the listed domains.</summary>
    AllowDomains,

    /// <summary>Only people the desk knows; others get an answer saying so.</summary>
    Reject,
}

public enum SenderDecision
{
    Known,
    NewRequester,
    Rejected,
}

public static class SenderPolicy
{
    public static SenderDecision Decide(SenderMode mode, IReadOnlyCollection<string> domains, string address, bool known)
    {
        if (known)
        {
            return SenderDecision.Known;
        }
        var at = address.LastIndexOf('@');
        var domain = at < 0 ? "" : address[(at + 1)..];
        return mode switch
        {
            SenderMode.Allow => SenderDecision.NewRequester,
            SenderMode.AllowDomains when domain.Length > 0 && domains.Any(d => domain.Equals(d.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase)
                || domain.EndsWith("." + d.Trim().TrimStart('@'), StringComparison.OrdinalIgnoreCase)) => SenderDecision.NewRequester,
            _ => SenderDecision.Rejected,
        };
    }
}
