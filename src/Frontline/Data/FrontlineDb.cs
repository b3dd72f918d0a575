using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Frontline.Data;

/// <summary>The unit of work. Each provider has a subclass only so that each keeps its own migrations.</summary>
public abstract class FrontlineDb(DbContextOptions options) : IdentityDbContext<User, Role, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Cookie and antiforgery keys, shared by every node and kept across restarts.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketTag> TicketTags => Set<TicketTag>();

    public DbSet<TicketTally> TicketTallies => Set<TicketTally>();

    public DbSet<TicketWatcher> TicketWatchers => Set<TicketWatcher>();

    public DbSet<TicketEntry> TicketEntries => Set<TicketEntry>();

    public DbSet<TicketEvent> TicketEvents => Set<TicketEvent>();

    public DbSet<TicketLink> TicketLinks => Set<TicketLink>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    public DbSet<Service> Services => Set<Service>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<PriorityCell> PriorityMatrix => Set<PriorityCell>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<SavedView> SavedViews => Set<SavedView>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<NumberSequence> NumberSequences => Set<NumberSequence>();

    public DbSet<TriageModel> TriageModels => Set<TriageModel>();

    public DbSet<ExperienceResponse> ExperienceResponses => Set<ExperienceResponse>();

    public DbSet<PatternDiscoveryRun> PatternDiscoveryRuns => Set<PatternDiscoveryRun>();

    public DbSet<Pattern> Patterns => Set<Pattern>();

    public DbSet<PatternMember> PatternMembers => Set<PatternMember>();

    public DbSet<Improvement> Improvements => Set<Improvement>();

    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();

    public DbSet<KnowledgeArticleVersion> KnowledgeArticleVersions => Set<KnowledgeArticleVersion>();

    public DbSet<KnowledgeFeedback> KnowledgeFeedback => Set<KnowledgeFeedback>();

    public DbSet<SuggestionEvent> SuggestionEvents => Set<SuggestionEvent>();
    public DbSet<ServiceLevelAlarm> ServiceLevelAlarms => Set<ServiceLevelAlarm>();

    public DbSet<ServiceLevelOutcome> ServiceLevelOutcomes => Set<ServiceLevelOutcome>();

    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();

    public DbSet<OutboundMail> OutboundMail => Set<OutboundMail>();

    public DbSet<MailTemplateText> MailTemplates => Set<MailTemplateText>();

    public abstract DatabaseProvider Provider { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Time is stored in UTC; reading it back must say so, or comparisons shift by the server's offset.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseHistoryRewrites();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseHistoryRewrites();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>History is the truth clocks and audits replay, so it only ever grows.</summary>
    private void RefuseHistoryRewrites()
    {
        var rewritten = ChangeTracker.Entries<TicketEvent>().FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (rewritten is not null)
        {
            throw new InvalidOperationException($"Ticket history is append-only; event {rewritten.Entity.Id} cannot be {rewritten.State.ToString().ToLowerInvariant()}.");
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.TimeZone).HasMaxLength(64);
            user.Property(u => u.Organisation).HasMaxLength(200);
        });
        builder.Entity<AccessToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.HasIndex(t => t.SecretHash).IsUnique();
            token.HasIndex(t => t.UserId);
        });
        builder.Entity<Group>(group =>
        {
            group.Property(g => g.Name).HasMaxLength(100);
            group.HasIndex(g => g.Name).IsUnique();
        });
        builder.Entity<GroupMember>(member =>
        {
            member.HasKey(m => new { m.GroupId, m.UserId });
            member.HasOne(m => m.User).WithMany(u => u.Groups).HasForeignKey(m => m.UserId);
            member.HasOne(m => m.Group).WithMany(g => g.Members).HasForeignKey(m => m.GroupId);
            member.HasIndex(m => m.UserId);
        });
        builder.Entity<Service>(service =>
        {
            service.Property(s => s.Name).HasMaxLength(100);
            service.HasIndex(s => s.Name).IsUnique();
            service.HasOne(s => s.DefaultGroup).WithMany().OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Category>(category =>
        {
            category.Property(c => c.Name).HasMaxLength(100);
            category.HasIndex(c => new { c.ParentId, c.Name }).IsUnique();
        });
        builder.Entity<PriorityCell>().HasKey(c => new { c.Impact, c.Urgency });
        builder.Entity<NumberSequence>().HasKey(s => s.Kind);
        builder.Entity<TriageModel>(model =>
        {
            model.Property(m => m.Target).HasMaxLength(20);
            model.HasIndex(m => new { m.Target, m.Id });
        });
        builder.Entity<ExperienceResponse>(response =>
        {
            response.HasIndex(r => r.TicketId).IsUnique();
            response.Property(r => r.Comment).HasMaxLength(4000);
            response.HasOne(r => r.Ticket).WithMany().HasForeignKey(r => r.TicketId);
            response.HasIndex(r => r.At);
        });
        builder.Entity<ServiceLevelAlarm>(alarm =>
        {
            // The guarantee that an alarm fires once, whichever node or restart gets there first.
            alarm.HasIndex(a => new { a.TicketId, a.Clock, a.Kind }).IsUnique();
            alarm.Property(a => a.Clock).HasMaxLength(200);
            alarm.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId);
            alarm.HasIndex(a => a.FiredAt);
        });
        builder.Entity<ServiceLevelOutcome>(outcome =>
        {
            outcome.HasKey(o => o.TicketId);
            outcome.Property(o => o.Policies).HasMaxLength(32);
            outcome.HasOne<Ticket>().WithOne().HasForeignKey<ServiceLevelOutcome>(o => o.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<SavedView>(view =>
        {
            view.Property(v => v.Name).HasMaxLength(100);
            view.Property(v => v.Query).HasMaxLength(1000);
            view.HasIndex(v => new { v.OwnerId, v.Name }).IsUnique();
        });
        builder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => new { r.UserId, r.Key });
            record.Property(r => r.Key).HasMaxLength(200);
        });
        ConfigureTickets(builder);
        Data.TicketTallies.Configure(builder, Provider);
        MailModel.Configure(builder);
        ConfigureKnowledge(builder);
        ConfigureDemand(builder);
    }

    private static void ConfigureKnowledge(ModelBuilder builder)
    {
        builder.Entity<KnowledgeArticle>(article =>
        {
            article.Property(a => a.Title).HasMaxLength(Domain.Knowledge.ArticleRules.TitleMaxLength);
            article.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
            article.Property(a => a.Audience).HasConversion<string>().HasMaxLength(20);
            article.Property(a => a.Version).IsConcurrencyToken();
            article.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
            article.HasOne(a => a.Service).WithMany().HasForeignKey(a => a.ServiceId).OnDelete(DeleteBehavior.SetNull);
            article.HasOne(a => a.Category).WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.SetNull);
            article.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.ArticleId);
            article.HasIndex(a => new { a.Status, a.Audience });
            article.HasIndex(a => a.OwnerId);
            article.HasIndex(a => a.ReviewBy);
        });
        builder.Entity<KnowledgeArticleVersion>(version =>
        {
            version.HasIndex(v => new { v.ArticleId, v.Number }).IsUnique();
            version.Property(v => v.Title).HasMaxLength(Domain.Knowledge.ArticleRules.TitleMaxLength);
            version.Property(v => v.Note).HasMaxLength(Domain.Knowledge.ArticleRules.NoteMaxLength);
            version.HasOne(v => v.Author).WithMany().HasForeignKey(v => v.AuthorId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<KnowledgeFeedback>(feedback =>
        {
            feedback.Property(f => f.Comment).HasMaxLength(Domain.Knowledge.ArticleRules.CommentMaxLength);
            feedback.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(f => f.ArticleId);
            feedback.HasIndex(f => new { f.ArticleId, f.At });
        });
        builder.Entity<SuggestionEvent>(evt =>
        {
            evt.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
            evt.HasOne<KnowledgeArticle>().WithMany().HasForeignKey(e => e.ArticleId);
            // Deflection asks, per opening, whether its session has a submission: both by session.
            evt.HasIndex(e => new { e.SessionId, e.Kind });
            evt.HasIndex(e => new { e.ArticleId, e.Kind });
        });
    }

    private static void ConfigureDemand(ModelBuilder builder)
    {
        builder.Entity<Pattern>(pattern =>
        {
            pattern.Property(p => p.Label).HasMaxLength(Domain.Patterns.PatternFacts.MaxLabelLength);
            pattern.Property(p => p.Terms).HasMaxLength(500);
            pattern.Property(p => p.Category).HasMaxLength(200);
            pattern.Property(p => p.Service).HasMaxLength(200);
            pattern.Property(p => p.ConfigurationItem).HasMaxLength(Domain.Tickets.TicketFields.ConfigurationItemMaxLength);
            pattern.Property(p => p.Action).HasConversion<string>().HasMaxLength(20);
            pattern.Property(p => p.Reason).HasMaxLength(1000);
            pattern.HasOne<PatternDiscoveryRun>().WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Restrict);
            pattern.HasIndex(p => new { p.IsRetired, p.EffortHours });
        });
        builder.Entity<PatternMember>(member =>
        {
            member.HasKey(m => new { m.PatternId, m.TicketId });
            member.HasOne<Pattern>().WithMany().HasForeignKey(m => m.PatternId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
            member.HasIndex(m => m.TicketId);
        });
        builder.Entity<Improvement>(improvement =>
        {
            improvement.Property(i => i.Action).HasConversion<string>().HasMaxLength(20);
            improvement.Property(i => i.Description).HasMaxLength(2000);
            improvement.HasOne(i => i.Pattern).WithMany().HasForeignKey(i => i.PatternId).OnDelete(DeleteBehavior.Restrict);
            improvement.HasOne(i => i.Owner).WithMany().HasForeignKey(i => i.OwnerId).OnDelete(DeleteBehavior.Restrict);
            improvement.HasOne(i => i.ProblemTicket).WithMany().HasForeignKey(i => i.ProblemTicketId).OnDelete(DeleteBehavior.SetNull);
            improvement.HasOne(i => i.Article).WithMany().HasForeignKey(i => i.ArticleId).OnDelete(DeleteBehavior.SetNull);
            improvement.HasIndex(i => i.PatternId);
        });
    }

    private static void ConfigureTickets(ModelBuilder builder)
    {
        builder.Entity<Ticket>(ticket =>
        {
            ticket.Property(t => t.Number).HasMaxLength(20);
            ticket.HasIndex(t => t.Number).IsUnique();
            ticket.Property(t => t.ExternalRef).HasMaxLength(200);
            // NULL for tickets born here; both providers let many NULLs through a unique index.
            ticket.HasIndex(t => t.ExternalRef).IsUnique();
            ticket.Property(t => t.Title).HasMaxLength(Domain.Tickets.TicketFields.TitleMaxLength);
            ticket.Property(t => t.ConfigurationItem).HasMaxLength(Domain.Tickets.TicketFields.ConfigurationItemMaxLength);
            ticket.Property(t => t.Version).IsConcurrencyToken();
            ticket.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasOne(t => t.Group).WithMany().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasOne(t => t.Service).WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasOne(t => t.Category).WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
            ticket.HasMany(t => t.Tags).WithOne().HasForeignKey(t => t.TicketId);
            ticket.HasMany(t => t.Watchers).WithOne().HasForeignKey(w => w.TicketId);
            // The queues: a group's open work by status, an agent's own work (and the unowned), a requester's tickets.
            // A group's or an owner's queue carries every key a queue sorts by, so its page is chosen from the index
            // alone: with only (group, status) each of a busy team's ~1,000 open tickets was read from the table for
            // its sort key, 12-17 ms of a million-ticket desk's queue page. The same number of entries as before; they
            // are wider, and move when a ticket's UpdatedAt does, as the desk's (Status, UpdatedAt) entry already did.
            ticket.HasIndex(t => new { t.GroupId, t.Status, t.UpdatedAt, t.Priority, t.Id });
            ticket.HasIndex(t => new { t.OwnerId, t.Status, t.UpdatedAt, t.Priority, t.Id });
            ticket.HasIndex(t => new { t.RequesterId, t.Id });
            ticket.HasIndex(t => new { t.Status, t.Priority, t.Id });
            // The desk's default queue (open, recently updated first) picks its page from this index alone.
            ticket.HasIndex(t => new { t.Status, t.UpdatedAt, t.Id });
            ticket.HasIndex(t => t.UpdatedAt);
        });
        builder.Entity<TicketTag>(tag =>
        {
            tag.HasKey(t => new { t.TicketId, t.Tag });
            tag.Property(t => t.Tag).HasMaxLength(Domain.Tickets.TicketFields.TagMaxLength);
            tag.HasIndex(t => t.Tag);
        });
        builder.Entity<TicketWatcher>(watcher =>
        {
            watcher.HasKey(w => new { w.TicketId, w.UserId });
            watcher.HasIndex(w => w.UserId);
        });
        builder.Entity<TicketEntry>(entry =>
        {
            entry.HasIndex(e => new { e.TicketId, e.Id });
            entry.HasOne(e => e.Author).WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.Restrict);
            entry.HasOne<Ticket>().WithMany(t => t.Entries).HasForeignKey(e => e.TicketId);
        });
        builder.Entity<TicketEvent>(evt =>
        {
            evt.HasIndex(e => new { e.TicketId, e.Id });
            evt.Property(e => e.Field).HasMaxLength(50);
            evt.HasOne<Ticket>().WithMany(t => t.History).HasForeignKey(e => e.TicketId);
        });
        builder.Entity<TicketLink>(link =>
        {
            link.HasOne(l => l.FromTicket).WithMany().HasForeignKey(l => l.FromTicketId).OnDelete(DeleteBehavior.Cascade);
            link.HasOne(l => l.ToTicket).WithMany().HasForeignKey(l => l.ToTicketId).OnDelete(DeleteBehavior.Cascade);
            link.HasIndex(l => new { l.FromTicketId, l.ToTicketId, l.Kind }).IsUnique();
            link.HasIndex(l => l.ToTicketId);
        });
        builder.Entity<Attachment>(attachment =>
        {
            attachment.Property(a => a.FileName).HasMaxLength(255);
            attachment.Property(a => a.ContentType).HasMaxLength(100);
            attachment.HasIndex(a => a.TicketId);
            attachment.HasOne<Ticket>().WithMany().HasForeignKey(a => a.TicketId);
            attachment.HasOne(a => a.Content).WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId);
        });
        builder.Entity<AttachmentContent>().HasKey(c => c.AttachmentId);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SqliteFrontlineDb(DbContextOptions<SqliteFrontlineDb> options) : FrontlineDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresFrontlineDb(DbContextOptions<PostgresFrontlineDb> options) : FrontlineDb(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var kind in Enum.GetValues<Domain.Tickets.TicketKind>())
        {
            builder.HasSequence<long>(TicketNumbers.SequenceName(kind));
        }
        KnowledgeSearchIndex.ConfigurePostgres(builder);
        TicketSearchIndex.ConfigurePostgres(builder);
    }
}
