using Frontline.Data;
using Frontline.Domain.Patterns;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
using Frontline.Features.Demand;
using Frontline.Features.Tickets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Demo;

/// <summary>
/// A believable small company for trying Frontline: people, a desk in three tiers, services and a few
/// hundred tickets in every state, made through the same desk operations real work goes through.
/// </summary>
public static class DemoOrganisation
{
    public const string Password = "frontline-demo";

    /// <summary>
    /// The demo desk's service levels on top of the defaults: an OLA per group, two suppliers on their own calendars
    /// (one in New York behind a London desk, so the alignment page has a clock mismatch to show).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> ServiceLevelSettings { get; } = new Dictionary<string, string?>
    {
        ["ServiceLevels:Calendars:New York:TimeZone"] = "America/New_York",
        ["ServiceLevels:Calendars:New York:Hours:Weekdays:0"] = "09:00-17:00",
        ["ServiceLevels:Calendars:Payroll bureau:TimeZone"] = "Europe/London",
        ["ServiceLevels:Calendars:Payroll bureau:Hours:Weekdays:0"] = "09:00-16:00",
        ["ServiceLevels:Calendars:Payroll bureau:Exceptions:2026-12-24:0"] = "09:00-12:00",
        ["ServiceLevels:Policies:0:Name"] = "Service Desk",
        ["ServiceLevels:Policies:0:Group"] = "Service Desk",
        ["ServiceLevels:Policies:0:Targets:0:Agreement"] = "Ola",
        ["ServiceLevels:Policies:0:Targets:0:Kind"] = "FirstResponse",
        ["ServiceLevels:Policies:0:Targets:0:Time"] = "0:30",
        ["ServiceLevels:Policies:0:Targets:1:Agreement"] = "Ola",
        ["ServiceLevels:Policies:0:Targets:1:Kind"] = "Resolution",
        ["ServiceLevels:Policies:0:Targets:1:Time"] = "4:00",
        ["ServiceLevels:Policies:1:Name"] = "Network",
        ["ServiceLevels:Policies:1:Group"] = "Network & Infrastructure",
        ["ServiceLevels:Policies:1:Targets:0:Agreement"] = "Ola",
        ["ServiceLevels:Policies:1:Targets:0:Time"] = "6:00",
        ["ServiceLevels:Policies:2:Name"] = "Applications",
        ["ServiceLevels:Policies:2:Group"] = "Business Applications",
        ["ServiceLevels:Policies:2:Targets:0:Agreement"] = "Ola",
        ["ServiceLevels:Policies:2:Targets:0:Time"] = "6:00",
        ["ServiceLevels:Policies:3:Name"] = "Desktop",
        ["ServiceLevels:Policies:3:Group"] = "Desktop Support",
        ["ServiceLevels:Policies:3:Targets:0:Agreement"] = "Ola",
        ["ServiceLevels:Policies:3:Targets:0:Time"] = "8:00",
        ["ServiceLevels:Policies:4:Name"] = "Identity",
        ["ServiceLevels:Policies:4:Group"] = "Identity & Access",
        ["ServiceLevels:Policies:4:Targets:0:Agreement"] = "Ola",
        ["ServiceLevels:Policies:4:Targets:0:Time"] = "4:00",
        ["ServiceLevels:Suppliers:0:Name"] = DemoData.Suppliers[0].Supplier,
        ["ServiceLevels:Suppliers:0:Calendar"] = "New York",
        ["ServiceLevels:Suppliers:0:Services:0"] = DemoData.Suppliers[0].Services[0],
        ["ServiceLevels:Suppliers:0:Services:1"] = DemoData.Suppliers[0].Services[1],
        ["ServiceLevels:Suppliers:0:Response"] = "2:00",
        ["ServiceLevels:Suppliers:0:Resolution"] = "8:00",
        ["ServiceLevels:Suppliers:1:Name"] = DemoData.Suppliers[1].Supplier,
        ["ServiceLevels:Suppliers:1:Calendar"] = "Payroll bureau",
        ["ServiceLevels:Suppliers:1:Services:0"] = DemoData.Suppliers[1].Services[0],
        ["ServiceLevels:Suppliers:1:Resolution"] = "6:00",
    };

    /// <summary>Two dated changes for the experience trends to mark, in the weeks the demo history covers.</summary>
    public static IReadOnlyDictionary<string, string?> ExperienceSettings(DateTime now) => new Dictionary<string, string?>
    {
        ["Experience:Changes:0:Date"] = DateOnly.FromDateTime(now.AddDays(-30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Experience:Changes:0:Title"] = "VPN client 5.2 rolled out",
        ["Experience:Changes:0:Service"] = "VPN",
        ["Experience:Changes:1:Date"] = DateOnly.FromDateTime(now.AddDays(-12)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Experience:Changes:1:Title"] = "Walk-up desk opened on floor 2",
        ["Experience:Services:Payroll:Satisfaction"] = "4.5",
    };

    public static IServiceCollection AddDemoOrganisation(this IServiceCollection services) => services;

    public static async Task SeedAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FrontlineDb>();
        if (await db.Tickets.AnyAsync(cancellationToken) || await db.Groups.AnyAsync(cancellationToken))
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var random = new Random(20261123);
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var groups = DemoData.Groups.Select(g => new Group { Name = g.Name, Description = g.Description }).ToList();
        db.Groups.AddRange(groups);
        db.Categories.AddRange(DemoData.Categories.Select(c => new Category { Name = c }));
        await db.SaveChangesAsync(cancellationToken);
        var services_ = DemoData.Services.Select(s => new Service { Name = s.Name, Description = s.Description, DefaultGroupId = groups[s.Group].Id }).ToList();
        db.Services.AddRange(services_);
        await db.SaveChangesAsync(cancellationToken);

        var agents = new List<(User User, int Group)>();
        foreach (var (name, userName, tier, group, manager) in DemoData.Agents)
        {
            var user = await CreateAsync(users, userName, name, "IT", now, tier, manager ? [Roles.Agent, Roles.Manager] : [Roles.Agent]);
            db.GroupMembers.Add(new GroupMember { GroupId = groups[group].Id, UserId = user.Id });
            agents.Add((user, group));
        }
        var requesters = new List<User>();
        foreach (var (name, userName, organisation, vip) in DemoData.Requesters)
        {
            var user = await CreateAsync(users, userName, name, organisation, now, null, [Roles.Requester]);
            user.IsVip = vip;
            requesters.Add(user);
        }
        await db.SaveChangesAsync(cancellationToken);

        var categories = await db.Categories.ToDictionaryAsync(c => c.Name, c => c.Id, cancellationToken);
        var clock = new DemoClock { Limit = now };
        var desk = new TicketDesk(db, clock, new TicketFeed(), scope.ServiceProvider.GetRequiredService<TicketIntake>());
        var experience = new Experience.ExperienceDesk(db, desk, clock, new TicketFeed());
        for (var i = 0; i < DemoData.TicketCount; i++)
        {
            var template = DemoData.Tickets[random.Next(DemoData.Tickets.Length)];
            var requester = requesters[random.Next(requesters.Count)];
            clock.Now = now.AddMinutes(-random.Next(5, 60 * 24 * 60));
            var serviceIndex = Array.FindIndex(DemoData.Services, s => s.Name == template.Service);
            var requesterCaller = new Caller(requester.Id, requester.UserName!, new HashSet<string> { Roles.Requester }, []);
            var created = await desk.CreateAsync(requesterCaller, new NewTicket(template.Kind, template.Title, template.Description, ServiceId: services_[serviceIndex].Id), random.Next(4) == 0 ? Channel.Email : Channel.Portal, cancellationToken);
            var ticket = created.Value!;
            var agent = agents.Where(a => a.Group == DemoData.Services[serviceIndex].Group).OrderBy(_ => random.Next()).First();
            var agentCaller = new Caller(agent.User.Id, agent.User.UserName!, new HashSet<string> { Roles.Agent }, [groups[agent.Group].Id]);
            await desk.UpdateAsync(agentCaller, ticket.Number, new TicketPatch(CategoryId: categories[template.Category], Impact: template.Impact, Urgency: (Urgency)random.Next(1, 4)), cancellationToken);
            var supplier = DemoData.Suppliers.FirstOrDefault(s => s.Services.Contains(template.Service)).Supplier;
            await Progress(desk, clock, random, ticket.Number, agentCaller, requesterCaller, agent.User.Id, supplier, cancellationToken);
            await AnswerSurvey(experience, random, ticket.Number, requesterCaller, cancellationToken);
        }
        await DemoKnowledge.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), agents[0].User.Id, cancellationToken);
        await SeedDemandAsync(scope.ServiceProvider, agents.Single(a => a.User.UserName == "maria").User, cancellationToken);
        await output.WriteLineAsync($"""
            Frontline seeded a demo organisation: {requesters.Count} requesters, {agents.Count} agents, {groups.Count} groups, {DemoData.TicketCount} tickets.
              Every demo account's password is "{Password}". Try: agent "sam" (tier 1), manager "maria", requester "olivia".
            """);
    }

    /// <summary>The demo's patterns, with one improvement three weeks old, so the demand dashboard has something to measure.</summary>
    private static async Task SeedDemandAsync(IServiceProvider services, User manager, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<DemandPatterns>().DiscoverAsync(manager.Id, DiscoveryOptions.Default, cancellationToken);
        var db = services.GetRequiredService<FrontlineDb>();
        // The pattern holding most password tickets ("Password reset…", "…my password"), whatever its label says.
        var passwords = await db.PatternMembers.Where(m => m.Ticket!.Title.Contains("assword"))
            .GroupBy(m => m.PatternId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefaultAsync(cancellationToken);
        if (passwords != 0)
        {
            var caller = new Caller(manager.Id, manager.UserName!, new HashSet<string> { Roles.Agent, Roles.Manager }, []);
            var started = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddDays(-DemoData.ImprovementAgeDays);
            await services.GetRequiredService<DemandActions>().RecordAsync(caller, passwords, new ImprovementInput(PatternAction.SelfService, DemoData.Improvement, StartedAt: started), cancellationToken);
        }
    }

    /// <summary>Walks a ticket some way along its life, so the demo has every status and real history.</summary>
    private static async Task Progress(TicketDesk desk, DemoClock clock, Random random, string number, Caller agent, Caller requester, Guid agentId, string? supplier, CancellationToken cancellationToken)
    {
        var stage = random.Next(100);
        if (stage < 12)
        {
            return;
        }
        clock.Advance(random.Next(2, 90));
        await desk.AssignAsync(agent, number, new Assignment(OwnerId: agentId), cancellationToken);
        if (stage < 22)
        {
            return;
        }
        clock.Advance(random.Next(1, 30));
        await desk.TransitionAsync(agent, number, new TransitionRequest(TicketAction.Start), cancellationToken);
        await desk.AddEntryAsync(agent, number, DemoData.FirstReplies[random.Next(DemoData.FirstReplies.Length)], EntryVisibility.Public, cancellationToken);
        if (supplier is not null && random.Next(2) == 0)
        {
            // Half the tickets a supplier stands behind go to it; most come back before they are resolved.
            clock.Advance(random.Next(10, 120));
            await desk.EscalateAsync(agent, number, supplier, $"CASE-{random.Next(10000, 99999)}", cancellationToken);
            if (stage >= 45)
            {
                clock.Advance(random.Next(60, 900));
                await desk.ReturnFromSupplierAsync(agent, number, supplier, cancellationToken);
            }
        }
        if (stage < 35)
        {
            return;
        }
        if (stage < 45)
        {
            clock.Advance(random.Next(5, 120));
            await desk.TransitionAsync(agent, number, new TransitionRequest(TicketAction.Pend, PendingReason: (PendingReason)random.Next(3)), cancellationToken);
            return;
        }
        clock.Advance(random.Next(10, 600));
        await desk.AddEntryAsync(agent, number, "Checked the logs; see the resolution notes for what was changed.", EntryVisibility.Internal, cancellationToken);
        if (stage < 50)
        {
            await desk.TransitionAsync(requester, number, new TransitionRequest(TicketAction.Cancel, Notes: "Sorted itself out, thanks."), cancellationToken);
            return;
        }
        await desk.TransitionAsync(agent, number, new TransitionRequest(TicketAction.Resolve, ResolutionCode: (ResolutionCode)random.Next(3), Notes: DemoData.Resolutions[random.Next(DemoData.Resolutions.Length)]), cancellationToken);
        if (stage < 70)
        {
            return;
        }
        clock.Advance(random.Next(60, 60 * 48));
        if (stage < 75)
        {
            await desk.TransitionAsync(requester, number, new TransitionRequest(TicketAction.Reopen, Notes: "It happened again this morning."), cancellationToken);
            return;
        }
        await desk.TransitionAsync(agent, number, new TransitionRequest(TicketAction.Close), cancellationToken);
    }

    /// <summary>Most requesters of finished tickets answer; a few are unhappy even when the clock was met.</summary>
    private static async Task AnswerSurvey(Experience.ExperienceDesk experience, Random random, string number, Caller requester, CancellationToken cancellationToken)
    {
        if (random.Next(10) < 4)
        {
            return;
        }
        var unhappy = random.Next(6) == 0;
        var satisfaction = unhappy ? random.Next(1, 3) : random.Next(3, 6);
        var effort = unhappy ? random.Next(1, 4) : random.Next(4, 8);
        var comment = unhappy ? DemoData.UnhappyComments[random.Next(DemoData.UnhappyComments.Length)] : random.Next(3) == 0 ? DemoData.HappyComments[random.Next(DemoData.HappyComments.Length)] : "";
        // Refused (not resolved yet) for open tickets: exactly as a requester would be.
        await experience.AnswerAsync(requester, number, new Experience.ExperienceInput(satisfaction, effort, random.Next(3) == 0 ? null : satisfaction * 2, unhappy ? random.Next(60, 480) : random.Next(0, 60), comment), cancellationToken);
    }

    private static async Task<User> CreateAsync(UserManager<User> users, string userName, string name, string organisation, DateTime now, int? tier, string[] roles)
    {
        var user = new User
        {
            UserName = userName,
            Email = userName + "@demo.frontline.local",
            DisplayName = name,
            Organisation = organisation,
            Tier = tier,
            EmailConfirmed = true,
            CreatedAt = now,
            TimeZone = "Europe/London",
        };
        AccountsFeature.Ensure(await users.CreateAsync(user, Password), "create demo account " + userName);
        AccountsFeature.Ensure(await users.AddToRolesAsync(user, roles), "give demo account its roles");
        return user;
    }

    private sealed class DemoClock : TimeProvider
    {
        public DateTime Now { get; set; }

        /// <summary>The real present: demo history never runs into the future.</summary>
        public DateTime Limit { get; init; }

        public void Advance(int minutes) => Now = Now.AddMinutes(minutes) < Limit ? Now.AddMinutes(minutes) : Limit;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }
}
