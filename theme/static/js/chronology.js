/* The home page's explorer: filters, a windowed TimelineJS view, and the plain list below it.
 *
 * Data: timeline/index.json (years and their counts, actor names) and one timeline/<year>.json
 * per year (TimelineJS events, already escaped by the site's build, plus plain rows). The
 * timeline never holds more than `window` events: the filtered events are cut into windows with
 * "Earlier"/"Later" buttons. Filters live in the query string (?year=&actor=&category=&status=),
 * the current event in the hash (#event-<unique_id>), so any view can be shared.
 *
 * TimelineJS fixes made here: its page-wide arrow-key handler is kept away from text boxes and
 * selects (TimelineJS3 #616); the hash follows the current slide whatever moved it (#341);
 * script_path is an absolute URL to the site's own copy and font is null, so nothing is
 * requested from another host; animations are off when the reader prefers reduced motion.
 * Without JavaScript none of this runs and the page's own HTML list is the chronology.
 *
 * For tests and the benchmark, #explorer carries data-state (loading | ready | error),
 * data-events (events on the timeline) and data-ready-ms (performance.now() when it was ready).
 */
(function () {
  "use strict";

  var explorer = document.getElementById("explorer");
  if (!explorer || !window.TL || !window.fetch || !window.URLSearchParams) return;

  var tlScript = document.querySelector('script[src*="vendor/timelinejs/js/timeline.js"]');
  var SCRIPT_PATH = new URL(".", tlScript ? tlScript.src : document.baseURI).href;
  var REDUCED = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var FILTERS = ["year", "actor", "category", "status"];
  var ID_RE = /^e-[a-z0-9-]+$/;

  var form = document.getElementById("filters");
  var statusLine = document.getElementById("explorer-status");
  var holder = document.getElementById("timeline");
  var list = document.getElementById("chronology-list");
  var heading = document.getElementById("developments-title");
  var windowNav = document.getElementById("window-nav");
  var earlier = document.getElementById("window-earlier");
  var later = document.getElementById("window-later");

  var index = null; // timeline/index.json
  var cache = {}; // year -> promise of {events, rows}
  var timeline = null;
  var matches = []; // [{row, event}] matching the filters, oldest first
  var windowStart = 0;
  var generation = 0;

  function fetchJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function loadYear(year) {
    if (!cache[year]) cache[year] = fetchJSON(explorer.dataset.base + year + ".json");
    return cache[year];
  }

  function yearsOf(state) {
    return state.year ? [state.year] : Object.keys(index.years);
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FILTERS.forEach(function (name) {
      var value = params.get(name) || "";
      var select = form.elements[name];
      var ok = !value || Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      });
      state[name] = ok ? value : "";
    });
    var id = hashId();
    if (!state.year && !allYearsAllowed()) {
      var m = id && /^e-(\d{4})-/.exec(id);
      state.year = m && index.years[m[1]] ? m[1] : latestYear();
    }
    return state;
  }

  function hashId() {
    var h = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var id = h.indexOf("event-") === 0 ? h.slice(6) : "";
    return ID_RE.test(id) ? id : "";
  }

  function latestYear() {
    return Object.keys(index.years).sort().pop() || "";
  }

  function allYearsAllowed() {
    return index.total <= index.all_years_max;
  }

  function formState() {
    var state = {};
    FILTERS.forEach(function (name) { state[name] = form.elements[name].value; });
    return state;
  }

  function writeURL(state, id) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + (id ? "#event-" + id : "");
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(null, "", url);
    }
  }

  function matchesFilters(row, state) {
    if (state.status && row.status !== state.status) return false;
    if (state.category && row.category !== state.category) return false;
    if (state.actor && row.actors.indexOf(state.actor) < 0) return false;
    return true;
  }

  /* ---- the plain list ------------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function listItem(row) {
    var li = el("li", "development" + (row.status === "planned" ? " is-planned" : ""));
    li.id = row.slug;
    var meta = el("p", "entry-meta");
    var time = el("time", "", row.display_date);
    time.setAttribute("datetime", row.date);
    meta.appendChild(time);
    if (row.status === "planned") {
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(el("span", "status planned", "Planned"));
    }
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "category", index.categories[row.category] || row.category));
    li.appendChild(meta);
    var h = el("h3");
    h.id = "event-" + row.id; // as in the page's own list: the #event-… link's target
    var a = el("a", "", row.title);
    a.href = new URL(row.url, window.location.href).pathname;
    h.appendChild(a);
    li.appendChild(h);
    if (row.summary) li.appendChild(el("p", "summary", row.summary));
    var facts = el("p", "facts");
    var names = row.actors.map(function (k) { return index.actors[k] || k; }).join(", ");
    if (names) {
      facts.appendChild(el("span", "actors", names));
      facts.appendChild(document.createTextNode(" · "));
    }
    var n = row.n;
    facts.appendChild(el("span", "sources", n + " source" + (n === 1 ? "" : "s")));
    li.appendChild(facts);
    return li;
  }

  function renderList(state) {
    var frag = document.createDocumentFragment();
    for (var i = matches.length - 1; i >= 0; i--) frag.appendChild(listItem(matches[i].row));
    list.textContent = "";
    list.appendChild(frag);
    var what = describe(state);
    heading.textContent = matches.length + " development" + (matches.length === 1 ? "" : "s") +
      (what ? " · " + what : "");
  }

  function describe(state) {
    var parts = [];
    if (state.year) parts.push(state.year);
    if (state.actor) parts.push(index.actors[state.actor] || state.actor);
    if (state.category) parts.push(index.categories[state.category] || state.category);
    if (state.status) parts.push(state.status);
    return parts.join(", ");
  }

  /* ---- the timeline --------------------------------------------------------------------- */

  function windowFor(id) {
    var size = index.window;
    if (matches.length <= size) return 0;
    for (var i = 0; id && i < matches.length; i++) {
      if (matches[i].row.id === id) return Math.max(0, Math.min(i - Math.floor(size / 2),
        matches.length - size));
    }
    return matches.length - size; // the latest window
  }

  /* TimelineJS labels its previous/next buttons "previous, <title>, <date>", which is not the
   * text they show (axe: label-content-name-mismatch). Their name comes from what they show,
   * after a visually hidden "Previous:"/"Next:" of the site's own. */
  function labelSlideNav(root) {
    var buttons = root.querySelectorAll(".tl-slidenav-previous, .tl-slidenav-next");
    Array.prototype.forEach.call(buttons, function (b) {
      if (b.hasAttribute("aria-label")) b.removeAttribute("aria-label");
      var first = b.firstElementChild;
      if (!first || !first.classList.contains("slidenav-which")) {
        var which = el("span", "visually-hidden slidenav-which",
          b.classList.contains("tl-slidenav-previous") ? "Previous: " : "Next: ");
        b.insertBefore(which, b.firstChild);
      }
    });
  }

  function renderTimeline(startId) {
    var size = index.window;
    var slice = matches.slice(windowStart, windowStart + size);
    windowNav.hidden = matches.length <= size;
    earlier.disabled = windowStart <= 0;
    later.disabled = windowStart + size >= matches.length;
    holder.textContent = "";
    timeline = null;
    if (!slice.length) {
      holder.appendChild(el("p", "timeline-empty", "No dated development matches these filters."));
      explorer.dataset.state = "ready";
      explorer.dataset.events = "0";
      return;
    }
    var ids = slice.map(function (m) { return m.row.id; });
    var startAt = startId ? ids.indexOf(startId) : -1;
    var mount = el("div", "timeline-mount");
    mount.id = "timeline-mount-" + (++generation);
    holder.appendChild(mount);
    var data = { events: slice.map(function (m) { return m.event; }) };
    var options = {
      script_path: SCRIPT_PATH,
      font: null,
      language: "en",
      hash_bookmark: false,
      start_at_end: startAt < 0,
      start_at_slide: Math.max(startAt, 0),
      duration: REDUCED ? 0 : 600,
      soundcite: false,
      ga_property_id: null,
      track_events: [],
      timenav_position: "bottom",
      optimal_tick_width: 80,
    };
    var tl = new window.TL.Timeline(mount.id, data, options);
    timeline = tl;
    if (window.MutationObserver) {
      new MutationObserver(function () { labelSlideNav(mount); }).observe(mount, {
        subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label"],
      });
    }
    tl.on("change", function (e) {
      if (tl !== timeline || !e || !e.unique_id || !ID_RE.test(e.unique_id)) return;
      writeURL(formState(), e.unique_id);
    });
    tl.on("loaded", function () {
      if (tl !== timeline) return;
      explorer.dataset.events = String(slice.length);
      explorer.dataset.readyMs = String(Math.round(performance.now()));
      explorer.dataset.state = "ready";
    });
  }

  function status(state) {
    var size = index.window;
    var text = matches.length + " matching development" + (matches.length === 1 ? "" : "s");
    if (matches.length > size) {
      text += "; the timeline shows " + (windowStart + 1) + "–" +
        Math.min(windowStart + size, matches.length) + " of them";
    }
    statusLine.textContent = text + ".";
  }

  /* ---- applying a state ----------------------------------------------------------------- */

  function apply(state, wantedId) {
    explorer.dataset.state = "loading";
    FILTERS.forEach(function (name) { form.elements[name].value = state[name]; });
    var years = yearsOf(state);
    return Promise.all(years.map(loadYear)).then(function (docs) {
      var found = [];
      docs.forEach(function (doc) {
        doc.rows.forEach(function (row, i) {
          if (matchesFilters(row, state)) found.push({ row: row, event: doc.events[i] });
        });
      });
      found.sort(function (a, b) {
        return a.row.date < b.row.date ? -1 : a.row.date > b.row.date ? 1 : 0;
      });
      matches = found;
      var id = wantedId && found.some(function (m) { return m.row.id === wantedId; })
        ? wantedId : "";
      windowStart = windowFor(id);
      writeURL(state, id);
      renderList(state);
      status(state);
      // Let the list and the status paint first: TimelineJS takes longer to build.
      window.setTimeout(function () { renderTimeline(id); }, 0);
    }).catch(function (err) {
      explorer.dataset.state = "error";
      statusLine.textContent = "The interactive timeline could not load its data (" +
        err.message + "). The list below is complete for this page.";
    });
  }

  /* ---- keyboard: TimelineJS3 #616 -------------------------------------------------------- */

  var ARROWS = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: 0, ArrowDown: 0 };
  window.addEventListener("keydown", function (e) {
    if (!(e.key in ARROWS)) return;
    var t = e.target;
    var editable = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (editable) { e.stopPropagation(); return; } // the caret moves, the timeline does not
    if (t && t.closest && t.closest(".tl-timenav")) return; // TimelineJS moves marker focus
    // Every other arrow key: TimelineJS's own document-wide handler (one per instance ever
    // made, old ones included) never sees it; the current timeline moves on Left/Right when
    // the reader is on the timeline or on no control at all.
    e.stopPropagation();
    var onPage = t === document.body || t === document.documentElement;
    var inTimeline = t && t.closest && t.closest("#timeline");
    if (timeline && ARROWS[e.key] && (onPage || inTimeline) && !e.altKey && !e.ctrlKey &&
        !e.metaKey && !e.shiftKey) {
      e.preventDefault();
      if (ARROWS[e.key] < 0) timeline.goToPrev(); else timeline.goToNext();
    }
  }, true);

  /* ---- wiring ----------------------------------------------------------------------------- */

  form.addEventListener("change", function () {
    apply(formState(), hashId());
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("reset", function (e) {
    e.preventDefault();
    var state = { year: allYearsAllowed() ? "" : latestYear(), actor: "", category: "",
      status: "" };
    apply(state, "");
  });
  earlier.addEventListener("click", function () {
    windowStart = Math.max(0, windowStart - index.window);
    status(formState());
    renderTimeline("");
  });
  later.addEventListener("click", function () {
    windowStart = Math.min(matches.length - index.window, windowStart + index.window);
    status(formState());
    renderTimeline("");
  });
  window.addEventListener("hashchange", function () {
    var id = hashId();
    if (!id) return;
    var pos = -1;
    matches.forEach(function (m, i) { if (m.row.id === id) pos = i; });
    if (pos >= windowStart && pos < windowStart + index.window && timeline) {
      timeline.goToId(id);
    } else if (pos >= 0) {
      windowStart = windowFor(id);
      status(formState());
      renderTimeline(id);
    } else {
      var state = readState();
      apply(state, id);
    }
  });

  fetchJSON(explorer.dataset.index).then(function (data) {
    index = data;
    if (!allYearsAllowed()) {
      var all = form.elements.year.querySelector('option[value=""]');
      if (all) all.remove();
    }
    explorer.hidden = false;
    // An #event-… link first lands on its development in the plain list (the target without
    // JavaScript); with the timeline here, show the timeline, which opens that event.
    if (hashId()) explorer.scrollIntoView({ block: "start" });
    return apply(readState(), hashId());
  }).catch(function (err) {
    statusLine.textContent = "The interactive timeline could not load (" + err.message + ").";
  });
})();
