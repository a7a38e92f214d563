/* storyline: the zoomable visual timeline of a story page.
 *
 * Progressive enhancement: the server renders the timeline as an ordered list (#tl-list, one
 * li.tl-entry per date with data-date, data-precision, data-estimated and data-score). This script
 * reads that list and draws it as a horizontal SVG timeline that always fits the width of its box
 * (nothing scrolls sideways, nothing is clipped): the shown time window is what zooming and panning
 * change. Design (docs/web.md, "The visual timeline"):
 *  - an overview strip shows every entry over the whole period, with the shown window marked;
 *  - on load the window is the densest span (the shortest one holding 80% of the entries), so one
 *    entry years away does not squash the rest; "Show all" shows the whole period;
 *  - the latest entry is selected on load; "+" and "-" zoom around the selected entry;
 *  - entries closer than a mark's width merge into a counted cluster; date labels are placed in up
 *    to LANES rows, most important first (selected, latest, first, largest clusters, best scored),
 *    and a label that fits in no row is left out (its mark stays): labels never overlap;
 *  - keyboard: arrows pick the previous/next date, Home/End the first/last, + and - zoom, 0 shows all.
 * The time scale (dates, densest span, calendar units) is in timeline-scale.js, the keys, wheel, dragging and
 * overview strip in timeline-input.js; both load before this file.
 * Text is only ever inserted with textContent (article text is untrusted); links are copied from the
 * server's own /articles/ hrefs.
 */
(function () {
  "use strict";

  var S = window.storylineScale;
  if (!S || !window.storylineTimelineInput) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = S.DAY, UNITS = S.UNITS, clamp = S.clamp, readEntries = S.readEntries, formatter = S.formatter;
  var densest = S.densest, bucket = S.bucket;
  var STEP = 1.6, MIN_SPAN = 2 * DAY;
  var LANES = 4, LANE_H = 22, TOP = 8, AXIS_GAP = 20, TICK_H = 26;
  var AXIS_Y = TOP + LANES * LANE_H + AXIS_GAP, HEIGHT = AXIS_Y + TICK_H;
  var PAD_X = 14;          // px kept free at each end of the axis, so a mark at the edge is whole
  var MARK_R = 6, MIN_SEP = 2 * MARK_R + 3, PILL_INSET = MARK_R + 1, PILL_MIN = 36, LABEL_GAP = 10, EDGE = 2;
  var OVERVIEW_H = 30;

  function svg(name, attrs, parent) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function html(name, className, text, parent) {
    var el = document.createElement(name);
    if (className) { el.className = className; }
    if (text !== undefined && text !== null) { el.textContent = text; }
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function Timeline(root, list) {
    this.root = root;
    this.list = list;
    this.lang = root.getAttribute("data-lang") || document.documentElement.lang || "en";
    this.entries = readEntries(list);
    this.byIndex = {};
    var self = this;
    this.entries.forEach(function (e) { self.byIndex[e.index] = e; });
    this.selected = null;
    this.widths = {};
    var lo = this.entries[0].start, hi = this.entries[this.entries.length - 1].end;
    this.entries.forEach(function (e) { lo = Math.min(lo, e.start); hi = Math.max(hi, e.end); });
    var pad = Math.max((hi - lo) * 0.02, DAY);
    this.full = [lo - pad, hi + pad];
    this.fmt = {
      day: formatter(this.lang, { year: "numeric", month: "short", day: "numeric" }),
      dayShort: formatter(this.lang, { month: "short", day: "numeric" }),
      month: formatter(this.lang, { year: "numeric", month: "short" }),
      year: formatter(this.lang, { year: "numeric" }),
      long: formatter(this.lang, { year: "numeric", month: "long", day: "numeric" }),
      longMonth: formatter(this.lang, { year: "numeric", month: "long" })
    };
    this.build();
  }

  Timeline.prototype.label = function (key, n) {
    var text = this.root.getAttribute("data-label-" + key) || key;
    return n === undefined ? text : text.replace("{n}", String(n));
  };

  Timeline.prototype.build = function () {
    var self = this, root = this.root;
    var bar = html("div", "tlv-toolbar", null, root);
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", this.label("toolbar"));
    function button(cls, text, title, action) {
      var b = html("button", "tlv-btn " + cls, text, bar);
      b.type = "button";
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", action);
      return b;
    }
    button("tlv-prev", "\u2039", this.label("earlier"), function () { self.step(-1); });
    button("tlv-next", "\u203a", this.label("later"), function () { self.step(1); });
    button("tlv-zoom-in", "+", this.label("zoom-in"), function () { self.zoomSelected(STEP); });
    button("tlv-zoom-out", "\u2212", this.label("zoom-out"), function () { self.zoomSelected(1 / STEP); });
    this.allButton = button("tlv-fit", this.label("fit"), this.label("fit"), function () { self.showAll(); });
    this.listButton = button("tlv-list", this.label("list"), this.label("list"), function () {
      self.list.hidden = !self.list.hidden;
      self.listButton.setAttribute("aria-pressed", String(!self.list.hidden));
    });
    this.listButton.setAttribute("aria-pressed", "false");
    html("span", "tlv-hint", this.label("hint"), bar);

    this.overview = svg("svg", { "class": "tlv-overview", height: OVERVIEW_H, role: "img" }, null);
    root.appendChild(this.overview);
    this.viewport = html("div", "tlv-viewport", null, root);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute("role", "group");
    this.viewport.setAttribute("aria-roledescription", this.label("timeline"));
    this.viewport.setAttribute("aria-label", this.label("keys"));
    this.svg = svg("svg", { "class": "tlv-svg", height: HEIGHT }, this.viewport);
    this.measure = svg("g", { "class": "tlv-measure" }, this.svg);
    this.measureText = svg("text", { "class": "tlv-label", x: -1000, y: -1000 }, this.measure);
    this.measureBold = svg("text", { "class": "tlv-label tlv-selected-label", x: -1000, y: -1000 }, this.measure);
    this.detail = html("div", "tlv-detail", null, root);
    this.detail.setAttribute("aria-live", "polite");

    this.viewport.addEventListener("wheel", function (ev) { self.onWheel(ev); }, { passive: false });
    this.viewport.addEventListener("keydown", function (ev) { self.onKey(ev); });
    this.dragging();
    this.overviewDragging();
    window.addEventListener("resize", function () { self.render(); });
    if (window.ResizeObserver) {  // the box can change width without the window doing so (a scroll bar, a font)
      var seen = 0;
      new ResizeObserver(function () {
        var w = self.viewport.clientWidth;
        if (w && w !== seen && self.v1) { seen = w; self.render(); }
      }).observe(this.viewport);
    }
    this.list.hidden = true;
    root.hidden = false;
    // The latest development: the entry with the latest start ("2018-06-12" after "2018-06"), stated before estimated;
    // a plan (an entry announced before its date) is no development.
    var developments = this.entries.filter(function (e) { return !e.planned; });
    if (!developments.length) { developments = this.entries; }
    var latest = developments[0];
    developments.forEach(function (e) {
      if (e.start > latest.start || (e.start === latest.start && (latest.estimated || !e.estimated))) { latest = e; }
    });
    this.latest = latest;
    this.initialView(latest);
    this.select(latest.index, false, true);
  };

  /* The window shown on load: the densest span, widened to hold the latest entry when that costs little. */
  Timeline.prototype.initialView = function (latest) {
    var full = this.full, whole = full[1] - full[0], dense = densest(this.entries);
    if (!dense) { return this.setView(full[0], full[1]); }
    var len = Math.max(dense[1] - dense[0], MIN_SPAN), pad = Math.max(len * 0.06, DAY / 2);
    var t0 = dense[0] - pad, t1 = dense[1] + pad;
    if (t1 - t0 >= whole * 0.6) { return this.setView(full[0], full[1]); }
    if (latest.t > t1 || latest.t < t0) {
      // widened to hold the latest entry while the dense span keeps at least a quarter of the axis;
      // further away, the latest entry is named by a pointer at the edge (see render)
      var w0 = Math.min(t0, latest.t - pad), w1 = Math.max(t1, latest.t + pad);
      if (w1 - w0 <= (t1 - t0) * 4) { t0 = w0; t1 = w1; }
    }
    this.setView(t0, t1);
  };

  Timeline.prototype.width = function () {
    return Math.max(200, this.viewport.clientWidth || 800);
  };

  Timeline.prototype.x = function (t, width) {
    return PAD_X + ((t - this.v0) / (this.v1 - this.v0)) * (width - 2 * PAD_X);
  };

  Timeline.prototype.timeAt = function (x, width) {
    return this.v0 + ((x - PAD_X) / (width - 2 * PAD_X)) * (this.v1 - this.v0);
  };

  /* Show [t0, t1], kept within the whole period and no shorter than MIN_SPAN. */
  Timeline.prototype.setView = function (t0, t1) {
    var full = this.full, whole = full[1] - full[0];
    var len = clamp(t1 - t0, Math.min(MIN_SPAN, whole), whole);
    var mid = (t0 + t1) / 2;
    t0 = clamp(mid - len / 2, full[0], full[1] - len);
    this.v0 = t0;
    this.v1 = t0 + len;
    this.render();
  };

  /* Zoom by `factor` keeping time `t` at the fraction `frac` of the width. */
  Timeline.prototype.zoomAt = function (factor, t, frac) {
    var len = (this.v1 - this.v0) / factor;
    this.setView(t - frac * len, t - frac * len + len);
  };

  /* "+" and "-": zoom around the selected entry (it stays where it is, or comes to the middle when out of view). */
  Timeline.prototype.zoomSelected = function (factor) {
    var e = this.byIndex[this.selected];
    var t = e ? e.t : (this.v0 + this.v1) / 2;
    var frac = (t - this.v0) / (this.v1 - this.v0);
    frac = frac >= 0 && frac <= 1 ? clamp(frac, 0.15, 0.85) : 0.5;
    this.zoomAt(factor, t, frac);
  };

  Timeline.prototype.showAll = function () { this.setView(this.full[0], this.full[1]); };

  /* Bring time t into view (panning only), with a margin. */
  Timeline.prototype.reveal = function (t) {
    var len = this.v1 - this.v0, margin = len * 0.1;
    if (t < this.v0 + margin) { this.setView(t - margin, t - margin + len); }
    else if (t > this.v1 - margin) { this.setView(t + margin - len, t + margin); }
  };

  /* The drawn width of a label (bold: as the selected entry's label), measured once per text. */
  Timeline.prototype.textWidth = function (text, bold) {
    var key = (bold ? "b:" : "n:") + text;
    if (!(key in this.widths)) {
      var el = bold ? this.measureBold : this.measureText, w = 0;
      el.textContent = text;
      try { w = el.getComputedTextLength(); } catch (e) { w = 0; }
      this.widths[key] = w > 0 ? Math.ceil(w) + 1 : text.length * 7.5;
    }
    return this.widths[key];
  };

  Timeline.prototype.entryLabel = function (e, sameYear) {
    var d = new Date(e.start), text;
    if (e.precision === "year") { text = this.fmt.year.format(d); }
    else if (e.precision === "month") { text = this.fmt.month.format(d); }
    else { text = (sameYear ? this.fmt.dayShort : this.fmt.day).format(d); }
    return text + (e.estimated ? " \u2248" : "");
  };

  Timeline.prototype.rangeLabel = function (a, b, sameYear) {
    var f = (a.precision === "day" && b.precision === "day") ? (sameYear ? this.fmt.dayShort : this.fmt.day) : this.fmt.month;
    var da = new Date(a.start), db = new Date(b.start);
    if (f.formatRange) {
      try { return f.formatRange(da, db); } catch (e) { /* fall through */ }
    }
    return f.format(da) + " \u2013 " + f.format(db);
  };

  Timeline.prototype.longDate = function (e) {
    var d = new Date(e.start);
    if (e.precision === "year") { return this.fmt.year.format(d); }
    if (e.precision === "month") { return this.fmt.longMonth.format(d); }
    return this.fmt.long.format(d);
  };

  /* The calendar unit of the axis at this zoom: the finest whose tick labels do not touch each other. */
  Timeline.prototype.unitFor = function (width) {
    var pxPerDay = (width - 2 * PAD_X) / ((this.v1 - this.v0) / DAY);
    var sample = { day: this.fmt.dayShort.format(new Date(Date.UTC(2000, 8, 28))),
                   month: this.fmt.month.format(new Date(Date.UTC(2000, 8, 1))), year: "2000" };
    for (var i = 0; i < UNITS.length; i++) {
      if (UNITS[i].days * pxPerDay >= this.textWidth(sample[UNITS[i].kind]) + 16) { return UNITS[i]; }
    }
    return UNITS[UNITS.length - 1];
  };

  /* The unit by which crowded entries are counted: the finest period at least PILL_MIN px wide. */
  Timeline.prototype.countUnitFor = function (width) {
    var pxPerDay = (width - 2 * PAD_X) / ((this.v1 - this.v0) / DAY);
    for (var i = 0; i < UNITS.length; i++) {
      if (UNITS[i].days * pxPerDay >= PILL_MIN) { return UNITS[i]; }
    }
    return UNITS[UNITS.length - 1];
  };

  /* Axis ticks: the starts of the unit's periods in view. */
  Timeline.prototype.ticks = function (width, unit) {
    var fmt = unit.kind === "year" ? this.fmt.year : unit.kind === "month" ? this.fmt.month : this.fmt.dayShort;
    var out = [], cur = bucket(this.v0, unit)[0], guard = 0;
    while (cur <= this.v1 && guard++ < 1000) {
      if (cur >= this.v0) { out.push({ t: cur, label: fmt.format(new Date(cur)), x: this.x(cur, width) }); }
      cur = bucket(cur, unit)[1];
    }
    return out;
  };

  /* The visible entries as groups: each entry its own mark, except in a period of the count unit where marks
     would touch (closer than MIN_SEP px, also across a period's border): that period becomes one counted pill. */
  Timeline.prototype.groups = function (width, unit) {
    var self = this, buckets = [], cur = null;
    this.entries.forEach(function (e) {
      if (e.t < self.v0 || e.t > self.v1) { return; }
      var b = bucket(e.t, unit), x = self.x(e.t, width);
      if (!cur || cur.start !== b[0]) {
        cur = { start: b[0], end: b[1], items: [], xs: [], crowded: false };
        buckets.push(cur);
      }
      if (cur.xs.length && x - cur.xs[cur.xs.length - 1] < MIN_SEP) { cur.crowded = true; }
      cur.items.push(e);
      cur.xs.push(x);
    });
    for (var i = 1; i < buckets.length; i++) {
      var a = buckets[i - 1], b2 = buckets[i];
      if (a.crowded || b2.crowded) { continue; }
      if (b2.xs[0] - a.xs[a.xs.length - 1] < MIN_SEP) {
        if (b2.items.length > a.items.length) { b2.crowded = true; } else { a.crowded = true; }
      }
    }
    var groups = [];
    buckets.forEach(function (b) {
      if (b.crowded) {
        var x0 = Math.max(self.x(b.start, width) + PILL_INSET, EDGE), x1 = Math.min(self.x(b.end, width) - PILL_INSET, width - EDGE);
        groups.push({ items: b.items, pill: true, x0: x0, x1: Math.max(x1, x0 + 2), cx: (x0 + x1) / 2, start: b.start, end: b.end });
      } else {
        b.items.forEach(function (e, j) { groups.push({ items: [e], pill: false, cx: b.xs[j] }); });
      }
    });
    return groups;
  };

  Timeline.prototype.render = function () {
    var self = this, width = this.width(), g = this.svg;
    Array.prototype.slice.call(g.childNodes).forEach(function (n) { if (n !== self.measure) { g.removeChild(n); } });
    g.setAttribute("width", String(width));
    g.setAttribute("viewBox", "0 0 " + width + " " + HEIGHT);
    var zoom = (this.full[1] - this.full[0]) / (this.v1 - this.v0);
    this.root.setAttribute("data-zoom", String(Math.round(zoom * 1000) / 1000));
    this.root.setAttribute("data-view", new Date(this.v0).toISOString().slice(0, 10) + "/" +
                           new Date(this.v1).toISOString().slice(0, 10));
    this.allButton.disabled = zoom <= 1.0001;
    var sameYear = new Date(this.v0).getUTCFullYear() === new Date(this.v1).getUTCFullYear();
    var unit = this.unitFor(width);

    var axis = svg("g", { "class": "tlv-axis" }, g);
    svg("line", { x1: 0, x2: width, y1: AXIS_Y, y2: AXIS_Y, "class": "tlv-axis-line" }, axis);
    var tickEnd = -Infinity;
    this.ticks(width, unit).forEach(function (tick) {
      svg("line", { x1: tick.x, x2: tick.x, y1: AXIS_Y, y2: AXIS_Y + 5, "class": "tlv-tick" }, axis);
      svg("line", { x1: tick.x, x2: tick.x, y1: TOP, y2: AXIS_Y, "class": "tlv-grid" }, axis);
      var w = self.textWidth(tick.label), lx = clamp(tick.x - w / 2, EDGE, width - EDGE - w);
      if (lx < tickEnd + 8) { return; }  // never two tick labels on top of each other
      tickEnd = lx + w;
      var text = svg("text", { x: lx.toFixed(1), y: AXIS_Y + 19, "class": "tlv-tick-label" }, axis);
      text.textContent = tick.label;
    });

    var groups = this.groups(width, this.countUnitFor(width)), selected = this.byIndex[this.selected];
    var first = this.entries[0], latest = this.latest;
    groups.forEach(function (grp) {
      grp.selected = !!selected && grp.items.indexOf(selected) >= 0;
      var e = grp.items[0];
      if (grp.pill) {  // a pill is named by its first and last dates, after the entries named alone
        grp.text = self.rangeLabel(e, grp.items[grp.items.length - 1], sameYear);
        grp.priority = 0.5 + Math.min(grp.items.length, 40) / 100;
        grp.w = self.textWidth(grp.text);
        return;
      }
      grp.text = self.entryLabel(e, sameYear);
      grp.priority = e.score + (e === latest || e === first ? 1000 : 0) + (grp.selected ? 100000 : 0);
      grp.w = self.textWidth(grp.text, grp.selected);
    });
    // The picked entry is always named: inside a pill, a pin at its own place on the pill carries its label;
    // outside the window, a pointer at that edge ("‹ Jun 12, 2018" or "Jun 12, 2018 ›"), which brings it into view.
    var pin = null;
    if (selected && (selected.t < this.v0 || selected.t > this.v1)) {
      var left = selected.t < this.v0, name = this.entryLabel(selected, false);
      pin = { items: [selected], pill: false, pin: true, offscreen: true, selected: true, cx: left ? EDGE : width - EDGE,
              text: left ? "\u2039 " + name : name + " \u203a", priority: 1e9 };
      pin.w = self.textWidth(pin.text, true);
    }
    groups.forEach(function (grp) {
      if (grp.pill && grp.selected) {
        pin = { items: [selected], pill: false, pin: true, selected: true, cx: self.x(selected.t, width),
                text: self.entryLabel(selected, sameYear), priority: 1e9 };
        pin.w = self.textWidth(pin.text, true);
      }
    });
    this.placeLabels(groups.concat(pin ? [pin] : []), width);

    var marks = svg("g", { "class": "tlv-marks" }, g);
    var labels = svg("g", { "class": "tlv-labels" }, g);
    groups.forEach(function (grp) { self.drawGroup(grp, marks, labels, width, sameYear); });
    if (pin && pin.lane >= 0 && pin.offscreen) {
      var og = svg("g", { role: "button", "class": "tlv-offscreen-pointer" }, labels);
      svg("title", {}, og).textContent = this.longDate(selected);
      var ot = svg("text", { x: pin.lx.toFixed(1), y: AXIS_Y - AXIS_GAP - pin.lane * LANE_H,
                             "class": "tlv-label tlv-selected-label tlv-offscreen", "data-index": selected.index }, og);
      ot.textContent = pin.text;
      og.addEventListener("click", function () { if (!self.justDragged) { self.reveal(selected.t); } });
    } else if (pin && pin.lane >= 0) {
      var py = AXIS_Y - AXIS_GAP - pin.lane * LANE_H, pins = svg("g", { "class": "tlv-pin" }, g);
      svg("line", { x1: pin.cx, x2: pin.cx, y1: py + 3, y2: AXIS_Y - 9, "class": "tlv-stem" }, pins);
      svg("path", { d: "M" + (pin.cx - 4) + " " + (AXIS_Y - 15) + "h8l-4 6z", "class": "tlv-pin-mark" }, pins);
      var pt = svg("text", { x: pin.lx.toFixed(1), y: py, "class": "tlv-label tlv-selected-label",
                             "data-index": selected.index }, labels);
      pt.textContent = pin.text;
    }
    this.drawOverview();
  };

  /* Give each entry a label row (0 = nearest the axis) or none, most important first (the selected entry,
     the first and the latest, then by score): a label must not touch another label of its row, nor the stem
     of a label above it; a stem must not cross a label below. A label that fits nowhere is left out. */
  Timeline.prototype.placeLabels = function (groups, width) {
    var rows = [];
    for (var i = 0; i < LANES; i++) { rows.push([]); }
    function free(row, a, b) {
      for (var j = 0; j < row.length; j++) { if (a < row[j][1] && row[j][0] < b) { return false; } }
      return true;
    }
    groups.slice().sort(function (a, b) { return b.priority - a.priority || a.cx - b.cx; }).forEach(function (grp) {
      grp.lane = -1;
      if (grp.w > width - 2 * EDGE) { return; }
      var lx = clamp(grp.cx - 4, EDGE, width - EDGE - grp.w);
      for (var lane = 0; lane < LANES; lane++) {
        if (!free(rows[lane], lx - LABEL_GAP / 2, lx + grp.w + LABEL_GAP / 2)) { continue; }
        var stemOk = true;
        for (var below = 0; below < lane; below++) {
          if (!free(rows[below], grp.cx - 2, grp.cx + 2)) { stemOk = false; break; }
        }
        if (!stemOk) { continue; }
        grp.lane = lane;
        grp.lx = lx;
        rows[lane].push([lx - LABEL_GAP / 2, lx + grp.w + LABEL_GAP / 2]);
        for (var b2 = 0; b2 < lane; b2++) { rows[b2].push([grp.cx - 2, grp.cx + 2]); }
        return;
      }
    });
  };

  Timeline.prototype.drawGroup = function (grp, marks, labels, width, sameYear) {
    var self = this, e = grp.items[0], last = grp.items[grp.items.length - 1];
    var cls = (grp.pill ? "tlv-cluster" : "tlv-entry tlv-" + e.precision + (e.estimated ? " tlv-estimated" : "")) +
      (grp.selected ? " tlv-selected" : "");
    var node = svg("g", { "class": cls, role: "button", "data-index": e.index, "data-date": e.date }, marks);
    var name;
    if (grp.pill) {
      node.setAttribute("data-count", String(grp.items.length));
      node.setAttribute("data-last", String(last.index));
      name = this.label("n-dates", grp.items.length) + ": " +
        (grp.items.length > 1 ? this.rangeLabel(e, last, sameYear) : this.entryLabel(e, sameYear));
    } else {
      name = this.longDate(e) + " (" + this.label(e.precision) + (e.estimated ? ", " + this.label("estimated") : "") + ")";
    }
    node.setAttribute("aria-label", name);
    svg("title", {}, node).textContent = name;
    if (grp.pill) {
      if (grp.lane >= 0) {
        var ry = AXIS_Y - AXIS_GAP - grp.lane * LANE_H;
        svg("line", { x1: grp.cx, x2: grp.cx, y1: ry + 3, y2: AXIS_Y - 9, "class": "tlv-stem" }, node);
        svg("text", { x: grp.lx.toFixed(1), y: ry, "class": "tlv-label tlv-range-label", "data-index": e.index }, labels)
          .textContent = grp.text;
      }
      var pw = grp.x1 - grp.x0;
      svg("rect", { x: grp.x0, y: AXIS_Y - 9, width: pw, height: 18, rx: 9, "class": "tlv-mark tlv-pill" }, node);
      var words = this.label("n-dates", grp.items.length), count = String(grp.items.length);
      var shown = this.textWidth(words) + 12 <= pw ? words : this.textWidth(count) + 8 <= pw ? count : "";
      if (shown) {
        var c = svg("text", { x: grp.cx, y: AXIS_Y + 4, "text-anchor": "middle", "class": "tlv-count" }, node);
        c.textContent = shown;
      }
    } else {
      if (grp.lane >= 0) {
        var y = AXIS_Y - AXIS_GAP - grp.lane * LANE_H;
        svg("line", { x1: grp.cx, x2: grp.cx, y1: y + 3, y2: AXIS_Y - MARK_R, "class": "tlv-stem" }, node);
        var text = svg("text", { x: grp.lx.toFixed(1), y: y, "class": "tlv-label", "data-index": e.index }, labels);
        text.textContent = grp.text;
        if (grp.selected) { text.classList.add("tlv-selected-label"); }
      }
      if (e.precision !== "day") {
        var x0 = Math.max(0, this.x(e.start, width)), x1 = Math.min(width, this.x(e.end, width));
        if (x1 - x0 > 2 * MARK_R) {
          svg("rect", { x: x0, y: AXIS_Y - 3, width: x1 - x0, height: 6, rx: 3, "class": "tlv-band" }, node);
        }
      }
      svg("circle", { cx: grp.cx, cy: AXIS_Y, r: MARK_R, "class": "tlv-mark" }, node);
    }
    node.addEventListener("click", function () {
      if (self.justDragged) { return; }
      if (!grp.pill) { self.select(e.index, true); return; }
      var pick = grp.selected ? self.byIndex[self.selected] : last;
      self.selected = pick.index;
      self.setView(grp.start, grp.end);
      self.select(pick.index, true);
    });
  };

  Timeline.prototype.drawOverview = function () {
    var self = this, ov = this.overview, width = this.width();
    while (ov.firstChild) { ov.removeChild(ov.firstChild); }
    ov.setAttribute("width", String(width));
    ov.setAttribute("viewBox", "0 0 " + width + " " + OVERVIEW_H);
    var full = this.full;
    function x(t) { return PAD_X + (t - full[0]) / (full[1] - full[0]) * (width - 2 * PAD_X); }
    var first = this.entries[0], last = this.entries[this.entries.length - 1];
    ov.setAttribute("aria-label", this.label("overview").replace("{n}", String(this.entries.length))
                    .replace("{first}", this.longDate(first)).replace("{last}", this.longDate(last)));
    svg("line", { x1: PAD_X, x2: width - PAD_X, y1: 21, y2: 21, "class": "tlv-ov-line" }, ov);
    this.entries.forEach(function (e) {
      svg("line", { x1: x(e.t), x2: x(e.t), y1: 15, y2: 27,
                    "class": "tlv-ov-entry" + (e.index === self.selected ? " tlv-ov-selected" : "") }, ov);
    });
    var w0 = x(this.v0), w1 = x(this.v1);
    svg("rect", { x: w0, y: 12, width: Math.max(4, w1 - w0), height: OVERVIEW_H - 14, rx: 3, "class": "tlv-ov-window" }, ov);
    var a = this.fmt.year.format(new Date(first.start)), b = this.fmt.year.format(new Date(last.start));
    svg("text", { x: EDGE, y: 10, "class": "tlv-ov-label" }, ov).textContent = a;
    if (b !== a) { svg("text", { x: width - EDGE, y: 10, "text-anchor": "end", "class": "tlv-ov-label" }, ov).textContent = b; }
    this.ovX = x;
  };

  /* The article links of a server-rendered `.tl-refs` (only the server's own /articles/ links), into `parent`. */
  function copyRefs(from, parent) {
    var refs = html("span", "tl-refs", null, parent);
    if (!from) { return; }
    Array.prototype.forEach.call(from.querySelectorAll("a"), function (a) {
      var href = a.getAttribute("href") || "";
      if (href.indexOf("/articles/") !== 0) { return; }  // only the server's own article links
      var link = html("a", null, a.textContent, refs);
      link.setAttribute("href", href);
      if (a.getAttribute("title")) { link.setAttribute("title", a.getAttribute("title")); }
    });
  }

  /* A sentence's "also reported in EN" disclosure (the same event as another language told it), as text. */
  function copyAlternatives(from, parent) {
    var box = html("details", "tl-alts", null, parent);
    var said = from.querySelector(":scope > summary");
    var summary = html("summary", null, said ? said.textContent : "", box);
    if (said && said.getAttribute("title")) { summary.setAttribute("title", said.getAttribute("title")); }
    var ul = html("ul", null, null, box);
    Array.prototype.forEach.call(from.querySelectorAll(":scope > ul > li"), function (src) {
      var li = html("li", null, null, ul);
      var text = src.querySelector(".tl-alt-text"), when = src.querySelector(".tl-alt-date");
      var quote = html("q", "tl-alt-text", text ? text.textContent : "", li);
      if (text && text.getAttribute("lang")) { quote.setAttribute("lang", text.getAttribute("lang")); }
      li.appendChild(document.createTextNode(" "));
      html("span", "tl-alt-date", when ? when.textContent : "", li);
      copyRefs(src.querySelector(":scope > .tl-refs"), li);
    });
  }

  /* Pick an entry: show its sentences, and pan to it unless `stay` (on load, the pointer at the edge names it). */
  Timeline.prototype.select = function (index, focusDetail, stay) {
    var entry = this.byIndex[index];
    if (!entry) { return; }
    this.selected = index;
    if (!stay && (entry.t < this.v0 || entry.t > this.v1)) { this.reveal(entry.t); } else { this.render(); }
    var box = this.detail;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var head = html("h3", "tlv-detail-date", null, box);
    html("time", null, this.longDate(entry), head).setAttribute("datetime", entry.date);
    html("span", "tag", this.label(entry.precision), head);
    if (entry.estimated) { html("span", "tag est", "\u2248 " + this.label("estimated"), head); }
    html("span", "tlv-position muted", this.label("position").replace("{i}", String(entry.order + 1))
      .replace("{n}", String(this.entries.length)), head);
    var ul = html("ul", "tlv-sentences", null, box);
    Array.prototype.forEach.call(entry.li.querySelectorAll(".tl-sentences > li"), function (src) {
      var li = html("li", null, null, ul);
      var textNode = src.querySelector(".tl-text");
      var quote = html("span", "tl-text", textNode ? textNode.textContent : src.textContent, li);
      if (textNode && textNode.getAttribute("lang")) { quote.setAttribute("lang", textNode.getAttribute("lang")); }
      if (textNode && textNode.getAttribute("title")) { quote.setAttribute("title", textNode.getAttribute("title")); }
      copyRefs(src.querySelector(":scope > .tl-refs"), li);
      var alts = src.querySelector(":scope > .tl-alts");
      if (alts) { copyAlternatives(alts, li); }
    });
    this.root.setAttribute("data-selected", String(index));
    if (focusDetail) { box.scrollIntoView({ block: "nearest" }); }
  };

  /* The previous (-1) or next (+1) entry in time. */
  Timeline.prototype.step = function (delta) {
    var e = this.byIndex[this.selected];
    var next = this.entries[clamp((e ? e.order : 0) + delta, 0, this.entries.length - 1)];
    this.select(next.index, false);
  };

  S.STEP = STEP;
  S.PAD_X = PAD_X;
  window.storylineTimelineInput(Timeline, S);

  function start() {
    var root = document.getElementById("tlv"), list = document.getElementById("tl-list");
    if (!root || !list || !window.SVGElement) { return; }
    if (!list.querySelector(":scope > li.tl-entry")) { return; }
    var entries = readEntries(list);
    if (!entries.length) { return; }
    root.storylineTimeline = new Timeline(root, list);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
