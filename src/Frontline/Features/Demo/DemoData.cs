using Frontline.Domain.Tickets;

namespace Frontline.Features.Demo;

/// <summary>The demo company's people, services and the kinds of tickets a real desk sees most.</summary>
internal static class DemoData
{
    public const int TicketCount = 320;

    public static readonly (string Name, string Description)[] Groups =
    [
        ("Service Desk", "Tier 1: first contact, password resets, how-to questions"),
        ("Desktop Support", "Tier 2: laptops, peripherals, printing, local software"),
        ("Network & Infrastructure", "Tier 2–3: VPN, Wi-Fi, servers, storage"),
        ("Business Applications", "Tier 3: ERP, payroll and line-of-business systems"),
        ("Identity & Access", "Accounts, groups, access requests"),
    ];

    public static readonly (string Name, string Description, int Group)[] Services =
    [
        ("E-mail", "Mailboxes, shared mailboxes, distribution lists", 0),
        ("VPN", "Remote access to the office network", 2),
        ("Laptops & Devices", "Company laptops, docks, monitors, phones", 1),
        ("Payroll", "Payslips, payroll runs and the payroll system", 3),
        ("ERP", "Finance, purchasing and inventory system", 3),
        ("Wi-Fi", "Office wireless networks", 2),
        ("Printing", "Office printers and scanning", 1),
        ("Accounts & Access", "Sign-in, passwords, access to systems and folders", 4),
        ("Shared Drives", "Department file shares", 2),
        ("Video Meetings", "Meeting rooms and conferencing", 0),
    ];

    /// <summary>Who stands behind which services, for escalations: (supplier, services).</summary>
    public static readonly (string Supplier, string[] Services)[] Suppliers =
    [
        ("Acme Networks", ["VPN", "Wi-Fi"]),
        ("PayServe", ["Payroll"]),
    ];

    public static readonly string[] Categories = ["Hardware", "Software", "Network", "Access", "Account", "How-to", "New equipment", "Performance"];

    public static readonly (string Name, string UserName, int Tier, int Group, bool Manager)[] Agents =
    [
        ("Sam Okafor", "sam", 1, 0, false),
        ("Lena Fischer", "lena", 1, 0, false),
        ("Tomás Ruiz", "tomas", 1, 4, false),
        ("Aisha Rahman", "aisha", 1, 0, false),
        ("Ben Carter", "ben", 2, 1, false),
        ("Mei Chen", "mei", 2, 1, false),
        ("Oskar Nilsson", "oskar", 2, 2, false),
        ("Grace Adeyemi", "grace", 3, 2, false),
        ("Ravi Iyer", "ravi", 3, 3, false),
        ("Julia Novak", "julia", 2, 3, false),
        ("Hannah Weber", "hannah", 2, 4, false),
        ("Maria Santos", "maria", 3, 0, true),
    ];

    public static readonly (string Name, string UserName, string Organisation, bool Vip)[] Requesters = Build();

    private static (string, string, string, bool)[] Build()
    {
        string[] first = ["Olivia", "Noah", "Emma", "Liam", "Sofia", "Lucas", "Chloe", "Ethan", "Zara", "Daniel", "Priya", "Kenji", "Fatima", "Jonas", "Amelia", "Mateo", "Isla", "Arjun", "Nora", "Felix"];
        string[] last = ["Brown", "Murphy", "Kowalski", "Haddad", "Lindqvist", "Moreau", "Tanaka", "O'Neill", "Costa", "Schmidt"];
        string[] organisations = ["Finance", "Sales", "HR", "Engineering", "Operations", "Marketing", "Legal"];
        var people = new List<(string, string, string, bool)>();
        for (var i = 0; i < 60; i++)
        {
            var name = $"{first[i % first.Length]} {last[i * 7 % last.Length]}";
            var userName = i < first.Length ? first[i].ToLowerInvariant() : $"{first[i % first.Length].ToLowerInvariant()}{i}";
            people.Add((name, userName, organisations[i % organisations.Length], i % 23 == 5));
        }
        return [.. people];
    }

    public static readonly (TicketKind Kind, string Title, string Description, string Service, string Category, Impact Impact)[] Tickets =
    [
        (TicketKind.Request, "Password reset for my account", "I was locked out after the holidays and can't sign in to my laptop.", "Accounts & Access", "Account", Impact.Low),
        (TicketKind.Request, "Access to the Finance shared drive", "I joined the **budget review** team and need read access to `\\\\files\\finance\\budget`.", "Shared Drives", "Access", Impact.Low),
        (TicketKind.Incident, "VPN disconnects every few minutes", "Since this morning the VPN drops every 5–10 minutes when working from home.\n\nError: *The connection was terminated by the remote computer.*", "VPN", "Network", Impact.Medium),
        (TicketKind.Incident, "Outlook keeps asking for my password", "Outlook prompts for credentials every time it starts, even after I type them.", "E-mail", "Software", Impact.Low),
        (TicketKind.Incident, "Printer on floor 3 jams on every job", "The printer near the kitchen (PRN-3F-02) jams on every print job.", "Printing", "Hardware", Impact.Medium),
        (TicketKind.Request, "New laptop for starter on Monday", "Our new analyst starts on Monday and needs a standard laptop with a dock and two monitors.", "Laptops & Devices", "New equipment", Impact.Low),
        (TicketKind.Incident, "Payslips not visible in the portal", "Nobody in Sales can see this month's payslip in the payroll portal.", "Payroll", "Software", Impact.High),
        (TicketKind.Incident, "ERP purchase orders fail to post", "Posting a purchase order gives *Error 5021: period closed* although the period is open.", "ERP", "Software", Impact.High),
        (TicketKind.Incident, "Wi-Fi very slow in meeting room Atlas", "Video calls freeze in Atlas; speed test shows under 2 Mbit/s.", "Wi-Fi", "Performance", Impact.Medium),
        (TicketKind.Request, "Add me to the sales-team distribution list", "I moved to Sales and don't get the team mails.", "E-mail", "Access", Impact.Low),
        (TicketKind.Incident, "Laptop won't charge", "The charging light stays off with the dock and with the charger.", "Laptops & Devices", "Hardware", Impact.Low),
        (TicketKind.Request, "Install Visio", "I need Visio for process diagrams for the audit.", "Laptops & Devices", "Software", Impact.Low),
        (TicketKind.Incident, "Cannot join meetings from room Everest", "The room system shows *Unable to connect* for every meeting.", "Video Meetings", "Hardware", Impact.Medium),
        (TicketKind.Request, "Shared mailbox for the events team", "Please create events@ with access for the four of us.", "E-mail", "Access", Impact.Low),
        (TicketKind.Incident, "Account locked again", "My account locks every morning; I think an old phone still has my password.", "Accounts & Access", "Account", Impact.Low),
        (TicketKind.Incident, "Shared drive very slow", "Opening files on the Operations share takes over a minute.", "Shared Drives", "Performance", Impact.Medium),
        (TicketKind.Request, "Second monitor", "Requesting a second monitor for my desk (desk 4.12).", "Laptops & Devices", "New equipment", Impact.Low),
        (TicketKind.Incident, "Payroll run stuck at 80%", "The monthly payroll run has been at 80% for two hours.", "Payroll", "Software", Impact.High),
        (TicketKind.Request, "How do I set up my out-of-office?", "Going on leave tomorrow, how do I set an automatic reply?", "E-mail", "How-to", Impact.Low),
        (TicketKind.Incident, "Scanner sends empty PDFs", "Scan-to-email from the 2nd floor printer arrives as empty PDFs.", "Printing", "Hardware", Impact.Low),
        (TicketKind.Request, "VPN access for contractor", "Please give our contractor (starting 1st) VPN access for three months.", "VPN", "Access", Impact.Low),
        (TicketKind.Incident, "ERP reports time out", "The monthly inventory report times out after 30 seconds.", "ERP", "Performance", Impact.Medium),
    ];

    /// <summary>The demo's one improvement: a self-service reset page, launched this many days before the demo starts.</summary>
    public const int ImprovementAgeDays = 21;

    public const string Improvement = "Self-service password reset page launched on the portal, with an article on clearing old phone credentials.";

    public static readonly string[] FirstReplies =
    [
        "Thanks for reporting this. I'm looking into it now and will update you within the hour.",
        "Hi, I've picked this up. Could you tell me roughly when it started?",
        "Thanks! I can reproduce this and I'm working on a fix.",
    ];

    public static readonly string[] Resolutions =
    [
        "Reset the password and removed the stale credential from the old phone.",
        "Reinstalled the VPN client and updated the network driver; stable for 30 minutes of testing.",
        "Replaced the fuser unit on the printer.",
        "Granted read access through the Finance-Budget-Readers group.",
        "Cleared the cached credentials in Credential Manager and re-created the Outlook profile.",
        "Restarted the payroll batch service and re-ran the job; payslips now visible.",
    ];

    public static readonly string[] HappyComments =
    [
        "Quick and friendly, thanks!",
        "Sorted before my meeting, great.",
        "Clear explanation of what went wrong.",
    ];

    public static readonly string[] UnhappyComments =
    [
        "I had to explain the problem three times to different people.",
        "It was closed but it still does not work properly.",
        "Took days and nobody told me what was happening.",
        "Lost a whole afternoon of work waiting.",
    ];
}
