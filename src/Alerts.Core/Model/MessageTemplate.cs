namespace Alerts.Core.Model;

/// <summary>
/// A user's wording for one channel of a subscription, in Liquid: <see cref="Subject"/> (email), <see cref="Title"/> (the
/// heading of a chat message or card) and <see cref="Body"/>. A part left null keeps the channel's default.
/// </summary>
public sealed record MessageTemplate(string? Subject = null, string? Title = null, string? Body = null);
