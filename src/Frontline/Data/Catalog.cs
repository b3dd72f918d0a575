namespace Frontline.Data;

/// <summary>A resolver team with a queue.</summary>
public sealed class Group
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<GroupMember> Members { get; } = [];
}

public sealed class GroupMember
{
    public int GroupId { get; set; }

    public Group? Group { get; set; }

    public Guid UserId { get; set; }

    public User? User { get; set; }
}

/// <summary>What the business consumes (e-mail, VPN, payroll).</summary>
public sealed class Service
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    /// <summary>The group new tickets for this service land in when nobody routes them elsewhere.</summary>
    public int? DefaultGroupId { get; set; }

    public Group? DefaultGroup { get; set; }

    public bool IsActive { get; set; } = true;
}

public sealed class Category
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public int? ParentId { get; set; }

    public Category? Parent { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>One cell of the desk's impact × urgency → priority matrix.</summary>
public sealed class PriorityCell
{
    public Frontline.Domain.Tickets.Impact Impact { get; set; }

    public Frontline.Domain.Tickets.Urgency Urgency { get; set; }

    public Frontline.Domain.Tickets.Priority Priority { get; set; }
}
