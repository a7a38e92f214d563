/* storyline: how the visual timeline (timeline.js) answers keys, the wheel, dragging, pinching and the
 * overview strip. Adds these methods to the Timeline of timeline.js (which calls storylineTimelineInput).
 */
(function () {
  "use strict";

  window.storylineTimelineInput = function (Timeline, S) {
    var STEP = S.STEP, PAD_X = S.PAD_X, clamp = S.clamp;

    Timeline.prototype.onKey = function (ev) {
      var k = ev.key, done = true, len = this.v1 - this.v0;
      if (k === "+" || k === "=") { this.zoomSelected(STEP); }
      else if (k === "-" || k === "_" || k === "\u2212") { this.zoomSelected(1 / STEP); }
      else if (k === "0") { this.showAll(); }
      else if (k === "ArrowLeft") { this.step(-1); }
      else if (k === "ArrowRight") { this.step(1); }
      else if (k === "Home") { this.select(this.entries[0].index, false); }
      else if (k === "End") { this.select(this.entries[this.entries.length - 1].index, false); }
      else if (k === "PageUp") { this.setView(this.v0 - len * 0.8, this.v1 - len * 0.8); }
      else if (k === "PageDown") { this.setView(this.v0 + len * 0.8, this.v1 + len * 0.8); }
      else { done = false; }
      if (done) { ev.preventDefault(); }
    };

    Timeline.prototype.onWheel = function (ev) {
      var len = this.v1 - this.v0, width = this.width();
      if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY) && !ev.ctrlKey) {  // horizontal scroll pans
        ev.preventDefault();
        var dt = ev.deltaX / (width - 2 * PAD_X) * len;
        this.setView(this.v0 + dt, this.v1 + dt);
        return;
      }
      if (ev.shiftKey) { return; }
      ev.preventDefault();
      var rect = this.viewport.getBoundingClientRect(), px = ev.clientX - rect.left;
      var t = this.timeAt(px, width), frac = clamp((px - PAD_X) / (width - 2 * PAD_X), 0, 1);
      var delta = ev.deltaMode === 1 ? ev.deltaY * 16 : ev.deltaY;
      this.zoomAt(Math.exp(-delta * (ev.ctrlKey ? 0.01 : 0.002)), t, frac);
    };

    /* Drag to pan (mouse, pen and one finger sideways); two fingers pinch to zoom. */
    Timeline.prototype.dragging = function () {
      var self = this, vp = this.viewport, pointers = {}, start = null, moved = 0, pinch = null;
      function ids() { return Object.keys(pointers); }
      vp.addEventListener("pointerdown", function (ev) {
        pointers[ev.pointerId] = ev.clientX;
        var list = ids(), rect = vp.getBoundingClientRect(), width = self.width();
        if (list.length === 2) {
          var mid = (pointers[list[0]] + pointers[list[1]]) / 2 - rect.left;
          pinch = { d: Math.abs(pointers[list[0]] - pointers[list[1]]) || 1, len: self.v1 - self.v0,
                    t: self.timeAt(mid, width), frac: clamp((mid - PAD_X) / (width - 2 * PAD_X), 0, 1) };
          start = null;
        } else if (list.length === 1) {
          start = { x: ev.clientX, v0: self.v0, v1: self.v1 };
          moved = 0;
          self.justDragged = false;
        }
      });
      vp.addEventListener("pointermove", function (ev) {
        if (!(ev.pointerId in pointers)) { return; }
        pointers[ev.pointerId] = ev.clientX;
        var list = ids();
        if (pinch && list.length === 2) {
          var d = Math.abs(pointers[list[0]] - pointers[list[1]]) || 1;
          var len = pinch.len * pinch.d / d;
          self.setView(pinch.t - pinch.frac * len, pinch.t - pinch.frac * len + len);
          return;
        }
        if (!start) { return; }
        moved = Math.max(moved, Math.abs(ev.clientX - start.x));
        if (moved > 4) {
          vp.classList.add("tlv-grabbing");
          var dt = (start.x - ev.clientX) / (self.width() - 2 * PAD_X) * (start.v1 - start.v0);
          self.setView(start.v0 + dt, start.v1 + dt);
        }
      });
      function end(ev) {
        delete pointers[ev.pointerId];
        if (ids().length < 2) { pinch = null; }
        if (!ids().length) { start = null; }
        vp.classList.remove("tlv-grabbing");
        self.justDragged = moved > 4;
        moved = 0;
      }
      vp.addEventListener("pointerup", end);
      vp.addEventListener("pointercancel", end);
    };

    /* Click or drag on the overview: the shown window follows (its length kept). */
    Timeline.prototype.overviewDragging = function () {
      var self = this, ov = this.overview, down = false;
      function move(ev) {
        var rect = ov.getBoundingClientRect(), width = self.width(), full = self.full;
        var t = full[0] + (ev.clientX - rect.left - PAD_X) / (width - 2 * PAD_X) * (full[1] - full[0]);
        var len = self.v1 - self.v0;
        self.setView(t - len / 2, t + len / 2);
      }
      ov.addEventListener("pointerdown", function (ev) {
        down = true;
        if (ov.setPointerCapture) { try { ov.setPointerCapture(ev.pointerId); } catch (e) { /* not capturable */ } }
        move(ev);
      });
      ov.addEventListener("pointermove", function (ev) { if (down) { move(ev); } });
      ov.addEventListener("pointerup", function () { down = false; });
      ov.addEventListener("pointercancel", function () { down = false; });
    };
  };
})();
