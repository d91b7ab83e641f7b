using Alerts.Core.Model;
using Alerts.Sources.Feeds;
using Alerts.Sources.Parsing;

namespace Alerts.Sources.Tencent;

/// <summary>
/// Polls Tencent quotes for the configured canonical symbols, at most 50 codes per request. Bodies are decoded from GBK
/// bytes by the parser, never by HttpClient. A batch that fails while others succeed becomes a problem, not a failed poll.
/// </summary>
/// <param name="symbols">The symbols to quote on each poll (a watch-list view); defaults to the options' fixed list.</param>
public sealed class TencentQuoteSource(
    HttpClient http, FeedSourceOptions options, Func<IReadOnlyCollection<string>>? symbols = null, TimeProvider? clock = null)
    : HttpFeedSource(http, options, clock ?? TimeProvider.System)
{
    public const string Kind = "tencent-quotes";
    public const string Referer = "https://gu.qq.com/";
    public const int MaxCodesPerRequest = 50;

    public static readonly Uri DefaultUrl = new("https://qt.gtimg.cn/");

    private readonly Func<IReadOnlyCollection<string>> _symbols = symbols ?? (() => [.. options.Symbols]);

    public override async Task<FeedPoll> PollAsync(CancellationToken cancellationToken)
    {
        var problems = new List<FeedProblem>();
        var codes = new List<string>();
        foreach (var symbol in _symbols().Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (TencentSymbols.FromCanonical(symbol) is { } code)
            {
                codes.Add(code);
            }
            else
            {
                problems.Add(new FeedProblem(symbol, "no Tencent code for this symbol's market; not polled"));
            }
        }

        var events = new List<MarketEvent>();
        FeedError? firstError = null;
        var failedBatches = 0;
        var batches = codes.Chunk(MaxCodesPerRequest).ToList();
        foreach (var batch in batches)
        {
            var url = new Uri(Options.Url ?? DefaultUrl, "q=" + string.Join(',', batch));
            var (response, error) = await SendAsync(FeedRequests.Get(url, Options, Referer), cancellationToken);
            var parsed = response is null ? null : TencentQuoteParser.Parse(response.Body);
            error ??= parsed?.IsMalformed == true ? FeedError.Malformed(parsed.Error!) : null;
            if (error is not null)
            {
                firstError ??= error;
                failedBatches++;
                problems.Add(new FeedProblem($"codes {batch[0]}…{batch[^1]}", error.ToString()));
                continue;
            }

            events.AddRange(parsed!.Items.Select(MarketEvent.Of));
            problems.AddRange(parsed.Problems);
        }

        return batches.Count > 0 && failedBatches == batches.Count
            ? FeedPoll.Failed(Name, firstError!)
            : new FeedPoll(Name, events, problems, null);
    }
}
