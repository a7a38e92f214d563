/* storyline: the time scale of the visual timeline (timeline.js): dates as spans of time, the entries read
 * from the server's list, the densest span, and the calendar units of the axis. No drawing here.
 */
(function () {
  "use strict";

  var DAY = 86400000, DENSE_SHARE = 0.8;

  function clamp(v, lo, hi) { return Math.max(lo, Math.min(hi, v)); }

  /* [start, end) in ms (UTC) of a date given as YYYY, YYYY-MM or YYYY-MM-DD; null when unreadable. */
  function span(date, precision) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(date || "");
    if (!m) { return null; }
    var y = +m[1], mo = m[2] ? +m[2] - 1 : 0, d = m[3] ? +m[3] : 1;
    if (precision === "year" || !m[2]) { return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1), "year"]; }
    if (precision === "month" || !m[3]) { return [Date.UTC(y, mo, 1), Date.UTC(y, mo + 1, 1), "month"]; }
    var start = Date.UTC(y, mo, d);
    return [start, start + DAY, "day"];
  }

  function readEntries(list) {
    var out = [];
    Array.prototype.forEach.call(list.querySelectorAll(":scope > li.tl-entry"), function (li, i) {
      var s = span(li.getAttribute("data-date"), li.getAttribute("data-precision"));
      if (!s) { return; }
      out.push({ li: li, index: i, date: li.getAttribute("data-date"), start: s[0], end: s[1], t: (s[0] + s[1]) / 2,
                 precision: s[2], estimated: li.getAttribute("data-estimated") === "true",
                 planned: li.getAttribute("data-planned") === "true",
                 score: parseFloat(li.getAttribute("data-score")) || 0 });
    });
    out.sort(function (a, b) { return a.t - b.t || a.index - b.index; });
    out.forEach(function (e, i) { e.order = i; });
    return out;
  }

  function formatter(lang, opts) {
    opts.timeZone = "UTC";
    try { return new Intl.DateTimeFormat(lang, opts); } catch (e) { return new Intl.DateTimeFormat("en", opts); }
  }

  /* The densest span: the shortest [t0, t1] holding DENSE_SHARE of the entries (null for a few entries). */
  function densest(entries) {
    var n = entries.length;
    if (n < 8) { return null; }
    var k = Math.ceil(n * DENSE_SHARE), best = null;
    for (var i = 0; i + k - 1 < n; i++) {
      var d = entries[i + k - 1].t - entries[i].t;
      if (!best || d < best[1] - best[0]) { best = [entries[i].t, entries[i + k - 1].t]; }
    }
    return best;
  }

  var UNITS = [
    { days: 1, kind: "day", n: 1 }, { days: 2, kind: "day", n: 2 }, { days: 7, kind: "day", n: 7 },
    { days: 14, kind: "day", n: 14 }, { days: 30, kind: "month", n: 1 }, { days: 91, kind: "month", n: 3 },
    { days: 182, kind: "month", n: 6 }, { days: 365, kind: "year", n: 1 }, { days: 730, kind: "year", n: 2 },
    { days: 1826, kind: "year", n: 5 }, { days: 3652, kind: "year", n: 10 }, { days: 18262, kind: "year", n: 50 }
  ];

  /* [start, end) of the unit's period holding time t. Steps of n days restart at each month's first day
     (1, 8, 15, 22 for weeks); a month's short remainder joins its last step. */
  function bucket(t, unit) {
    var d = new Date(t), y = d.getUTCFullYear(), m = d.getUTCMonth(), n = unit.n;
    if (unit.kind === "year") { var y0 = y - (((y % n) + n) % n); return [Date.UTC(y0, 0, 1), Date.UTC(y0 + n, 0, 1)]; }
    if (unit.kind === "month") { var m0 = m - (m % n); return [Date.UTC(y, m0, 1), Date.UTC(y, m0 + n, 1)]; }
    var days = new Date(Date.UTC(y, m + 1, 0)).getUTCDate(), last = days - (n - 1) / 2;
    var s = 1 + Math.floor((d.getUTCDate() - 1) / n) * n;
    if (s > last) { s -= n; }
    var next = s + n;
    return [Date.UTC(y, m, s), next > last ? Date.UTC(y, m + 1, 1) : Date.UTC(y, m, next)];
  }

  window.storylineScale = { DAY: DAY, DENSE_SHARE: DENSE_SHARE, UNITS: UNITS, clamp: clamp, span: span,
                            readEntries: readEntries, formatter: formatter, densest: densest, bucket: bucket };
})();
