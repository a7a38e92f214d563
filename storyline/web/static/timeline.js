/* storyline: the zoomable visual timeline of a story page.
 *
 * Progressive enhancement: the server renders the timeline as an ordered list (#tl-list, one
 * li.tl-entry per date with data-date, data-precision and data-estimated). This script reads that
 * list and draws it as a horizontal SVG timeline: zoom with the buttons, the mouse wheel or a pinch,
 * pan by dragging or scrolling, pick a date to read its sentences. Text is only ever inserted with
 * textContent (article text is untrusted); links are copied from the server's own /articles/ hrefs.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var MIN_ZOOM = 1, MAX_ZOOM = 256, STEP = 1.6;
  var HEIGHT = 190, AXIS_Y = 150, LANE_H = 30, LANES = 4;

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
      out.push({ li: li, index: i, date: li.getAttribute("data-date"), start: s[0], end: s[1], precision: s[2],
                 estimated: li.getAttribute("data-estimated") === "true" });
    });
    return out;
  }

  var UNITS = [
    { days: 1, kind: "day", n: 1 }, { days: 7, kind: "day", n: 7 }, { days: 30, kind: "month", n: 1 },
    { days: 91, kind: "month", n: 3 }, { days: 365, kind: "year", n: 1 }, { days: 1826, kind: "year", n: 5 },
    { days: 3652, kind: "year", n: 10 }
  ];

  function ticks(t0, t1, pxPerDay, lang) {
    var unit = UNITS[UNITS.length - 1];
    for (var i = 0; i < UNITS.length; i++) {
      if (UNITS[i].days * pxPerDay >= 64) { unit = UNITS[i]; break; }
    }
    var d = new Date(t0), out = [];
    var cur;
    if (unit.kind === "year") {
      cur = Date.UTC(d.getUTCFullYear() - (d.getUTCFullYear() % unit.n), 0, 1);
    } else if (unit.kind === "month") {
      cur = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % unit.n), 1);
    } else {
      cur = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    }
    var opts = unit.kind === "year" ? { year: "numeric", timeZone: "UTC" }
      : unit.kind === "month" ? { year: "numeric", month: "short", timeZone: "UTC" }
      : { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" };
    var fmt;
    try { fmt = new Intl.DateTimeFormat(lang, opts); } catch (e) { fmt = new Intl.DateTimeFormat("en", opts); }
    var guard = 0;
    while (cur <= t1 && guard++ < 2000) {
      if (cur >= t0) { out.push({ t: cur, label: fmt.format(new Date(cur)) }); }
      var c = new Date(cur);
      if (unit.kind === "year") { cur = Date.UTC(c.getUTCFullYear() + unit.n, 0, 1); }
      else if (unit.kind === "month") { cur = Date.UTC(c.getUTCFullYear(), c.getUTCMonth() + unit.n, 1); }
      else { cur += unit.n * DAY; }
    }
    return out;
  }

  function Timeline(root, list) {
    this.root = root;
    this.list = list;
    this.lang = root.getAttribute("data-lang") || document.documentElement.lang || "en";
    this.entries = readEntries(list);
    this.zoom = 1;
    this.selected = -1;
    var lo = Math.min.apply(null, this.entries.map(function (e) { return e.start; }));
    var hi = Math.max.apply(null, this.entries.map(function (e) { return e.end; }));
    var pad = Math.max((hi - lo) * 0.04, 2 * DAY);
    this.t0 = lo - pad;
    this.t1 = hi + pad;
    this.build();
  }

  Timeline.prototype.label = function (key) {
    return this.root.getAttribute("data-label-" + key) || key;
  };

  Timeline.prototype.build = function () {
    var self = this, root = this.root;
    var bar = html("div", "tlv-toolbar", null, root);
    bar.setAttribute("role", "toolbar");
    function button(cls, text, title, action) {
      var b = html("button", "tlv-btn " + cls, text, bar);
      b.type = "button";
      b.title = title;
      b.setAttribute("aria-label", title);
      b.addEventListener("click", action);
      return b;
    }
    button("tlv-zoom-in", "+", this.label("zoom-in"), function () { self.zoomBy(STEP); });
    button("tlv-zoom-out", "\u2212", this.label("zoom-out"), function () { self.zoomBy(1 / STEP); });
    button("tlv-fit", "\u2922", this.label("fit"), function () { self.setZoom(1, 0.5); });
    this.listButton = button("tlv-list", this.label("list"), this.label("list"), function () {
      self.list.hidden = !self.list.hidden;
      self.listButton.setAttribute("aria-pressed", String(!self.list.hidden));
    });
    this.listButton.setAttribute("aria-pressed", "false");
    html("span", "tlv-hint", this.label("hint"), bar);

    this.viewport = html("div", "tlv-viewport", null, root);
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute("aria-label", this.label("hint"));
    this.svg = svg("svg", { "class": "tlv-svg", height: HEIGHT, role: "group" }, this.viewport);
    this.detail = html("div", "tlv-detail", null, root);
    this.detail.setAttribute("aria-live", "polite");
    html("p", "muted", this.label("pick"), this.detail);

    this.viewport.addEventListener("wheel", function (ev) { self.onWheel(ev); }, { passive: false });
    this.viewport.addEventListener("keydown", function (ev) {
      if (ev.key === "+" || ev.key === "=") { self.zoomBy(STEP); ev.preventDefault(); }
      else if (ev.key === "-" || ev.key === "_") { self.zoomBy(1 / STEP); ev.preventDefault(); }
    });
    this.dragging();
    window.addEventListener("resize", function () { self.render(); });
    this.list.hidden = true;
    root.hidden = false;
    this.render();
    if (this.entries.length) { this.select(0, false); }
  };

  Timeline.prototype.width = function () {
    return Math.max(320, this.viewport.clientWidth || 800) * this.zoom;
  };

  Timeline.prototype.x = function (t, width) {
    return ((t - this.t0) / (this.t1 - this.t0)) * width;
  };

  Timeline.prototype.render = function () {
    var self = this, width = this.width(), g = this.svg;
    while (g.firstChild) { g.removeChild(g.firstChild); }
    g.setAttribute("width", width.toFixed(0));
    g.setAttribute("viewBox", "0 0 " + width.toFixed(0) + " " + HEIGHT);
    this.root.setAttribute("data-zoom", String(Math.round(this.zoom * 1000) / 1000));
    var pxPerDay = width / ((this.t1 - this.t0) / DAY);
    var axis = svg("g", { "class": "tlv-axis" }, g);
    svg("line", { x1: 0, x2: width, y1: AXIS_Y, y2: AXIS_Y, "class": "tlv-axis-line" }, axis);
    ticks(this.t0, this.t1, pxPerDay, this.lang).forEach(function (tick) {
      var x = self.x(tick.t, width);
      svg("line", { x1: x, x2: x, y1: AXIS_Y, y2: AXIS_Y + 6, "class": "tlv-tick" }, axis);
      svg("line", { x1: x, x2: x, y1: 8, y2: AXIS_Y, "class": "tlv-grid" }, axis);
      var text = svg("text", { x: x + 3, y: AXIS_Y + 22, "class": "tlv-tick-label" }, axis);
      text.textContent = tick.label;
    });
    var lanes = [];
    for (var i = 0; i < LANES; i++) { lanes.push(-Infinity); }
    this.entries.forEach(function (e) {
      var x0 = self.x(e.start, width), x1 = self.x(e.end, width);
      var ranged = e.precision !== "day" && x1 - x0 > 10;
      var cx = ranged ? x0 : (x0 + x1) / 2;
      var labelText = e.date + (e.estimated ? " \u2248" : "");
      var labelW = labelText.length * 7 + 16;
      var lane = 0;
      while (lane < LANES - 1 && lanes[lane] > cx - 6) { lane++; }
      lanes[lane] = cx + Math.max(labelW, ranged ? x1 - x0 : 0);
      var y = AXIS_Y - 22 - lane * LANE_H;
      var cls = "tlv-entry tlv-" + e.precision + (e.estimated ? " tlv-estimated" : "") +
        (e.index === self.selected ? " tlv-selected" : "");
      var node = svg("g", { "class": cls, tabindex: 0, role: "button", "data-index": e.index, "data-date": e.date }, g);
      var name = e.date + " (" + self.label(e.precision) + (e.estimated ? ", " + self.label("estimated") : "") + ")";
      node.setAttribute("aria-label", name);
      var tip = svg("title", {}, node);
      tip.textContent = name;
      svg("line", { x1: cx, x2: cx, y1: y + 6, y2: AXIS_Y, "class": "tlv-stem" }, node);
      if (ranged) {
        svg("rect", { x: x0, y: y - 5, width: Math.max(6, x1 - x0), height: 10, rx: 3, "class": "tlv-mark" }, node);
      } else {
        svg("circle", { cx: cx, cy: y, r: 6, "class": "tlv-mark" }, node);
      }
      var text = svg("text", { x: cx + 9, y: y - 8, "class": "tlv-label" }, node);
      text.textContent = labelText;
      node.addEventListener("click", function () {
        if (!self.justDragged) { self.select(e.index, true); }
      });
      node.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); self.select(e.index, true); }
      });
    });
  };

  Timeline.prototype.select = function (index, focusDetail) {
    var entry = null;
    this.entries.forEach(function (e) { if (e.index === index) { entry = e; } });
    if (!entry) { return; }
    this.selected = index;
    Array.prototype.forEach.call(this.svg.querySelectorAll(".tlv-entry"), function (n) {
      n.classList.toggle("tlv-selected", n.getAttribute("data-index") === String(index));
    });
    var box = this.detail;
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var head = html("h3", "tlv-detail-date", null, box);
    html("time", null, entry.date, head).setAttribute("datetime", entry.date);
    html("span", "tag", this.label(entry.precision), head);
    if (entry.estimated) { html("span", "tag est", "\u2248 " + this.label("estimated"), head); }
    var ul = html("ul", "tlv-sentences", null, box);
    Array.prototype.forEach.call(entry.li.querySelectorAll(".tl-sentences > li"), function (src) {
      var li = html("li", null, null, ul);
      var textNode = src.querySelector(".tl-text");
      var quote = html("span", "tl-text", textNode ? textNode.textContent : src.textContent, li);
      if (textNode && textNode.getAttribute("lang")) { quote.setAttribute("lang", textNode.getAttribute("lang")); }
      var refs = html("span", "tl-refs", null, li);
      Array.prototype.forEach.call(src.querySelectorAll(".tl-refs a"), function (a) {
        var href = a.getAttribute("href") || "";
        if (href.indexOf("/articles/") !== 0) { return; }  // only the server's own article links
        var link = html("a", null, a.textContent, refs);
        link.setAttribute("href", href);
        if (a.getAttribute("title")) { link.setAttribute("title", a.getAttribute("title")); }
      });
    });
    this.root.setAttribute("data-selected", String(index));
    if (focusDetail) { box.scrollIntoView({ block: "nearest" }); }
  };

  /* Zoom to `zoom`, keeping the point at `anchor` (0..1 of the visible width) where it is. */
  Timeline.prototype.setZoom = function (zoom, anchor) {
    zoom = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom));
    var vp = this.viewport, visible = vp.clientWidth || 800;
    var px = visible * (anchor === undefined ? 0.5 : anchor);
    var before = this.width(), at = (vp.scrollLeft + px) / before;
    this.zoom = zoom;
    this.render();
    vp.scrollLeft = Math.max(0, at * this.width() - px);
  };

  Timeline.prototype.zoomBy = function (factor, anchor) {
    this.setZoom(this.zoom * factor, anchor);
  };

  Timeline.prototype.onWheel = function (ev) {
    if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY) && !ev.ctrlKey) { return; }  // horizontal scroll pans
    if (ev.shiftKey) { return; }
    ev.preventDefault();
    var rect = this.viewport.getBoundingClientRect();
    var anchor = rect.width ? (ev.clientX - rect.left) / rect.width : 0.5;
    var delta = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
    this.zoomBy(Math.exp(-delta * (ev.ctrlKey ? 0.01 : 0.002)), anchor);
  };

  /* Drag to pan (mouse and pen); two fingers pinch to zoom. */
  Timeline.prototype.dragging = function () {
    var self = this, vp = this.viewport, pointers = {}, startX = 0, startScroll = 0, moved = 0, pinch = null;
    function distance() {
      var ids = Object.keys(pointers);
      if (ids.length < 2) { return 0; }
      return Math.abs(pointers[ids[0]].x - pointers[ids[1]].x) || 1;
    }
    vp.addEventListener("pointerdown", function (ev) {
      pointers[ev.pointerId] = { x: ev.clientX };
      if (Object.keys(pointers).length === 2) {
        var rect = vp.getBoundingClientRect(), ids = Object.keys(pointers);
        pinch = { d: distance(), zoom: self.zoom,
                  anchor: ((pointers[ids[0]].x + pointers[ids[1]].x) / 2 - rect.left) / (rect.width || 1) };
      } else {
        startX = ev.clientX;
        startScroll = vp.scrollLeft;
        moved = 0;
        self.justDragged = false;
      }
    });
    vp.addEventListener("pointermove", function (ev) {
      if (!pointers[ev.pointerId]) { return; }
      pointers[ev.pointerId].x = ev.clientX;
      if (pinch) {
        self.setZoom(pinch.zoom * distance() / pinch.d, pinch.anchor);
        return;
      }
      if (ev.pointerType === "touch") { return; }  // the browser scrolls for one finger
      moved = Math.max(moved, Math.abs(ev.clientX - startX));
      if (moved > 4) {
        vp.classList.add("tlv-grabbing");
        vp.scrollLeft = startScroll - (ev.clientX - startX);
      }
    });
    function end(ev) {
      delete pointers[ev.pointerId];
      if (Object.keys(pointers).length < 2) { pinch = null; }
      vp.classList.remove("tlv-grabbing");
      self.justDragged = moved > 4;
      moved = 0;
    }
    vp.addEventListener("pointerup", end);
    vp.addEventListener("pointercancel", end);
    vp.addEventListener("pointerleave", end);
  };

  function start() {
    var root = document.getElementById("tlv"), list = document.getElementById("tl-list");
    if (!root || !list || !window.SVGElement) { return; }
    var tl = new Timeline(root, list);
    root.storylineTimeline = tl;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
