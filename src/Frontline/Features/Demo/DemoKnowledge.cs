using Frontline.Data;
using Frontline.Domain.Knowledge;
using Frontline.Features.Knowledge;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Demo;

/// <summary>The articles a small desk writes first: the questions behind its most repeated tickets.</summary>
public static class DemoKnowledge
{
    private static readonly (string Title, string Service, string Category, ArticleAudience Audience, string Body)[] Articles =
    [
        ("Reset your password", "Accounts & Access", "Account", ArticleAudience.Requesters, """
            You can reset your own password at any time, even when it has expired or your account is locked.

            1. Go to **https://passwords.example.com** from any device.
            2. Enter your user name and answer the code sent to your registered phone.
            3. Choose a new password of at least 12 characters; it cannot be one of your last 10.
            4. Sign out of every device and sign in again so they pick up the new password.

            Locked out after five wrong tries? The lock lifts by itself after 15 minutes.
            """),
        ("Your password has expired: what to do", "Accounts & Access", "Account", ArticleAudience.Requesters, """
            Passwords expire every 90 days and Windows warns you 14 days before.

            - On a laptop at home, **connect the VPN first**, then press Ctrl+Alt+Del and choose *Change a password*.
            - On the web, use the self-service reset page (see *Reset your password*).
            - Your phone's mail app will ask for the new password: enter it there too, or the old one locks your account.
            """),
        ("Request access to a system or shared folder", "Accounts & Access", "Access", ArticleAudience.Requesters, """
            Access is granted by the system's owner, not by the desk, so ask in a way they can approve quickly.

            1. Raise a **request** (I need something) for the *Accounts & Access* service.
            2. Name the system or the folder path (for example `\\files\finance\budgets`), and read or write.
            3. Say why and until when; your manager approves it from the e-mail they receive.

            Most access is ready within one working day of approval.
            """),
        ("Connect to the VPN", "VPN", "Network", ArticleAudience.Requesters, """
            1. Open **GlobalProtect** from the system tray (the grey globe).
            2. Portal: `vpn.example.com`, then sign in with your usual account and approve the prompt on your phone.
            3. The globe turns blue when you are connected.

            The VPN is needed for shared drives, the ERP and payroll from outside the office.
            """),
        ("VPN keeps disconnecting or will not connect", "VPN", "Network", ArticleAudience.Requesters, """
            Try these in order; each fixes most cases on its own.

            - **Switch networks**: hotel and train Wi-Fi often block VPNs; try your phone's hotspot.
            - **Restart GlobalProtect**: right-click the globe, *Disable*, wait 10 seconds, *Enable*.
            - **Check the clock**: a laptop clock more than 5 minutes off makes the sign-in fail.
            - **Drops every hour**: sign out and in again; your session token may be stale.

            Still failing? Raise an incident with the error text and the time it happened.
            """),
        ("Printer jammed or printing blank pages", "Printing", "Hardware", ArticleAudience.Requesters, """
            **Paper jam**: open the front door and tray 2, pull the paper gently in the direction it travels, close
            everything; the printer resumes by itself. Never pull paper backwards out of the fuser.

            **Blank or faded pages**: the toner is low. Replacement cartridges are in the stationery cupboard on
            each floor; the printer's screen shows which colour.
            """),
        ("Add an office printer to your laptop", "Printing", "How-to", ArticleAudience.Requesters, """
            1. Open **Settings → Bluetooth & devices → Printers & scanners**.
            2. Choose *Add device*; the office printers appear as `PRN-<floor>-<number>`.
            3. Pick the one nearest you. Secure print: release your job at the printer with your badge.
            """),
        ("Set up company e-mail on your phone", "E-mail", "How-to", ArticleAudience.Requesters, """
            1. Install **Outlook** from the App Store or Google Play (the built-in mail apps are not supported).
            2. Sign in with your work address and approve the prompt.
            3. Accept the request to protect work data with a PIN.
            """),
        ("Mailbox full: free up space", "E-mail", "Software", ArticleAudience.Requesters, """
            Mailboxes hold 50 GB. When Outlook says the mailbox is full:

            - Empty *Deleted Items* and *Junk*.
            - Search `size:>10MB` and save big attachments to OneDrive before deleting the messages.
            - Turn on the **Online Archive** (Settings → Mail → Retention) to move mail older than two years.
            """),
        ("Wi-Fi in the office: which network to use", "Wi-Fi", "Network", ArticleAudience.Requesters, """
            - **Corp**: company laptops connect by themselves; nothing to type.
            - **Guest**: visitors and personal phones; the daily password is on the reception screen.

            If your laptop shows *No internet* on Corp, turn Wi-Fi off and on; if it persists, restart the laptop.
            """),
        ("Laptop is slow", "Laptops & Devices", "Performance", ArticleAudience.Requesters, """
            1. **Restart** (not just close the lid): updates often wait for it.
            2. Close browser tabs you are not using; each can hold hundreds of MB.
            3. Check free disk space: below 10 GB Windows slows down. Empty the Downloads folder.

            Laptops older than four years are replaced on request: raise a request for *Laptops & Devices*.
            """),
        ("Join a video meeting from a meeting room", "Video Meetings", "How-to", ArticleAudience.Requesters, """
            Tap **Join** on the room's touch panel: the room's calendar shows the meetings it is invited to.
            No room invited? Use *Join with ID* and the meeting number from the invitation.
            Sound from the laptop instead of the room? Choose *Room audio* when joining from your laptop.
            """),
        ("Payslip not visible or wrong", "Payroll", "Software", ArticleAudience.Requesters, """
            Payslips appear in the payroll portal on the 25th by 09:00. If yours is missing after that, check the
            month selector at the top. For a wrong amount, raise a request for *Payroll* and attach the payslip;
            the payroll team answers within two working days.
            """),
        ("Map a shared drive", "Shared Drives", "How-to", ArticleAudience.Requesters, """
            1. In File Explorer, right-click **This PC → Map network drive**.
            2. Pick a letter and enter the path, for example `\\files\marketing`.
            3. Tick *Reconnect at sign-in*. From home, connect the VPN first.
            """),
        ("Unlock an account and force a password change (desk only)", "Accounts & Access", "Account", ArticleAudience.AgentsOnly, """
            Verify the caller first: call back on the number in the directory, never the one they give.

            1. In the directory console, find the user and choose **Unlock**.
            2. Tick *User must change password at next sign-in* and set a one-time password.
            3. Add an internal note with how you verified them.
            """),
    ];

    public static async Task SeedAsync(FrontlineDb db, TimeProvider clock, Guid ownerId, CancellationToken cancellationToken)
    {
        var services = await db.Services.ToDictionaryAsync(s => s.Name, s => s.Id, cancellationToken);
        var categories = await db.Categories.ToDictionaryAsync(c => c.Name, c => c.Id, cancellationToken);
        var knowledge = new KnowledgeBase(db, clock);
        var owner = new Accounts.Caller(ownerId, "demo", new HashSet<string> { Roles.Agent }, []);
        foreach (var (title, service, category, audience, body) in Articles)
        {
            var draft = await knowledge.CreateDraftAsync(title, body, ownerId, cancellationToken, audience, services[service], categories[category], "First version");
            await knowledge.MoveAsync(owner, draft.Value!.Id, ArticleStatus.Published, cancellationToken);
        }
        // One article overdue for review, so the flag has something to show.
        var overdue = clock.GetUtcNow().UtcDateTime.AddDays(-3);
        await db.KnowledgeArticles.Where(a => a.Title == "Payslip not visible or wrong").ExecuteUpdateAsync(a => a.SetProperty(x => x.ReviewBy, overdue), cancellationToken);
    }
}
