using Frontline.Domain.Mail;

namespace Frontline.Domain.Tests.Mail;

public class SenderPolicyTests
{
    [Fact]
    public void Known_people_may_always_write()
    {
        Assert.Equal(SenderDecision.Known, SenderPolicy.Decide(SenderMode.Reject, [], "olivia@example.com", known: true));
    }

    [Fact]
    public void Unknown_senders_become_requesters_when_allowed_and_are_refused_otherwise()
    {
        Assert.Equal(SenderDecision.NewRequester, SenderPolicy.Decide(SenderMode.Allow, [], "new@anywhere.org", known: false));
        Assert.Equal(SenderDecision.Rejected, SenderPolicy.Decide(SenderMode.Reject, [], "new@anywhere.org", known: false));
    }

    [Fact]
    public void Allowed_domains_admit_their_subdomains_but_not_lookalikes()
    {
        string[] domains = ["example.com"];

        Assert.Equal(SenderDecision.NewRequester, SenderPolicy.Decide(SenderMode.AllowDomains, domains, "a@example.com", known: false));
        Assert.Equal(SenderDecision.NewRequester, SenderPolicy.Decide(SenderMode.AllowDomains, domains, "a@uk.EXAMPLE.com", known: false));
        Assert.Equal(SenderDecision.Rejected, SenderPolicy.Decide(SenderMode.AllowDomains, domains, "a@badexample.com", known: false));
        Assert.Equal(SenderDecision.Rejected, SenderPolicy.Decide(SenderMode.AllowDomains, domains, "a@example.com.evil.org", known: false));
    }
}
