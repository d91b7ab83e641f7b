namespace Alerts.Api.Page;

/// <summary>The page's one stylesheet, served from this host (the CSP allows no inline styles). Phone first; AA contrast.</summary>
internal static class PageStyles
{
    public const string Css = """
        :root { --fg: #1f2328; --muted: #4d5661; --line: #c9d1d9; --accent: #0a58ca; --bad: #a4161a; --ok: #146c2e; --bg: #fff; --card: #f6f8fa; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: var(--bg); padding: 4px 8px; }
        header { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 12px 16px; border-bottom: 1px solid var(--line); }
        .brand { font-weight: 700; font-size: 1.2rem; color: var(--fg); text-decoration: none; }
        nav { display: flex; flex-wrap: wrap; gap: 4px 12px; }
        nav a { color: var(--accent); padding: 6px 2px; }
        nav a[aria-current="page"] { color: var(--fg); font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--accent); }
        .signout { margin-left: auto; display: flex; gap: 8px; align-items: center; }
        .who { color: var(--muted); font-size: .9rem; overflow-wrap: anywhere; }
        main { max-width: 56rem; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6rem; margin: .4em 0; }
        h2 { font-size: 1.25rem; margin-top: 1.6em; }
        label { display: block; font-weight: 600; margin: 12px 0 4px; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 12px 0; padding: 8px 12px; }
        legend { font-weight: 600; }
        fieldset label { font-weight: 400; display: flex; gap: 8px; align-items: center; margin: 6px 0; }
        input, select, textarea { font: inherit; width: 100%; max-width: 32rem; padding: 8px; border: 1px solid var(--muted); border-radius: 6px; }
        input[type=checkbox], input[type=radio] { width: auto; }
        button { font: inherit; margin-top: 8px; padding: 8px 14px; border: 1px solid var(--accent); border-radius: 6px; background: var(--accent); color: #fff; cursor: pointer; min-height: 44px; }
        button.secondary { background: var(--bg); color: var(--accent); }
        a.action { display: inline-flex; align-items: center; min-height: 44px; margin-top: 8px; padding: 0 6px; color: var(--bad); }
        details { margin-top: 8px; }
        summary { cursor: pointer; color: var(--accent); min-height: 44px; display: list-item; padding-top: 10px; }
        :focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
        .inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
        .inline label { margin: 0; }
        .cards { list-style: none; padding: 0; display: grid; gap: 12px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-wrap: anywhere; }
        .company { margin: 0; }
        .names { display: block; color: var(--muted); }
        .listings { margin: 4px 0; padding-left: 1.2em; }
        .error { color: var(--bad); font-weight: 600; margin: 4px 0; }
        .notice { background: #e7f1ff; border-left: 4px solid var(--accent); padding: 8px 12px; overflow-wrap: anywhere; }
        .secret { font-family: ui-monospace, monospace; background: #fff8c5; padding: 8px; overflow-wrap: anywhere; }
        .hint { color: var(--muted); font-size: .95rem; }
        .status-Delivered { color: var(--ok); font-weight: 600; }
        .status-DeadLettered { color: var(--bad); font-weight: 600; }
        .status-Pending { color: var(--muted); font-weight: 600; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
        @media (max-width: 40rem) { .signout { margin-left: 0; } h1 { font-size: 1.35rem; } }
        """;
}
