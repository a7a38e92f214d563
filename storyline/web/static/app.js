/* storyline web app: small progressive enhancements; every page works without this file. */
(function () {
  "use strict";

  function clamp(x) {
    var v = parseFloat(x);
    return isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
  }

  function ready() {
    // Bars and columns: widths and heights come from data attributes (no inline styles: CSP forbids them).
    document.querySelectorAll("[data-share]").forEach(function (el) {
      el.style.width = (clamp(el.getAttribute("data-share")) * 100).toFixed(1) + "%";
    });
    document.querySelectorAll("[data-height]").forEach(function (el) {
      el.style.height = Math.max(2, clamp(el.getAttribute("data-height")) * 100).toFixed(1) + "%";
    });
    // Filters that apply as soon as they change.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
      el.addEventListener("change", function () {
        if (el.form) { el.form.submit(); }
      });
    });
    // "/" focuses the search box, as on many sites.
    var box = document.querySelector("[data-hotkey='/']");
    document.addEventListener("keydown", function (ev) {
      var tag = (ev.target && ev.target.tagName) || "";
      if (ev.key === "/" && box && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag) && !ev.ctrlKey && !ev.metaKey) {
        ev.preventDefault();
        box.focus();
      }
    });
    document.documentElement.classList.add("js");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
