/* The home page's explorer: filters, a windowed TimelineJS view, and the plain list below it.
 *
 * Data: one timeline/<year>.json per year (TimelineJS events, already escaped by the site's
 * build, plus plain rows), and timeline/all.json, the same for every year, while the
 * chronology is short enough to show every year at once (data-all-years-max); what else the
 * page needs (years, actor and category names, the window size, the list's length) is in the
 * filter form and the data-* attributes of #explorer, so that the opening view waits for no
 * other file (the page preloads the file of its opening view). The timeline never holds more
 * than `window` events: the filtered events are cut into windows with "Earlier"/"Later"
 * buttons, and the arrow keys go on into the next window at a window's edge.
 * Filters live in the query string (?year=&actor=&category=&status=), the current event in the
 * hash (#event-<unique_id>), so any view can be shared.
 *
 * Speed (measured by `briefings bench --only browser`): the list shows at most `list-limit`
 * developments (the rest on request, like the page without JavaScript), and is left as it is
 * when the page's own HTML already shows them; TimelineJS builds every slide and marker of its
 * window up front, so the window is what its construction costs.
 *
 * TimelineJS fixes made here: its page-wide arrow-key handler is kept away from text boxes and
 * selects (TimelineJS3 #616); the hash follows the current slide whatever moved it (#341);
 * script_path is an absolute URL to the site's own copy and font is null, so nothing is
 * requested from another host; animations are off when the reader prefers reduced motion.
 * Without JavaScript none of this runs and the page's own HTML list is the chronology.
 *
 * Its words are the page's (#site-words: the build renders them in the site's language), and
 * TimelineJS's locale is #explorer's data-language.
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
  // "en", a locale of TimelineJS's own ("sr"), or the URL of the site's own file ("….json")
  var TL_LANGUAGE = explorer.dataset.language || "en";
  if (/\.json$/.test(TL_LANGUAGE)) TL_LANGUAGE = new URL(TL_LANGUAGE, document.baseURI).href;
  var REDUCED = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var FILTERS = ["year", "actor", "category", "status"];
  var ID_RE = /^e-[a-z0-9-]+$/;
  var WORDS = JSON.parse((document.getElementById("site-words") || {}).textContent || "{}");
  var PLURAL = window.Intl && Intl.PluralRules ?
    new Intl.PluralRules(document.documentElement.lang || "en") : null;

  /* A word of the page's language; `n` chooses the plural form, `values` fill %(name)s. */
  function t(key, values, n) {
    var w = WORDS[key] || key;
    if (typeof w === "object") {
      w = w[PLURAL ? PLURAL.select(n) : (n === 1 ? "one" : "other")] || w.other;
    }
    return w.replace(/%\((\w+)\)s/g, function (_m, name) { return String(values[name]); });
  }

  var form = document.getElementById("filters");
  var statusLine = document.getElementById("explorer-status");
  var holder = document.getElementById("timeline");
  var list = document.getElementById("chronology-list");
  var heading = document.getElementById("developments-title");
  var windowNav = document.getElementById("window-nav");
  var earlier = document.getElementById("window-earlier");
  var later = document.getElementById("window-later");
  var more = document.getElementById("list-more");
  var moreButton = document.getElementById("list-more-button");

  var index = readIndex();
  var cache = {}; // year -> promise of {events, rows}
  var timeline = null;
  var timelineIds = []; // the events on the timeline, in order
  var matches = []; // [{row, event}] matching the filters, oldest first
  var listed = 0; // how many of them (newest first) the list shows
  var windowStart = 0;
  var generation = 0;
  var applied = 0;

  /* What the page itself says: years (newest first in the form), names, sizes. */
  function readIndex() {
    var data = explorer.dataset;
    var names = function (select) {
      var out = {};
      Array.prototype.forEach.call(select.options, function (o) {
        if (o.value) out[o.value] = o.textContent;
      });
      return out;
    };
    var years = Object.keys(names(form.elements.year)).sort();
    return {
      years: years, // oldest first
      actors: names(form.elements.actor),
      categories: names(form.elements.category),
      window: Math.max(1, parseInt(data.window, 10) || 200),
      listLimit: Math.max(1, parseInt(data.listLimit, 10) || 300),
      allYears: (parseInt(data.total, 10) || 0) <= (parseInt(data.allYearsMax, 10) || 0),
    };
  }

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

  /* The files a state needs: its year's, or (while the timeline may show every year, and only
   * then is the year empty) the one file that holds every year. */
  function yearsOf(state) {
    return state.year ? [state.year] : ["all"];
  }

  function latestYear() {
    return index.years[index.years.length - 1] || "";
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
    if (!state.year && !index.allYears) {
      var m = id && /^e-(\d{4})-/.exec(id);
      state.year = m && index.years.indexOf(m[1]) >= 0 ? m[1] : latestYear();
    }
    return state;
  }

  function hashId() {
    var h = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    var id = h.indexOf("event-") === 0 ? h.slice(6) : "";
    return ID_RE.test(id) ? id : "";
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
    // Absolute: a path that starts with "//" (https://host//) would read as another host.
    var here = window.location.origin + window.location.pathname;
    var url = here + (query ? "?" + query : "") + (id ? "#event-" + id : "");
    if (url !== here + window.location.search + window.location.hash) {
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

  /* A count as the page's own HTML writes it: 9,798. */
  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }

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
      meta.appendChild(el("span", "status planned", t("planned", {})));
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
    facts.appendChild(el("span", "sources", t("sources", { n: n }, n)));
    li.appendChild(facts);
    return li;
  }

  /* The list shows the newest `count` matches. Items already there (the page's own HTML, or a
   * previous state) are kept when they are the ones wanted, so that the opening view touches
   * nothing and "show more" only appends. */
  function renderList(count) {
    count = Math.min(count, matches.length);
    var kids = list.children;
    var keep = 0;
    while (keep < kids.length && keep < count &&
           kids[keep].id === matches[matches.length - 1 - keep].row.slug) keep++;
    if (keep < kids.length) {
      if (keep === 0) list.textContent = "";
      else while (list.children.length > keep) list.removeChild(list.lastElementChild);
    }
    if (keep < count) {
      var frag = document.createDocumentFragment();
      for (var i = keep; i < count; i++) frag.appendChild(listItem(matches[matches.length - 1 - i].row));
      list.appendChild(frag);
    }
    listed = count;
    var rest = matches.length - listed;
    more.hidden = rest <= 0;
    if (rest > 0) {
      moreButton.textContent = t("show_more", { n: num(rest) }, rest);
    }
  }

  function setHeading(state) {
    var what = describe(state);
    var text = t("developments", { n: num(matches.length) }, matches.length) +
      (what ? " · " + what : "");
    if (heading.textContent !== text) heading.textContent = text;
  }

  function describe(state) {
    var parts = [];
    if (state.year) parts.push(state.year);
    if (state.actor) parts.push(index.actors[state.actor] || state.actor);
    if (state.category) parts.push(index.categories[state.category] || state.category);
    if (state.status) parts.push(optionText(form.elements.status, state.status));
    return parts.join(", ");
  }

  function optionText(select, value) {
    var found = Array.prototype.filter.call(select.options, function (o) {
      return o.value === value;
    })[0];
    return found ? found.textContent : value;
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

  function positionOf(id) {
    for (var i = 0; i < matches.length; i++) if (matches[i].row.id === id) return i;
    return -1;
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
          t(b.classList.contains("tl-slidenav-previous") ? "previous" : "next", {}) + " ");
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
    timelineIds = slice.map(function (m) { return m.row.id; });
    if (!slice.length) {
      holder.appendChild(el("p", "timeline-empty", t("no_match", {})));
      explorer.dataset.state = "ready";
      explorer.dataset.events = "0";
      return;
    }
    var startAt = startId ? timelineIds.indexOf(startId) : -1;
    var mount = el("div", "timeline-mount");
    mount.id = "timeline-mount-" + (++generation);
    holder.appendChild(mount);
    var data = { events: slice.map(function (m) { return m.event; }) };
    var options = {
      script_path: SCRIPT_PATH,
      font: null,
      language: TL_LANGUAGE,
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
    // TimelineJS lays itself out again, markers and slides, when its container first comes
    // into view (for timelines built while hidden): ours is built in view, so that second
    // layout would redo the first one. It is skipped while the size it was made for holds; a
    // resize or a reveal still lays it out. Replaced timelines (whose window resize handlers
    // TimelineJS never removes) no longer lay themselves out at all.
    var relayout = tl.updateDisplay;
    tl.updateDisplay = function () {
      if (!mount.isConnected) return undefined;
      if (tl.ready && mount.offsetWidth === tl.options.width &&
          mount.offsetHeight === tl.options.height) return undefined;
      return relayout.apply(tl, arguments);
    };
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

  /* The window before or after the current one, opening on the event next to its edge. */
  function shiftWindow(step) {
    if (!timeline || matches.length <= index.window) return false;
    var current = timelineIds.indexOf(currentId());
    var edge = step > 0 ? timelineIds.length - 1 : 0;
    if (current !== edge) return false;
    var target = windowStart + current + step;
    if (target < 0 || target >= matches.length) return false;
    var id = matches[target].row.id;
    windowStart = step > 0 ? Math.min(target, matches.length - index.window)
      : Math.max(0, target - index.window + 1);
    status();
    writeURL(formState(), id);
    renderTimeline(id);
    return true;
  }

  function currentId() {
    return (timeline && timeline.current_id) || hashId();
  }

  function status() {
    var size = index.window;
    var text = t("matching", { n: num(matches.length) }, matches.length);
    if (matches.length > size) {
      text += "; " + t("window", { first: num(windowStart + 1),
        last: num(Math.min(windowStart + size, matches.length)) });
    }
    text += ".";
    if (statusLine.textContent !== text) statusLine.textContent = text;
  }

  /* ---- applying a state ----------------------------------------------------------------- */

  function apply(state, wantedId) {
    var run = ++applied;
    explorer.dataset.state = "loading";
    FILTERS.forEach(function (name) {
      if (form.elements[name].value !== state[name]) form.elements[name].value = state[name];
    });
    var years = yearsOf(state);
    return Promise.all(years.map(loadYear)).then(function (docs) {
      if (run !== applied) return; // a later change won
      var found = [];
      docs.forEach(function (doc) { // years oldest first, each in the site's own order
        doc.rows.forEach(function (row, i) {
          if (matchesFilters(row, state)) found.push({ row: row, event: doc.events[i] });
        });
      });
      matches = found;
      var id = wantedId && positionOf(wantedId) >= 0 ? wantedId : "";
      windowStart = windowFor(id);
      writeURL(state, id);
      renderList(Math.max(index.listLimit, id ? matches.length - positionOf(id) : 0));
      setHeading(state);
      status();
      renderTimeline(id);
    }).catch(function (err) {
      if (run !== applied) return;
      explorer.dataset.state = "error";
      statusLine.textContent = t("load_error", { error: err.message });
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
      if (shiftWindow(ARROWS[e.key])) return;
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
    var state = { year: index.allYears ? "" : latestYear(), actor: "", category: "",
      status: "" };
    apply(state, "");
  });
  earlier.addEventListener("click", function () {
    windowStart = Math.max(0, windowStart - index.window);
    status();
    renderTimeline("");
  });
  later.addEventListener("click", function () {
    windowStart = Math.min(matches.length - index.window, windowStart + index.window);
    status();
    renderTimeline("");
  });
  moreButton.addEventListener("click", function () {
    var first = listed;
    renderList(matches.length);
    var next = list.children[first];
    var link = next && next.querySelector("h3 a");
    if (link) link.focus(); // keyboard and screen-reader users land on what was added
  });
  window.addEventListener("beforeprint", function () { renderList(matches.length); });
  window.addEventListener("hashchange", function () {
    var id = hashId();
    if (!id) return;
    var pos = positionOf(id);
    if (pos >= windowStart && pos < windowStart + index.window && timeline) {
      timeline.goToId(id);
    } else if (pos >= 0) {
      windowStart = windowFor(id);
      if (matches.length - pos > listed) renderList(matches.length - pos);
      status();
      renderTimeline(id);
    } else {
      apply(readState(), id);
    }
  });

  if (!index.allYears) {
    var all = form.elements.year.querySelector('option[value=""]');
    if (all) all.remove();
  }
  explorer.hidden = false;
  // An #event-… link first lands on its development in the plain list (the target without
  // JavaScript); with the timeline here, show the timeline, which opens that event. The
  // browser keeps going back to the link's target until the page has loaded: after that.
  if (hashId()) {
    var show = function () { explorer.scrollIntoView({ block: "start" }); };
    if (document.readyState === "complete") show();
    else window.addEventListener("load", show, { once: true });
  }
  apply(readState(), hashId());
})();
