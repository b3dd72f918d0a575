using Frontline.Data;
using Frontline.Domain.Tickets;
using Frontline.Features.Accounts;
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
            await Progress(desk, clock, random, ticket.Number, agentCaller, requesterCaller, agent.User.Id, cancellationToken);
            await AnswerSurvey(experience, random, ticket.Number, requesterCaller, cancellationToken);
        }
        await output.WriteLineAsync($"""
            Frontline seeded a demo organisation: {requesters.Count} requesters, {agents.Count} agents, {groups.Count} groups, {DemoData.TicketCount} tickets.
              Every demo account's password is "{Password}". Try: agent "sam" (tier 1), manager "maria", requester "olivia".
            """);
    }

    /// <summary>Walks a ticket some way along its life, so the demo has every status and real history.</summary>
    private static async Task Progress(TicketDesk desk, DemoClock clock, Random random, string number, Caller agent, Caller requester, Guid agentId, CancellationToken cancellationToken)
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
