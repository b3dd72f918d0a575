using Frontline.Domain;

namespace Frontline.Features.Tickets;

public enum Refusal
{
    /// <summary>The input is wrong (400).</summary>
    Invalid,

    /// <summary>The ticket is not in a state that allows it, or changed meanwhile (409).</summary>
    Conflict,

    /// <summary>The caller can see the ticket but their role does not allow this (403).</summary>
    Forbidden,

    /// <summary>No such thing, or not the caller's to see (404: a stranger learns nothing).</summary>
    NotFound,
}

/// <summary>What a desk operation did, or why it did nothing.</summary>
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal, string? Field, string? Reason)
{
    public bool IsDone => Refusal is null;

    public static implicit operator Outcome<T>(T value) => new(value, null, null, null);

    public static Outcome<T> Invalid(string field, string reason) => new(default, Tickets.Refusal.Invalid, field, reason);

    public static Outcome<T> Conflict(string reason) => new(default, Tickets.Refusal.Conflict, null, reason);

    public static Outcome<T> Forbidden(string reason) => new(default, Tickets.Refusal.Forbidden, null, reason);

    public static Outcome<T> NotFound(string what) => new(default, Tickets.Refusal.NotFound, null, what);

    /// <summary>A refused domain decision: a refused action is a state conflict, anything else bad input.</summary>
    public static Outcome<T> From<TAny>(Result<TAny> refused) =>
        refused.Field == "action" ? Conflict(refused.Error!) : Invalid(refused.Field!, refused.Error!);

    public Outcome<TOther> As<TOther>() => new(default, Refusal, Field, Reason);

    public IResult ToProblem() => Refusal switch
    {
        Tickets.Refusal.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [Field ?? "request"] = [Reason ?? "Invalid."] }, title: "The request has invalid fields"),
        Tickets.Refusal.Conflict => TypedResults.Problem(title: "Not possible now", detail: Reason, statusCode: StatusCodes.Status409Conflict),
        Tickets.Refusal.Forbidden => TypedResults.Problem(title: "Not allowed", detail: Reason, statusCode: StatusCodes.Status403Forbidden),
        Tickets.Refusal.NotFound => TypedResults.Problem(title: "Not found", detail: Reason, statusCode: StatusCodes.Status404NotFound),
        _ => throw new InvalidOperationException("A done outcome has no problem."),
    };
}
