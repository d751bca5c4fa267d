"""Helpers of the integrity checks: build and serve a site, walk its pages, spot live payloads.

Static checks parse the output files with lxml; browser checks drive Debian's Chromium through
Playwright. Both look for the same things: script that could run (inline scripts, ``on…``
handlers, ``javascript:`` URLs, frames) and requests to any origin but the site's own.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import lxml.html

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HOSTILE = FIXTURES / "hostile"

#: Attributes whose value is a URL that a browser may load or navigate to.
URL_ATTRS = ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
             "srcset", "ping", "cite", "manifest", "codebase")
#: URL schemes that run script (or render attacker HTML) when loaded or followed.
SCRIPT_SCHEMES = ("javascript", "vbscript", "livescript")
JS_TYPES = ("", "text/javascript", "application/javascript", "module", "text/ecmascript",
            "application/ecmascript", "text/jscript")
FRAME_TAGS = ("iframe", "frame", "frameset", "object", "embed", "applet", "base")


# --- building -----------------------------------------------------------------------------------

def hostile_content(dest: Path) -> Path:
    """A copy of tests/fixtures/content with the hostile entry, page, actor and source added."""
    shutil.copytree(FIXTURES / "content", dest)
    for folder in ("briefings", "pages"):
        shutil.copytree(HOSTILE / "content" / folder, dest / folder, dirs_exist_ok=True)
    for name, extra in (("actors.yaml", "actors.append.yaml"),
                        ("bibliography.bib", "bibliography.append.bib")):
        with (dest / name).open("a", encoding="utf-8") as f:
            f.write((HOSTILE / "content" / extra).read_text(encoding="utf-8"))
    return dest


def content_with_entries() -> Path:
    """The repository's content/ when it has entries, else the fixture content."""
    content = ROOT / "content"
    if any((content / "briefings").rglob("*.md")):
        return content
    return FIXTURES / "content"


# --- walking the output -------------------------------------------------------------------------

def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def browsed_files(site: Path) -> list[Path]:
    """The pages a browser test opens: every page of the root's language, and of each other
    language's site (``<site>/<code>/``) one page of each kind (the same templates, other
    words): the home page, one entry, one actor, one year, the search page and the rest."""
    langs = {p.parent.name for p in site.glob("*/index.html")
             if len(p.parent.name) == 2 and p.parent.name.isalpha()}
    out, kinds = [], set()
    for f in html_files(site):
        parts = f.relative_to(site).parts
        if parts[0] not in langs:
            out.append(f)
            continue
        kind = (parts[0], parts[1])  # a folder (briefings, years…) or a page (404.html)
        if kind not in kinds:
            kinds.add(kind)
            out.append(f)
    return out


def url_of(site: Path, path: Path) -> str:
    """The URL path under which the site's server serves ``path`` (``/x/`` for ``x/index.html``)."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def file_of(site: Path, url_path: str) -> Path | None:
    """The file the server would answer for ``url_path``, or None (a 404)."""
    rel = unquote(url_path).lstrip("/")
    target = (site / rel).resolve()
    if site.resolve() not in (target, *target.parents):
        return None
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def find_page(site: Path, *globs: str) -> Path | None:
    for pattern in globs:
        found = sorted(site.glob(pattern))
        if found:
            return found[0]
    return None


@functools.lru_cache(maxsize=512)
def parse_html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def ids_of(path: Path) -> frozenset[str]:
    doc = parse_html(path)
    return frozenset([*doc.xpath("//@id"), *doc.xpath("//a/@name")])


# --- what must never be live --------------------------------------------------------------------

def url_scheme(value: str) -> str:
    """The scheme of a URL as a browser sees it (control characters and spaces are ignored)."""
    cleaned = re.sub(r"[\x00-\x20]", "", value)
    m = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", cleaned)
    return m.group(1).lower() if m else ""


#: The one ``javascript:`` URL that runs nothing (Pagefind's UI puts it in its form's action).
INERT_JS_URL = re.compile(r"^javascript:void\(0\);?$", re.I)


def dangerous_url(value: str) -> bool:
    scheme = url_scheme(value)
    if scheme in SCRIPT_SCHEMES:
        return not INERT_JS_URL.match(re.sub(r"[\x00-\x20]", "", value))
    safe_data = re.match(r"^\s*data:image/(png|gif|jpe?g|webp)[;,]", value, re.I)
    return scheme == "data" and not safe_data


def element_dangers(doc: lxml.html.HtmlElement, same_origin: tuple[str, ...] = ("",)) -> list[str]:
    """What in this parsed HTML could run script or load from elsewhere."""
    found: list[str] = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue  # comments, processing instructions
        tag = el.tag.lower().rsplit("}", 1)[-1]
        line = getattr(el, "sourceline", "?")
        for name, value in el.attrib.items():
            n = name.lower().rsplit("}", 1)[-1]
            if n.startswith("on"):
                found.append(f"line {line}: <{tag} {n}=…> event handler")
            if n in URL_ATTRS or name.lower() == "xlink:href":
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if n == "srcset" \
                    else [value]
                for u in urls:
                    if dangerous_url(u):
                        found.append(f"line {line}: <{tag} {n}={u[:60]!r}>")
        if tag == "script":
            kind = (el.get("type") or "").strip().lower()
            src = el.get("src")
            if src is None and kind in JS_TYPES:
                found.append(f"line {line}: inline <script>{(el.text or '')[:60]!r}")
                if "pwned" in (el.text or ""):
                    found.append(f"line {line}: <script> holding a payload")
            elif src is not None and urlsplit(src).netloc not in same_origin:
                found.append(f"line {line}: <script src={src!r}> from another origin")
            elif src is None and kind.endswith("json"):
                found += [f"line {line}: {d}" for d in data_block_dangers(el.text or "")]
        if tag in FRAME_TAGS:
            found.append(f"line {line}: <{tag}> element")
        if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
            found.append(f"line {line}: <meta http-equiv=refresh>")
    return found


def fragment_dangers(text: str) -> list[str]:
    """:func:`element_dangers` of a string that some code will insert as HTML."""
    if "<" not in text and ":" not in text:
        return []
    try:
        frags = lxml.html.fragments_fromstring(text)
    except Exception:  # lxml refuses some inputs (e.g. only whitespace); nothing to insert then
        return []
    out: list[str] = []
    for frag in frags:
        if isinstance(frag, str):
            continue
        wrapper = lxml.html.fragment_fromstring("<div></div>")
        wrapper.append(frag)
        out.extend(element_dangers(wrapper))
    return out


def data_block_dangers(text: str) -> list[str]:
    """A ``<script type=…json>`` data block: whole JSON (no payload broke out of it), and every
    string in it safe to insert as HTML (scripts often do)."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        return [f"JSON data block does not parse ({exc}): something broke out of it"]
    return [f"JSON data block {where}: {d}" for where, s in json_strings(value)
            for d in fragment_dangers(s)]


def json_strings(value: object, where: str = "$") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, with its path (``$.events[3].text.headline``)."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from json_strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from json_strings(v, f"{where}[{i}]")


# --- Content-Security-Policy ---------------------------------------------------------------------

def parse_csp(policy: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out.setdefault(words[0].lower(), [w for w in words[1:]])
    return out


#: Source expressions that name no other origin and allow no inline or evaluated script.
SAFE_SOURCES = ("'self'", "'none'", "'wasm-unsafe-eval'", "'strict-dynamic'", "'report-sample'")


def csp_problems(policy: str) -> list[str]:
    """Why ``policy`` does not forbid inline scripts and third-party origins (empty: it does)."""
    d = parse_csp(policy)
    problems = []
    if d.get("default-src") not in (["'self'"], ["'none'"]):
        problems.append(f"default-src is {d.get('default-src')}, not 'self'")
    for directive, sources in d.items():
        if not directive.endswith("-src") and directive not in ("form-action", "base-uri"):
            continue
        scripts = directive.startswith(("script-src", "default-src"))
        for s in sources:
            low = s.lower()
            if low in SAFE_SOURCES or low.startswith(("'nonce-", "'sha256-", "'sha384-",
                                                      "'sha512-")):
                continue
            if low == "'unsafe-inline'" and not scripts:
                continue  # inline styles: not script
            if low in ("data:",) and directive in ("img-src", "font-src", "media-src"):
                continue
            problems.append(f"{directive} allows {s}")
    return problems


# --- serving --------------------------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
                      **http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".json": "application/json",
                      ".js": "text/javascript", ".mjs": "text/javascript",
                      ".pf_meta": "application/octet-stream",
                      ".pf_fragment": "application/octet-stream",
                      ".pf_index": "application/octet-stream",
                      ".pf_filter": "application/octet-stream"}

    def log_message(self, format: str, *args: object) -> None:  # the base's signature
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- the browser ---------------------------------------------------------------------------------

#: Runs before any script of the page (Playwright injects it, so the page's CSP does not apply).
RECORDER = """
window.__integrity = {csp: []};
document.addEventListener('securitypolicyviolation', (e) => {
  window.__integrity.csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`
    + ` at ${e.sourceFile || ''}:${e.lineNumber} ${e.sample || ''}`);
}, true);
"""

#: The same checks as :func:`element_dangers`, on the live DOM (after the page's scripts ran).
DOM_DANGERS = """
() => {
  const bad = [];
  const urlAttrs = URL_ATTRS;
  const frames = FRAME_TAGS;
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on')) bad.push(`<${tag} ${n}> event handler`);
      if (urlAttrs.includes(n)) {
        const v = a.value.replace(/[\\x00-\\x20]/g, '').toLowerCase();
        if ((/^(javascript|vbscript|livescript):/.test(v) && !/^javascript:void\\(0\\);?$/.test(v))
            || (v.startsWith('data:') && !/^data:image\\/(png|gif|jpe?g|webp)[;,]/.test(v)))
          bad.push(`<${tag} ${n}=${a.value.slice(0, 60)}>`);
      }
    }
    if (tag === 'script') {
      const type = (el.getAttribute('type') || '').trim().toLowerCase();
      const js = ['', 'text/javascript', 'application/javascript', 'module'].includes(type);
      if (!el.src && js) bad.push(`inline <script>${el.textContent.slice(0, 60)}`);
      if (el.src && new URL(el.src).origin !== location.origin) bad.push(`<script src=${el.src}>`);
      if (!el.src && js && el.textContent.includes('pwned')) bad.push('<script> holding a payload');
    }
    if (frames.includes(tag) && !(tag === 'iframe' && el.src
        && new URL(el.src, location.href).origin === location.origin))
      bad.push(`<${tag}> element`);
  }
  return bad;
}
""".replace("URL_ATTRS", repr(list(URL_ATTRS))).replace("FRAME_TAGS", repr(list(FRAME_TAGS)))


@dataclass
class Visit:
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    pwned: object = None
    dom_dangers: list[str] = field(default_factory=list)
    text: str = ""

    def problems(self) -> list[str]:
        out = []
        for name in ("console_errors", "page_errors", "csp_violations", "foreign_requests",
                     "failed_responses", "dialogs", "dom_dangers"):
            out.extend(f"{self.url}: {name.replace('_', ' ')}: {x}" for x in getattr(self, name))
        if self.pwned is not None:
            out.append(f"{self.url}: a payload ran (window.__pwned = {self.pwned!r})")
        return out


class Visitor:
    """One browser page that records everything the integrity checks look at, visit by visit."""

    def __init__(self, browser, base: str, **context_options) -> None:
        self.base = base
        self.context = browser.new_context(**context_options)
        self.context.add_init_script(RECORDER)
        self.context.route("**/*", self._route)
        self.current: Visit | None = None
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda e: self._record("page_errors", str(e)))
        self.page.on("response", self._on_response)
        self.page.on("dialog", self._on_dialog)

    def _record(self, kind: str, what: str) -> None:
        if self.current is not None:
            getattr(self.current, kind).append(what)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self._record("console_errors", message.text)

    def _on_response(self, response) -> None:
        if response.status >= 400:
            self._record("failed_responses", f"{response.status} {response.url}")

    def _on_dialog(self, dialog) -> None:
        self._record("dialogs", f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url == self.base:
            route.continue_()
            return
        self._record("foreign_requests", url)
        route.abort()  # nothing leaves this machine, whatever the page asks for

    def visit(self, path: str, action=None) -> Visit:
        """Load ``path``, let it settle, run ``action(page)``, then record what happened."""
        page = self.page
        v = self.current = Visit(path)
        try:
            page.goto(self.base + path, wait_until="load")
            if page.locator("script[src]").count():
                # Scripts may fetch more (timeline data, search index): wait for the network.
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("networkidle", timeout=5000)
            page.evaluate("document.fonts.ready.then(() => true)")
            if action is not None:
                action(page)
            v.csp_violations = page.evaluate("window.__integrity ? window.__integrity.csp : []")
            v.pwned = page.evaluate("window.__pwned === undefined ? null : String(window.__pwned)")
            v.dom_dangers = page.evaluate(DOM_DANGERS)
            v.text = page.inner_text("body")
        finally:
            self.current = None
        return v

    def close(self) -> None:
        self.context.close()


SEARCH_BOX = "input[type=search], input[name=q], .pagefind-ui__search-input"
RESULT_LINKS = "() => document.querySelectorAll('main a[href*=\"/briefings/\"]').length"


def search_for(query: str):
    """An action for :meth:`Visitor.visit`: type ``query`` in the page's search box and wait
    until result links to entries appear (more than the page had before)."""

    def action(page) -> None:
        before = page.evaluate(RESULT_LINKS)
        page.locator(SEARCH_BOX).first.fill(query)
        page.wait_for_function(f"() => ({RESULT_LINKS})() > {before}", timeout=15000)
        page.wait_for_timeout(300)  # let the last results and excerpts render

    return action


def normalize_space(text: str) -> str:
    return " ".join(text.split())
