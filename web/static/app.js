// Sleuth's small progressive enhancements. Everything works without JavaScript; this only adds comfort.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Accents and case ignored, as the search does ("ramon" finds "Ramón").
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Entities page: a filter box over the listed values, and a "show all" toggle (lists show every value without JS).
  function setUpFacets(root) {
    root.querySelectorAll(".show-more").forEach(function (btn) {
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var list = document.getElementById(btn.dataset.list);
        list.querySelectorAll("li.more").forEach(function (li) { li.classList.add("shown"); });
        btn.hidden = true;
      });
    });
    root.querySelectorAll("input.facet-filter[data-list]").forEach(function (input) {
      input.addEventListener("input", function () {
        var list = document.getElementById(input.dataset.list);
        var needle = fold(input.value.trim());
        list.classList.toggle("filtering", needle.length > 0);
        list.querySelectorAll("li").forEach(function (li) {
          li.classList.toggle("hidden-by-filter", needle.length > 0 && fold(li.dataset.value).indexOf(needle) === -1);
        });
      });
    });
  }

  // Phones: the filters sit behind a "Filters" button, after the results.
  function setUpFiltersToggle(root) {
    var btn = root.querySelector(".filters-toggle");
    if (!btn) { return; }
    var workspace = btn.closest(".workspace");
    var close = workspace.querySelector(".filters-close");
    function set(open) {
      workspace.classList.toggle("filters-open", open);
      btn.setAttribute("aria-expanded", open ? "true" : "false");
      (open ? close : btn).focus();
    }
    btn.hidden = false;
    close.parentNode.hidden = false;
    btn.addEventListener("click", function () { set(!workspace.classList.contains("filters-open")); });
    close.addEventListener("click", function () { set(false); });
    workspace.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && workspace.classList.contains("filters-open")) { set(false); }
    });
  }

  // Timeline: the count of the bar under the pointer or the focus, and dragging across bars to set a range.
  function setUpTimelines(root) {
    root.querySelectorAll("figure.timeline").forEach(function (fig) {
      var readout = fig.querySelector(".readout");
      var resting = readout.textContent;
      var bars = Array.prototype.slice.call(fig.querySelectorAll(".bar"));
      function say(bar) { readout.textContent = bar.getAttribute("aria-label"); readout.classList.add("live"); }
      function rest() { readout.textContent = resting; readout.classList.remove("live"); }
      bars.forEach(function (bar) {
        bar.addEventListener("mouseenter", function () { say(bar); });
        bar.addEventListener("focus", function () { say(bar); });
        bar.addEventListener("mouseleave", rest);
        bar.addEventListener("blur", rest);
      });
      var links = bars.filter(function (b) { return b.dataset.from; });
      if (!links.length) { return; }
      var start = null, end = null, dragged = false;
      function barAt(ev) {
        var el = document.elementFromPoint(ev.clientX, ev.clientY);
        return el ? el.closest("figure.timeline a.bar") : null;
      }
      function paint() {
        var lo = Math.min(start, end), hi = Math.max(start, end);
        links.forEach(function (b, i) { b.classList.toggle("brushed", start !== null && i >= lo && i <= hi); });
      }
      fig.addEventListener("pointerdown", function (ev) {
        var bar = barAt(ev);
        if (!bar || ev.button !== 0) { return; }
        start = end = links.indexOf(bar);
        dragged = false;
      });
      fig.addEventListener("pointermove", function (ev) {
        if (start === null) { return; }
        var bar = barAt(ev);
        if (bar && links.indexOf(bar) !== end) { end = links.indexOf(bar); dragged = true; paint(); say(bar); }
      });
      document.addEventListener("pointerup", function () {
        if (start === null) { return; }
        var lo = Math.min(start, end), hi = Math.max(start, end);
        start = null;
        if (!dragged) { return; }
        var url = new URL(links[lo].getAttribute("href"), location.href);
        url.searchParams.set("from", links[lo].dataset.from);
        url.searchParams.set("to", links[hi].dataset.to);
        url.searchParams.delete("page");
        window.location.assign(url.toString());
      });
      // The click that ends a drag must not also follow the first bar's link.
      fig.addEventListener("click", function (ev) {
        if (dragged) { ev.preventDefault(); ev.stopPropagation(); dragged = false; }
      }, true);
    });
  }

  // Document page: step through hits with buttons or the n / p keys. Marks separated only by spaces are one hit
  // (class "cont" on the later ones), so "ice axe" is one hit, not two.
  function setUpHitNav() {
    var pos = document.getElementById("hit-pos");
    var bar = document.querySelector(".doc-tools");
    if (bar) {
      var measure = function () { document.documentElement.style.setProperty("--bar", bar.offsetHeight + "px"); };
      measure();
      window.addEventListener("resize", measure);
    }
    var all = Array.prototype.slice.call(document.querySelectorAll(".document mark.hit"));
    var heads = all.filter(function (m) { return !m.classList.contains("cont"); });
    var current = -1;
    if (!heads.length || !pos) { return; }
    function group(i) {
      var out = [], k = all.indexOf(heads[i]);
      do { out.push(all[k]); k += 1; } while (k < all.length && all[k].classList.contains("cont"));
      return out;
    }
    function show(i, scroll) {
      if (current >= 0) { group(current).forEach(function (m) { m.classList.remove("current"); }); }
      current = (i + heads.length) % heads.length;
      group(current).forEach(function (m) { m.classList.add("current"); });
      if (scroll !== false) { heads[current].scrollIntoView({ block: "center" }); }
      pos.textContent = (current + 1) + " of " + heads.length;
    }
    // Start at the passage the link pointed to, and say where we are at once.
    var target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    var first = target ? target.querySelector("mark.hit:not(.cont)") : null;
    if (first) { show(heads.indexOf(first)); }
    document.getElementById("next-hit").addEventListener("click", function () { show(current + 1); });
    document.getElementById("prev-hit").addEventListener("click", function () { show(current - 1); });
    document.addEventListener("keydown", function (ev) {
      if (ev.target.closest("input, textarea, select") || ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
      if (ev.key === "n") { show(current + 1); } else if (ev.key === "p") { show(current - 1); }
    });
  }

  // Upload: a batch over the size limit is refused here, naming the files, before anything is sent; a refusal from
  // the server (413, 400, 503...) is shown in the report instead of being dropped by htmx. Either way the message
  // says that nothing of the batch was indexed.
  function sizeLabel(n) {
    return n >= 1048576 ? (n / 1048576).toFixed(1).replace(/\.0$/, "") + " MB" : Math.max(1, Math.round(n / 1024)) + " KB";
  }
  function say(target, text) {
    var p = document.createElement("p");
    p.className = "message error";
    p.setAttribute("role", "alert");
    p.textContent = text;
    target.replaceChildren(p);
  }
  document.addEventListener("htmx:beforeRequest", function (ev) {
    var form = ev.detail.elt;
    var limit = form && form.dataset ? Number(form.dataset.maxBytes) : 0;
    var input = limit && form.querySelector("input[type=file]");
    if (!input || !input.files.length) { return; }
    var files = Array.prototype.slice.call(input.files);
    var total = files.reduce(function (sum, f) { return sum + f.size; }, 0);
    if (total <= limit) { return; }
    ev.preventDefault();
    var big = files.filter(function (f) { return f.size > limit; });
    var names = files.map(function (f) { return f.name + " (" + sizeLabel(f.size) + ")"; }).join(", ");
    say(document.getElementById("upload-report"), "Nothing was uploaded or indexed: these " + files.length +
        " file" + (files.length === 1 ? "" : "s") + " come to " + sizeLabel(total) + ", over the " + sizeLabel(limit) +
        " limit of one upload — " + names + ". " + (big.length ? big.map(function (f) { return f.name; }).join(", ") +
        (big.length === 1 ? " is" : " are") + " too large on its own; " : "") + "send the others in smaller batches.");
  });
  document.addEventListener("htmx:beforeSwap", function (ev) {
    var xhr = ev.detail.xhr;
    if (xhr.status < 400 || !ev.detail.target || ev.detail.target.id !== "upload-report") { return; }
    if (/role="alert"/.test(xhr.responseText)) {  // the app's own message
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
      return;
    }
    ev.detail.shouldSwap = false;  // the server's bare answer (waitress's early 413): its text, never its markup
    var text = new DOMParser().parseFromString(xhr.responseText, "text/html").body.textContent.replace(/\s+/g, " ").trim();
    say(ev.detail.target, "Nothing was indexed (the server answered " + xhr.status + "): " + (text || xhr.statusText));
  });
  document.addEventListener("htmx:sendError", function (ev) {
    var report = document.getElementById("upload-report");
    if (report && ev.detail.elt.contains(document.getElementById("files"))) {
      say(report, "Nothing was indexed: the upload could not be sent (the connection was closed). Check the files' size and try again.");
    }
  });

  // The header's search box keeps the current filters and dates for a new query (read from the address, which
  // facet clicks update in place); unticking "Keep the filters" leaves them out.
  var NOT_FILTERS = ["q", "page", "contains", "per_page", "format"];
  function keptParams() {
    return Array.from(new URLSearchParams(location.search)).filter(function (kv) {
      return NOT_FILTERS.indexOf(kv[0]) === -1 && kv[1].trim() !== "";
    });
  }
  function refreshKeep() {
    var keep = document.querySelector(".searchbox .keep");
    if (!keep) { return; }
    var n = keptParams().filter(function (kv) { return ["to", "group_by", "sort"].indexOf(kv[0]) === -1; }).length;
    keep.hidden = n === 0;
    keep.querySelector("span").textContent = n === 1 ? "Keep the filter" : "Keep the " + n + " filters";
  }
  function setUpKeep() {
    var keep = document.querySelector(".searchbox .keep");
    if (!keep) { return; }
    var form = keep.closest("form");
    refreshKeep();
    form.addEventListener("submit", function () {
      form.querySelectorAll("input.kept").forEach(function (i) { i.remove(); });
      if (!keep.querySelector("input").checked) { return; }
      keptParams().forEach(function (kv) {
        var input = document.createElement("input");
        input.type = "hidden"; input.className = "kept"; input.name = kv[0]; input.value = kv[1];
        form.appendChild(input);
      });
    });
    document.addEventListener("htmx:pushedIntoHistory", refreshKeep);
  }

  function setUp(root) {
    setUpFacets(root);
    setUpFiltersToggle(root);
    setUpTimelines(root);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUp(document);
    setUpHitNav();
    setUpKeep();
  });
  // After a facet click or a page change updates the results in place, put the focus (and a screen reader) on the
  // summary of what is now shown, instead of dropping it to the top of the page.
  document.addEventListener("htmx:afterSettle", function (ev) {
    var target = ev.detail.target;
    if (!target || target.id !== "results") { return; }  // not the facet finder's list
    var results = document.getElementById("results");
    setUp(results);
    var summary = document.getElementById("summary");
    if (summary) { summary.focus({ preventScroll: true }); }
  });
})();
