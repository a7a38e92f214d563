"""The style sheet of the HTML report, inlined into every report so that it needs no other file."""

CSS = """
:root { --ink: #1d2329; --muted: #5f6b76; --line: #d9dee3; --bg: #ffffff; --soft: #f4f6f8; --accent: #0b6e99;
        --accent-soft: #e3f1f7; --warn: #a05a00; font-size: 16px; }
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e9ec; --muted: #9aa6b1; --line: #39424a; --bg: #15191d; --soft: #1f252b; --accent: #5bb7e0;
          --accent-soft: #1d3440; --warn: #e0a458; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); }
header.site, footer.site { padding: .6rem 1.5rem; color: var(--muted); font-size: .85rem; border-bottom: 1px solid var(--line); }
footer.site { border-top: 1px solid var(--line); border-bottom: 0; margin-top: 3rem; }
header.site .brand { font-weight: 700; color: var(--ink); letter-spacing: .02em; margin-right: .5rem; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 1.2rem 0 .4rem; }
h2 { font-size: 1.4rem; line-height: 1.3; margin: 0 0 .4rem; }
h3 { font-size: 1rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1.8rem 0 .6rem; }
.facts { color: var(--muted); margin: 0 0 1rem; }
.facts span + span::before { content: " · "; }
.story-title { color: var(--muted); font-style: italic; margin: 0 0 .3rem; }
.summary p { font-size: 1.08rem; margin: 0; }
section.story { border-top: 3px solid var(--ink); padding-top: 1rem; margin-top: 3rem; }
.back { font-size: .85rem; }
/* the story index: one row per story with its span on a shared time axis */
.story-index { list-style: none; padding: 0; margin: 0; }
.story-index li { display: grid; grid-template-columns: minmax(0, 1fr) 14rem; gap: .3rem 1rem; padding: .55rem 0;
                  border-bottom: 1px solid var(--line); }
.story-index .meta { color: var(--muted); font-size: .85rem; }
.gantt { position: relative; height: .7rem; margin-top: .45rem; background: var(--soft); border-radius: .35rem; }
.gantt span { position: absolute; top: 0; bottom: 0; min-width: .5rem; background: var(--accent); border-radius: .35rem; }
/* the visual timeline: a horizontal axis with numbered entries and ticks for every dated article */
.axis { position: relative; height: 7.2rem; margin: .5rem .8rem 1.2rem; }
.axis .rule { position: absolute; left: 0; right: 0; top: 4.4rem; height: 2px; background: var(--line); }
.axis .undated-zone { position: absolute; left: 94%; right: -.8rem; top: 3.6rem; height: 1.8rem;
                      border-left: 2px dashed var(--line); }
.axis .dot { position: absolute; transform: translateX(-50%); width: 1.6rem; height: 1.6rem; border-radius: 50%;
             background: var(--accent); color: #fff; font-size: .75rem; font-weight: 700; line-height: 1.6rem;
             text-align: center; text-decoration: none; box-shadow: 0 0 0 2px var(--bg); z-index: 1; }
.axis .dot.lane-0 { top: 3.6rem; } .axis .dot.lane-1 { top: 1.8rem; } .axis .dot.lane-2 { top: 0; }
.axis .dot.month { border-radius: .3rem; }
.axis .pill { position: absolute; top: 3.6rem; height: 1.6rem; border-radius: .8rem; background: var(--soft);
              border: 2px solid var(--accent); color: var(--accent); font-size: .72rem; font-weight: 700;
              line-height: calc(1.6rem - 4px); text-align: center; text-decoration: none; white-space: nowrap;
              overflow: hidden; box-shadow: 0 0 0 2px var(--bg); z-index: 1; }
.axis .pill.outside { border-style: dashed; }
.axis .pill.estimated { border-color: var(--warn); color: var(--warn); }
.axis .pill .count { display: none; }
@media (max-width: 40rem) { .axis .pill .range { display: none; } .axis .pill .count { display: inline; } }
.axis .dot.estimated { background: var(--warn); }
.axis .stem { position: absolute; pointer-events: none; width: 1px; background: var(--line); top: 1.6rem; height: 2.8rem; }
.axis .pub { position: absolute; top: 5.05rem; width: 2px; height: .6rem; margin-left: -1px; background: var(--muted); opacity: .6; }
.axis .tick { position: absolute; top: 5.9rem; font-size: .75rem; color: var(--muted); white-space: nowrap; }
.axis .tick.start { left: 0; } .axis .tick.end { right: 0; }
.axis .tick.middle { transform: translateX(-50%); }
.legend { font-size: .8rem; color: var(--muted); margin: -.6rem 0 1rem; }
.legend i { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; vertical-align: -.1rem;
            background: var(--accent); margin: 0 .25rem 0 .8rem; }
.legend i.month { border-radius: .15rem; } .legend i.estimated { background: var(--warn); }
.legend i.pub { width: 2px; border-radius: 0; background: var(--muted); }
.legend i.pill { width: 1.4rem; border-radius: .4rem; background: var(--soft); border: 2px solid var(--accent); }
ol.entries { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
ol.entries > li { position: relative; padding: .2rem 0 .9rem 1.2rem; }
ol.entries > li:target { background: var(--accent-soft); }
ol.entries .when { font-weight: 700; }
ol.entries .num { display: inline-block; min-width: 1.4rem; height: 1.4rem; border-radius: 50%; background: var(--accent);
                  color: #fff; font-size: .75rem; text-align: center; line-height: 1.4rem; margin: 0 .5rem 0 -1.95rem; }
ol.entries .estimated .num { background: var(--warn); }
ol.entries .precision { font-weight: 400; color: var(--muted); font-size: .85rem; margin-left: .4rem; }
ol.entries p { margin: .2rem 0 0; }
ol.entries p.alt { margin: .1rem 0 0 1.2rem; font-size: .95rem; }
ol.entries p.alt .also { color: var(--muted); font-size: .85rem; }
.cite { color: var(--muted); font-size: .85rem; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
@media (max-width: 44rem) { .columns { grid-template-columns: 1fr; } .story-index li { grid-template-columns: 1fr; } }
ul.chips { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem; }
ul.chips li { background: var(--soft); border: 1px solid var(--line); border-radius: 1rem; padding: .1rem .6rem; font-size: .9rem; }
ul.chips .type { font-size: .7rem; color: var(--muted); margin-right: .3rem; }
ul.chips .count { font-size: .75rem; color: var(--muted); margin-left: .3rem; }
ul.plain { padding-left: 1.1rem; margin: 0; }
table.articles { width: 100%; border-collapse: collapse; font-size: .92rem; }
table.articles th { text-align: left; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); padding: .3rem .4rem; }
table.articles td { vertical-align: top; border-bottom: 1px solid var(--line); padding: .35rem .4rem; }
table.articles td.date { white-space: nowrap; }
table.articles .copy { color: var(--muted); font-size: .8rem; }
.empty { color: var(--muted); font-style: italic; }
/* phones: tables scroll in their own box, long names and links wrap, nothing widens the page */
main, .story-index, ol.entries, ul.chips li, .cite { overflow-wrap: break-word; }
.scroll { overflow-x: auto; max-width: 100%; }
table.articles td { overflow-wrap: anywhere; }
@media (max-width: 30rem) { main { padding: .6rem .8rem; } header.site, footer.site { padding: .5rem .8rem; }
  h1 { font-size: 1.45rem; } .axis { margin: .5rem .3rem 1.2rem; } }
@media print { .axis .dot { box-shadow: none; } section.story { break-before: page; } a { color: inherit; } }
"""
