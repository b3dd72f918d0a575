using Frontline.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Frontline.Features.Import;

/// <summary>A person an import needs: the source's name for them and the role they play on the desk.</summary>
public sealed record ImportedPerson(string SourceName, string Role);

/// <summary>
/// The people, groups and categories an import refers to by name, created once up front so that every ticket
/// batch after it can use plain ids. Imported people get a user name from the source's name and no password:
/// they exist so tickets have requesters and owners; an admin gives them a password if they should sign in.
/// </summary>
public sealed class ImportDirectory
{
    private readonly Dictionary<string, Guid> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> groups = new(StringComparer.Ordinal);
    private readonly Dictionary<(int? Parent, string Name), int> categories = [];

    public int UsersCreated { get; private set; }

    public int GroupsCreated { get; private set; }

    public int CategoriesCreated { get; private set; }

    /// <summary>"Caller 2403" from ServiceNow becomes "servicenow-caller-2403": readable, and apart from the desk's own names.</summary>
    public static string UserName(string source, string name) =>
        source + "-" + string.Join('-', name.ToLowerInvariant().Split([' ', '\t', '/', '\\', ':', ','], StringSplitOptions.RemoveEmptyEntries));

    public Guid User(string source, string name) => users[UserName(source, name)];

    public int Group(string name) => groups[name];

    public int Category(int? parent, string name) => categories[(parent, name)];

    public async Task EnsureAsync(
        FrontlineDb db,
        string source,
        IReadOnlyCollection<ImportedPerson> people,
        IReadOnlyCollection<string> groupNames,
        IReadOnlyCollection<(string? Parent, string Name)> categoryPaths,
        IReadOnlyCollection<(string Group, string Person)> memberships,
        DateTime now,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await EnsureGroupsAsync(db, groupNames, cancellationToken);
        await EnsureCategoriesAsync(db, categoryPaths, cancellationToken);
        await EnsurePeopleAsync(db, source, people, now, cancellationToken);
        var wanted = memberships.Select(m => (Group: groups[m.Group], User: users[UserName(source, m.Person)])).Distinct().ToList();
        var groupIds = wanted.Select(m => m.Group).Distinct().ToList();
        var existing = (await db.GroupMembers.Where(m => groupIds.Contains(m.GroupId)).Select(m => new { m.GroupId, m.UserId }).ToListAsync(cancellationToken))
            .Select(m => (m.GroupId, m.UserId)).ToHashSet();
        db.GroupMembers.AddRange(wanted.Where(m => !existing.Contains(m)).Select(m => new GroupMember { GroupId = m.Group, UserId = m.User }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task EnsureGroupsAsync(FrontlineDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        foreach (var group in await db.Groups.Where(g => names.Contains(g.Name)).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
        {
            groups[group.Name] = group.Id;
        }
        var added = names.Where(n => !groups.ContainsKey(n)).Distinct().Select(n => new Group { Name = n, Description = "Created by an import." }).ToList();
        db.Groups.AddRange(added);
        await db.SaveChangesAsync(cancellationToken);
        added.ForEach(g => groups[g.Name] = g.Id);
        GroupsCreated += added.Count;
    }

    private async Task EnsureCategoriesAsync(FrontlineDb db, IReadOnlyCollection<(string? Parent, string Name)> paths, CancellationToken cancellationToken)
    {
        foreach (var category in await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId, c.Name }).ToListAsync(cancellationToken))
        {
            categories[(category.ParentId, category.Name)] = category.Id;
        }
        // Parents first, so that children can point at them.
        var parents = paths.Select(p => p.Parent ?? p.Name).Distinct().Where(n => !categories.ContainsKey((null, n))).Select(n => new Category { Name = n }).ToList();
        db.Categories.AddRange(parents);
        await db.SaveChangesAsync(cancellationToken);
        parents.ForEach(c => categories[(null, c.Name)] = c.Id);
        var children = paths.Where(p => p.Parent is not null).Select(p => (Parent: categories[(null, p.Parent!)], p.Name)).Distinct()
            .Where(p => !categories.ContainsKey(p)).Select(p => new Category { ParentId = p.Parent, Name = p.Name }).ToList();
        db.Categories.AddRange(children);
        await db.SaveChangesAsync(cancellationToken);
        children.ForEach(c => categories[(c.ParentId, c.Name)] = c.Id);
        CategoriesCreated += parents.Count + children.Count;
    }

    private async Task EnsurePeopleAsync(FrontlineDb db, string source, IReadOnlyCollection<ImportedPerson> people, DateTime now, CancellationToken cancellationToken)
    {
        var prefix = source + "-";
        foreach (var user in await db.Users.Where(u => u.UserName!.StartsWith(prefix)).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken))
        {
            users[user.UserName!] = user.Id;
        }
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        foreach (var person in people.DistinctBy(p => UserName(source, p.SourceName)))
        {
            var userName = UserName(source, person.SourceName);
            if (users.ContainsKey(userName))
            {
                continue;
            }
            var user = new User
            {
                Id = Guid.CreateVersion7(),
                UserName = userName,
                NormalizedUserName = userName.ToUpperInvariant(),
                DisplayName = person.SourceName,
                Organisation = $"Imported from {source}",
                SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                CreatedAt = now,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[person.Role] });
            users[userName] = user.Id;
            UsersCreated++;
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
