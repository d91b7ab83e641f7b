using Alerts.Core.Model;

namespace Alerts.Sources.Parsing;

/// <summary>Maps one row a feed sent: null with the announcement, or why the row has to be skipped.</summary>
internal delegate string? RowMapper<in TRow>(TRow row, out Announcement? announcement);
