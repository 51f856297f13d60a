// SafeZones script: progressive enhancement only. Every page works without it.
// No framework, no build step; user data is only ever set with textContent.

// The script's own sentences in the page's language, shared by the parts below: the page
// carries their translations in <html data-words> (keyed by the English, as the server's
// phrases are); English pages carry none and show the text as written.
var safeZonesWord = (function () {
  "use strict";
  var words = {};
  try { words = JSON.parse(document.documentElement.getAttribute("data-words") || "{}"); } catch (_) { words = {}; }
  return function (english, values) {
    var text = Object.prototype.hasOwnProperty.call(words, english) ? words[english] : english;
    for (var name in values || {}) text = text.split("{" + name + "}").join(String(values[name]));
    return text;
  };
})();

(function () {
  "use strict";

  var word = safeZonesWord;

  var QUADRANTS = {
    "safe-zone": word("Safe zone"),
    "political-engineering": word("Political engineering"),
    "monitor": word("Monitor"),
    "traditional": word("Traditional cooperation")
  };

  // ---- Map: tooltip on hover and keyboard focus ------------------------------------------

  var tip = null;
  var active = null;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "map-tooltip";
      tip.className = "map-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function domainOf(node) {
    if (!node || !node.closest) return null;
    var g = node.closest(".map g.domain");
    if (!g && node.matches && node.matches(".map a")) g = node.querySelector("g.domain");
    return g;
  }

  // Moves each point's <title> into data-name / aria-label, so the browser's own tooltip
  // does not appear on top of ours while screen readers still hear the same text.
  function prepareMap(root) {
    var points = (root || document).querySelectorAll(".map g.domain");
    for (var i = 0; i < points.length; i++) {
      var g = points[i];
      var title = g.querySelector("title");
      if (!title) continue;
      var text = title.textContent || "";
      g.setAttribute("aria-label", text);
      g.setAttribute("data-name", text.split(" — ")[0]);
      title.parentNode.removeChild(title);
      // Inside a link the link is the tab stop; a second one on the point only doubles the
      // number of Tab presses through the map.
      var link = g.parentNode;
      if (link && link.nodeName.toLowerCase() === "a") {
        g.removeAttribute("tabindex");
        link.setAttribute("aria-label", text);
      }
    }
  }

  function line(parent, tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function show(g, x, y) {
    var t = tooltip();
    t.textContent = "";
    var q = g.getAttribute("data-quadrant") || "";
    line(t, "strong", "", g.getAttribute("data-name") || g.getAttribute("data-id") || "");
    line(t, "span", "tip-quadrant tip-" + q, QUADRANTS[q] || q);
    line(t, "div", "", word("Joint gains {gains} · Political risk {risk}", {
      gains: Number(g.getAttribute("data-gains")).toFixed(2), risk: Number(g.getAttribute("data-risk")).toFixed(2)
    }));
    if (g.getAttribute("data-borderline") === "true") line(t, "div", "", word("Borderline: close to a threshold"));
    if (g.hasAttribute("data-p-safe")) line(t, "div", "", word("P(safe zone) {p}% · confidence {confidence}%", {
      p: Math.round(100 * Number(g.getAttribute("data-p-safe"))),
      confidence: Math.round(100 * Number(g.getAttribute("data-confidence")))
    }));
    line(t, "div", "tip-hint", word("Select to open the domain"));
    t.hidden = false;
    if (active && active !== g) active.classList.remove("is-active");
    active = g;
    g.classList.add("is-active");
    var width = t.offsetWidth;
    var height = t.offsetHeight;
    var left = x + 14;
    var top = y + 14;
    var maxLeft = window.scrollX + document.documentElement.clientWidth - width - 8;
    if (left > maxLeft) left = x - width - 14;
    if (top + height > window.scrollY + window.innerHeight - 8) top = y - height - 14;
    t.style.left = Math.max(window.scrollX + 8, left) + "px";
    t.style.top = Math.max(window.scrollY + 8, top) + "px";
  }

  function hide() {
    if (tip) tip.hidden = true;
    if (active) active.classList.remove("is-active");
    active = null;
  }

  document.addEventListener("mouseover", function (e) {
    var g = domainOf(e.target);
    if (g) show(g, e.pageX, e.pageY);
  });
  document.addEventListener("mousemove", function (e) {
    if (!active || !tip || tip.hidden) return;
    var g = domainOf(e.target);
    if (g === active) show(g, e.pageX, e.pageY);
  });
  document.addEventListener("mouseout", function (e) {
    var g = domainOf(e.target);
    if (g && !g.contains(e.relatedTarget)) hide();
  });
  document.addEventListener("focusin", function (e) {
    var g = domainOf(e.target);
    if (!g) return;
    var box = g.getBoundingClientRect();
    show(g, box.right + window.scrollX, box.top + window.scrollY);
  });
  document.addEventListener("focusout", function (e) {
    if (domainOf(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") hide();
    // A focused point (not its link) opens the domain with Enter, like the link would.
    if (e.key === "Enter" && e.target.matches && e.target.matches(".map g.domain")) {
      var link = e.target.closest("a");
      var href = link && (link.getAttribute("href") || link.getAttribute("xlink:href"));
      if (href) window.location.assign(href);
    }
  });

  // ---- Map: live filtering ---------------------------------------------------------------
  // The form works as a plain GET form. With script, changes refresh the results in place
  // from the same server-rendered page, so filtering stays in one place (the server).

  function filterURL(form) {
    var params = [];
    var fields = form.elements;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!f.name || f.disabled) continue;
      if (f.type === "checkbox" && !f.checked) continue;
      if (f.name === "tag" && f.value === "any") continue;
      // An empty field (no query, no date) means "not filtered": leave it out of the address.
      if (String(f.value).trim() === "") continue;
      params.push(encodeURIComponent(f.name) + "=" + encodeURIComponent(f.value));
    }
    return (form.getAttribute("action") || "/") + (params.length ? "?" + params.join("&") : "");
  }

  // The form's "Clear" link exists only while a filter is set: follow the fresh page.
  function syncClear(doc) {
    var fresh = doc.getElementById("clear-filters");
    var old = document.getElementById("clear-filters");
    if (old && !fresh) {
      old.parentNode.removeChild(old);
    } else if (fresh && old) {
      old.setAttribute("href", fresh.getAttribute("href"));
    } else if (fresh) {
      var actions = document.querySelector("#filters .actions");
      if (actions) actions.appendChild(document.importNode(fresh, true));
    }
  }

  function setupFilters() {
    var form = document.getElementById("filters");
    if (!form || !window.fetch || !window.DOMParser) return;
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    form.parentNode.insertBefore(status, form.nextSibling);
    var timer = null;
    var sequence = 0;

    function refresh() {
      var url = filterURL(form);
      var mine = ++sequence;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
        .then(function (html) {
          if (mine !== sequence) return;
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("results");
          var old = document.getElementById("results");
          if (!fresh || !old) return;
          var imported = document.importNode(fresh, true);
          old.parentNode.replaceChild(imported, old);
          prepareMap(imported);
          syncClear(doc);
          hide();
          if (window.history && history.replaceState) history.replaceState(null, "", url);
          var count = document.getElementById("domain-count");
          if (count) status.textContent = count.textContent;
        })
        .catch(function () { /* keep the current results; the submit button still works */ });
    }

    form.addEventListener("input", function (e) {
      clearTimeout(timer);
      timer = setTimeout(refresh, e.target && e.target.name === "q" ? 250 : 0);
    });
  }

  // ---- Assessment form -------------------------------------------------------------------

  // Highlights the level a typed score corresponds to.
  function markLevel(input) {
    var list = document.getElementById(input.getAttribute("data-levels"));
    if (!list) return;
    var value = parseFloat(String(input.value).replace(",", "."));
    var level = isFinite(value) && value >= 0 && value <= 4 ? Math.round(value) : -1;
    var items = list.querySelectorAll("li[data-level]");
    for (var i = 0; i < items.length; i++) {
      items[i].classList.toggle("is-current", Number(items[i].getAttribute("data-level")) === level);
    }
  }

  function setupAssessForm() {
    var form = document.getElementById("assessment-form");
    if (!form) return;
    var scores = form.querySelectorAll("input[data-levels]");
    for (var i = 0; i < scores.length; i++) markLevel(scores[i]);
    form.addEventListener("input", function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute("data-levels")) markLevel(e.target);
    });

    // New domain: suggest an id from the name until the id is edited by hand.
    var name = form.querySelector("#name");
    var id = form.querySelector("#id");
    if (name && id) {
      var edited = id.value !== "";
      id.addEventListener("input", function () { edited = id.value !== ""; });
      name.addEventListener("input", function () {
        if (edited) return;
        id.value = name.value.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
          .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/, "");
      });
    }
  }

  // Moves focus to a problem summary so keyboard and screen-reader users land on it.
  function focusSummary() {
    var box = document.getElementById("conflict") || document.getElementById("form-errors") ||
      document.getElementById("import-errors");
    if (box) box.focus();
  }

  // ---- Simulation runs: follow the progress ---------------------------------------------
  // Without script the page reloads itself (a <meta> refresh inside <noscript>). With it,
  // the status is polled and the page reloaded once, when the run ends.

  function setupSimulationProgress() {
    var box = document.getElementById("simulation-progress");
    if (!box || !window.fetch) return;
    var url = box.getAttribute("data-status-url");
    var bar = document.getElementById("run-progress");
    var label = document.getElementById("run-progress-label");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (s) {
          if (s.status !== "queued" && s.status !== "running") { window.location.reload(); return; }
          if (bar) { bar.value = s.percent; bar.textContent = s.percent + "%"; }
          if (label) label.textContent = s.label;
          setTimeout(poll, 1000);
        })
        .catch(function () { setTimeout(function () { window.location.reload(); }, 3000); });
    }
    setTimeout(poll, 1000);
  }

  // ---- Delphi round form: drafts saved as one types, a warning before leaving unsaved ----
  // The form posts every domain at once. While the panellist types, the whole form is sent
  // to the drafts address (`data-drafts`) a moment after the last keystroke, so a crash or
  // a closed tab loses at most that moment. Leaving the page with typing not yet saved
  // asks first. Without script, "Save draft" does the same job by hand.

  function setupRoundForm() {
    var form = document.getElementById("round-form");
    if (!form) return;
    var scores = form.querySelectorAll("input[data-levels]");
    for (var i = 0; i < scores.length; i++) markLevel(scores[i]);
    var status = document.getElementById("autosave-status");
    var url = form.getAttribute("data-drafts");
    var dirty = false;
    var saving = false;
    var again = false;
    var timer = null;
    var leaving = false;

    function say(text) { if (status) status.textContent = text; }

    // `keepalive` lets the request outlive a page being left (bodies up to 64 kB).
    function save(keepalive) {
      if (!dirty || !window.fetch || !url) return;
      if (saving) { again = true; return; }
      saving = true;
      dirty = false;
      var body = new URLSearchParams(new FormData(form));
      body.set("autosave", "1");
      say(word("Saving draft…"));
      fetch(url, {
        method: "POST", credentials: "same-origin", body: body, keepalive: keepalive === true,
        headers: { "Accept": "application/json" }
      })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (j) { say(word("Draft saved {time}. Only you see it until you submit.", { time: j.saved_at })); })
        .catch(function () {
          dirty = true;
          say(word("Could not save the draft (the server did not answer); your typing is still here. Use “Save draft” or try again."));
        })
        .then(function () {
          saving = false;
          if (again) { again = false; save(); }
        });
    }

    form.addEventListener("input", function (e) {
      if (e.target.hasAttribute && e.target.hasAttribute("data-levels")) markLevel(e.target);
      dirty = true;
      say(word("Unsaved changes…"));
      clearTimeout(timer);
      timer = setTimeout(save, 1500);
    });
    // Submitting (either button) is leaving on purpose.
    form.addEventListener("submit", function () { leaving = true; clearTimeout(timer); });
    window.addEventListener("beforeunload", function (e) {
      if (leaving || (!dirty && !saving)) return undefined;
      save(true);
      e.preventDefault();
      e.returnValue = "";
      return "";
    });
  }

  // Other forms that hold typed work (`data-unsaved-warning`, no drafts address): leaving
  // with changes not yet saved asks first; submitting is leaving on purpose.
  function setupUnsavedWarnings() {
    var forms = document.querySelectorAll("form[data-unsaved-warning]:not([data-drafts])");
    Array.prototype.forEach.call(forms, function (form) {
      var dirty = false;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("submit", function () { dirty = false; });
      window.addEventListener("beforeunload", function (e) {
        if (!dirty) return undefined;
        e.preventDefault();
        e.returnValue = "";
        return "";
      });
    });
  }

  function start() {
    prepareMap(document);
    setupFilters();
    setupAssessForm();
    setupRoundForm();
    setupUnsavedWarnings();
    setupSimulationProgress();
    focusSummary();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

// ==== Phones and print (docs/printing-and-phones.md) ====================================
// A separate block, kept apart from the code above.
//
// Touch: a tap on a map point shows its details (the same tooltip as hover and keyboard
// focus); a second tap on the same point opens the domain. A mouse click still opens it at
// once. Print: the memo line of a printed page carries the day it was printed.
(function () {
  "use strict";
  var word = safeZonesWord;

  var pointer = "mouse";
  var armed = null;

  // The kind of pointer behind the next click (touch, pen or mouse).
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType || "mouse"; }, true);

  document.addEventListener("click", function (e) {
    var touch = pointer === "touch" || pointer === "pen";
    pointer = "mouse";
    var g = e.target && e.target.closest ? e.target.closest(".map g.domain") : null;
    if (!touch || !g) { armed = null; return; }
    if (armed === g) { armed = null; return; } // the second tap follows the link
    e.preventDefault();
    armed = g;
    var link = g.closest("a");
    var target = link || g;
    // Focus shows the tooltip (the map code above listens for it) and keeps it up until
    // the next tap elsewhere moves focus away.
    if (target.focus) {
      try { target.focus({ preventScroll: true }); } catch (_) { target.focus(); }
    }
    var hint = document.querySelector("#map-tooltip .tip-hint");
    if (hint) hint.textContent = link ? word("Tap again to open the domain") : "";
  }, true);

  function stampPrintDate() {
    var d = new Date();
    var day = d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
    var stamps = document.querySelectorAll("[data-print-date]");
    for (var i = 0; i < stamps.length; i++) {
      stamps[i].textContent = day;
      stamps[i].setAttribute("datetime", day);
    }
  }
  window.addEventListener("beforeprint", stampPrintDate);

  // ---- Country pair selector --------------------------------------------------------------
  // Plain GET forms with a "Show" button; with script, choosing a pair or a language reloads at once.
  document.addEventListener("change", function (e) {
    var select = e.target;
    if (!select || (select.id !== "pair-select" && select.id !== "lang-select")) return;
    var form = select.form;
    if (form && form.hasAttribute("data-autosubmit")) form.submit();
  });
})();
