namespace Alerts.Core.Rules;

public enum FrequencyKind
{
    EveryTime,
    Once,
    OncePerTradingDay,
    Cooldown,
}

/// <summary>How often a rule may fire for one subject.</summary>
public sealed record Frequency(FrequencyKind Kind, TimeSpan? Cooldown = null)
{
    public static Frequency EveryTime { get; } = new(FrequencyKind.EveryTime);

    public static Frequency Once { get; } = new(FrequencyKind.Once);

    public static Frequency OncePerTradingDay { get; } = new(FrequencyKind.OncePerTradingDay);

    public static Frequency Every(TimeSpan cooldown) => new(FrequencyKind.Cooldown, cooldown);
}
