namespace Frontline.Domain;

/// <summary>A decision that may be refused, with the reason keyed by the field it concerns.</summary>
public readonly record struct Result<T>
{
    private readonly T? value;

    private Result(T? value, string? field, string? error)
    {
        this.value = value;
        Field = field;
        Error = error;
    }

    public bool IsOk => Error is null;

    public T Value => IsOk ? value! : throw new InvalidOperationException($"Refused: {Error}");

    public string? Field { get; }

    public string? Error { get; }

    public static Result<T> Ok(T value) => new(value, null, null);

    public static Result<T> Fail(string field, string error) => new(default, field, error);

    public Result<TNext> Then<TNext>(Func<T, Result<TNext>> next) =>
        IsOk ? next(value!) : Result<TNext>.Fail(Field!, Error!);
}
