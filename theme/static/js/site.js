/* Behaviour of every page (loaded with `defer` by base.html). Each part does without
   JavaScript too; this only makes it better.

   1. Citation tooltips. Each citation links to its reference in the entry's reference list and
      is described by that reference's text (aria-describedby), which the page holds once.
      This copies the text, links left out (a tooltip holds nothing focusable), into a tooltip
      after each citation link; the stylesheet shows it on hover and keyboard focus. Escape
      dismisses it without moving the pointer or the focus (WCAG 2.2, 1.4.13): the citation
      gets `tip-dismissed` until neither pointer nor focus is on it any more. Without
      JavaScript a citation is the link to its reference, which the stylesheet highlights.

   2. Printed pages: the URL of every external link as a numbered note, not inline clutter.

   Just before printing (the browser's "beforeprint" event, which Chromium also fires for
   "Save as PDF" and headless printing), each external link in the page's main content gets a
   superscript number and the page gets a "Links" list of those URLs at its end; the same URL
   keeps one number. "afterprint" removes them again. Links whose text is their URL already
   (reference lists, the sources page) and links in parts that are not printed get no note.
   Without JavaScript the print stylesheet prints the URL after the link instead. */
(function () {
  "use strict";
  function tooltip(link) {
    var text = document.getElementById(link.getAttribute("aria-describedby") || "");
    if (!text || !text.classList.contains("ref-text")) return;
    var tip = document.createElement("span");
    tip.className = "cite-tip";
    tip.setAttribute("aria-hidden", "true");  // screen readers get the text it describes
    tip.appendChild(text.cloneNode(true)).removeAttribute("id");
    tip.querySelectorAll("a").forEach(function (a) { a.replaceWith.apply(a, a.childNodes); });
    link.after(tip);
  }
  document.querySelectorAll(".cite > .cite-link[aria-describedby]").forEach(tooltip);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".cite:hover, .cite:focus-within").forEach(function (cite) {
      cite.classList.add("tip-dismissed");
    });
  });
  function undismiss() {
    document.querySelectorAll(".cite.tip-dismissed").forEach(function (cite) {
      if (!cite.matches(":hover, :focus-within")) cite.classList.remove("tip-dismissed");
    });
  }
  document.addEventListener("pointerover", undismiss);
  document.addEventListener("focusin", undismiss);
})();

(function () {
  "use strict";
  var NOT_PRINTED = "nav, form, .references, .reference-list, .source-list, .cite-tip, " +
    ".edit-links, .data-links, .credits, .timeline-embed, .tl-timeline, #explorer, .filters, " +
    ".pagefind-ui, [role=tooltip], [hidden]";
  var made = [];

  function noted(a) {
    if (a.closest(NOT_PRINTED) || a.classList.contains("ref-url") ||
        a.classList.contains("cite-link")) return false;
    var text = a.textContent.trim();
    return text !== "" && text !== a.href && text !== a.getAttribute("href");
  }

  function before() {
    var main = document.querySelector("main");
    if (!main || made.length) return;
    var numbers = new Map();
    var list = document.createElement("ol");
    main.querySelectorAll('a[href^="http://"], a[href^="https://"]').forEach(function (a) {
      if (!noted(a)) return;
      var n = numbers.get(a.href);
      if (!n) {
        n = numbers.size + 1;
        numbers.set(a.href, n);
        var li = document.createElement("li");
        li.textContent = a.href;
        list.appendChild(li);
      }
      var sup = document.createElement("sup");
      sup.className = "print-note-ref";
      sup.textContent = String(n);
      a.after(sup);
      made.push(sup);
    });
    if (!numbers.size) return;
    var section = document.createElement("section");
    section.className = "print-notes";
    var h = document.createElement("h2");
    // in the page's language (#site-words, rendered by the build)
    var words = document.getElementById("site-words");
    h.textContent = (words && JSON.parse(words.textContent).links) || "Links";
    section.append(h, list);
    main.appendChild(section);
    made.push(section);
    document.documentElement.classList.add("print-notes-on");
  }

  function after() {
    made.forEach(function (node) { node.remove(); });
    made = [];
    document.documentElement.classList.remove("print-notes-on");
  }

  window.addEventListener("beforeprint", before);
  window.addEventListener("afterprint", after);
})();
