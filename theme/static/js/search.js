/* Full-text search over the entries with Pagefind's own index (built by `briefings build`).
 * Results are built with textContent; Pagefind's excerpt keeps only its <mark> highlights. */
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const statusLine = document.getElementById("search-status");
const results = document.getElementById("search-results");
let pagefind = null;
// The words shown to readers, in the page's language (#site-words, rendered by the build)
const WORDS = JSON.parse(document.getElementById("site-words")?.textContent || "{}");
const PLURAL = new Intl.PluralRules(document.documentElement.lang || "en");

function t(key, values = {}, n = 0) {
  let w = WORDS[key] || key;
  if (typeof w === "object") w = w[PLURAL.select(n)] || w.other;
  return w.replace(/%\((\w+)\)s/g, (_m, name) => String(values[name]));
}
let latest = 0;

function excerptNodes(excerpt) {
  // Pagefind escapes the page text and wraps hits in <mark>: keep the marks, nothing else.
  const frag = document.createDocumentFragment();
  const doc = new DOMParser().parseFromString(`<p>${excerpt}</p>`, "text/html");
  for (const node of doc.body.firstChild.childNodes) {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      frag.appendChild(mark);
    } else {
      frag.appendChild(document.createTextNode(node.textContent));
    }
  }
  return frag;
}

async function run(query) {
  const ticket = ++latest;
  results.textContent = "";
  if (!query.trim()) { statusLine.textContent = ""; return; }
  statusLine.textContent = t("searching");
  try {
    if (!pagefind) {
      pagefind = await import(form.dataset.pagefind);
      await pagefind.options({ excerptLength: 24 });
    }
    const search = await pagefind.search(query);
    const data = await Promise.all(search.results.slice(0, 30).map((r) => r.data()));
    if (ticket !== latest) return;
    for (const item of data) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = item.url;
      a.textContent = (item.meta && item.meta.title) || item.url;
      const h = document.createElement("h2");
      h.className = "result-title";
      h.appendChild(a);
      const p = document.createElement("p");
      p.appendChild(excerptNodes(item.excerpt || ""));
      li.append(h, p);
      results.appendChild(li);
    }
    const n = search.results.length;
    statusLine.textContent = t("found", { n }, n) + (n > 30 ? " " + t("first_shown", { n: 30 }) : "") + ".";
  } catch (err) {
    statusLine.textContent = t("search_error", { error: err.message });
  }
}

const params = new URLSearchParams(window.location.search);
input.value = params.get("q") || "";
let timer = 0;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    const url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  }, 200);
});
form.addEventListener("submit", (e) => { e.preventDefault(); run(input.value); });
if (input.value) run(input.value);
