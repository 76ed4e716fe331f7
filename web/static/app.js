// Sleuth's small progressive enhancements. Everything works without JavaScript; this only adds comfort.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Facet lists: a filter box and a "show all" toggle (lists show every value without JS).
  function setUpFacets(root) {
    root.querySelectorAll(".show-more").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var list = document.getElementById(btn.dataset.list);
        list.querySelectorAll("li.more").forEach(function (li) { li.classList.add("shown"); });
        btn.hidden = true;
      });
    });
    root.querySelectorAll(".facet-filter").forEach(function (input) {
      input.addEventListener("input", function () {
        var list = document.getElementById(input.dataset.list);
        var needle = input.value.trim().toLowerCase();
        list.classList.toggle("filtering", needle.length > 0);
        list.querySelectorAll("li").forEach(function (li) {
          li.classList.toggle("hidden-by-filter", needle.length > 0 && li.dataset.value.indexOf(needle) === -1);
        });
      });
    });
  }

  // Document page: jump between hits with buttons or the n / p keys.
  function setUpHitNav() {
    var marks = Array.prototype.slice.call(document.querySelectorAll(".document mark.hit"));
    var pos = document.getElementById("hit-pos");
    var current = -1;
    if (!marks.length || !pos) { return; }
    function show(i) {
      if (current >= 0) { marks[current].classList.remove("current"); }
      current = (i + marks.length) % marks.length;
      marks[current].classList.add("current");
      marks[current].scrollIntoView({ block: "center" });
      pos.textContent = (current + 1) + " of " + marks.length;
    }
    // Start at the passage the link pointed to, if any.
    if (location.hash) {
      var target = document.querySelector(location.hash.replace(/[^#\w-]/g, ""));
      var first = target ? target.querySelector("mark.hit") : null;
      if (first) { current = marks.indexOf(first) - 1; }
    }
    document.getElementById("next-hit").addEventListener("click", function () { show(current + 1); });
    document.getElementById("prev-hit").addEventListener("click", function () { show(current - 1); });
    document.addEventListener("keydown", function (ev) {
      if (ev.target.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      if (ev.key === "n") { show(current + 1); } else if (ev.key === "p") { show(current - 1); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpFacets(document);
    setUpHitNav();
  });
  document.addEventListener("htmx:afterSwap", function (ev) { setUpFacets(ev.detail.target.parentNode || document); });
})();
