using Alerts.Core.Model;

namespace Alerts.Core.Handlers;

/// <summary>Checks an event before anything is stored: a rejected event changes nothing.</summary>
public static class EventValidator
{
    public static string? Problem(MarketEvent? marketEvent)
    {
        if (marketEvent is null || !marketEvent.IsWellFormed)
        {
            return "event must have kind 'announcement' with an announcement, or kind 'priceTick' with a tick";
        }

        if (marketEvent.Announcement is { } a)
        {
            if (string.IsNullOrWhiteSpace(a.Source) || string.IsNullOrWhiteSpace(a.SourceId))
            {
                return "announcement.source and announcement.sourceId are required";
            }

            if (a.Id != Announcement.MakeId(a.Source, a.SourceId))
            {
                return $"announcement.id must be '{Announcement.MakeId(a.Source, a.SourceId)}'";
            }

            if (string.IsNullOrWhiteSpace(a.Title))
            {
                return "announcement.title is required";
            }

            if (a.Issuers is null || a.Categories is null)
            {
                return "announcement.issuers and announcement.categories are required (may be empty)";
            }
        }

        if (marketEvent.Tick is { } t)
        {
            if (string.IsNullOrWhiteSpace(t.Symbol) || string.IsNullOrWhiteSpace(t.Source))
            {
                return "tick.symbol and tick.source are required";
            }

            if (t.Price <= 0 || t.PreviousClose < 0)
            {
                return "tick.price must be positive and tick.previousClose not negative";
            }
        }

        return null;
    }
}
