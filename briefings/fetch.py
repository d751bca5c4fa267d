"""A source from a URL: fetch the page, extract the article, archive it in ``sources/``.

``briefings ingest URL`` and ``briefings new-source URL`` use this module:

1. **fetch**    the page over http(s) (:func:`fetch`), within the time and size limits of
   ``briefings/ingest/data/settings.yaml``; anything but an HTML page with status 2xx is a
   :class:`FetchError` that names the URL and the reason, raised before anything is written;
2. **extract**  its text and metadata (:func:`capture`): trafilatura gives the text, title,
   site name (the publisher) and author, htmldate the publication date from the page's markup
   (meta tags, ``<time>``, the URL; never a date of the text, which ingest reads itself), the
   ``lang`` of the page its language when the text does not read as another;
3. **archive**  the page as fetched (``<key>.html``), its text (``<key>.txt``, what ingest
   reads) and their sidecar (``<key>.meta.yaml``) in ``sources/`` (:func:`archive`), so that the
   citation survives the page's removal. :func:`archived` finds a URL already archived, so that
   a second run reuses it instead of fetching it again.
"""

from __future__ import annotations

import copy
import datetime as dt
import http.client
import re
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from briefings import invisible
from briefings.urls import url_problem

#: The media types of an HTML page.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = "briefings/0.1 (archives the pages a chronology cites)"


class FetchError(Exception):
    """A page that cannot become a source: ``str()`` is ``URL: reason (hint)``."""

    def __init__(self, url: str, reason: str, hint: str = "") -> None:
        self.url, self.reason, self.hint = url, reason, hint
        super().__init__(f"{url}: {reason}" + (f" ({hint})" if hint else ""))


class FetchErrors(Exception):
    """The pages of several URLs that cannot be had, each a :class:`FetchError`."""

    def __init__(self, errors: list[FetchError]) -> None:
        self.errors = errors
        super().__init__("\n".join(map(str, errors)))


@dataclass
class Page:
    url: str  # as given
    final_url: str  # after redirects
    body: bytes  # as the server sent it
    charset: str | None  # of the Content-Type header


@dataclass
class Capture:
    """A fetched page, its text, and the sidecar values it gives (``None``: not known)."""

    page: Page
    text: str
    meta: dict[str, str | None] = field(default_factory=dict)
    #: how a value was found, for reviewers: sidecar field -> a sentence
    notes: dict[str, str] = field(default_factory=dict)

    def note(self, given: dict[str, str | None]) -> str | None:
        """The notes of the values that ``given`` (the command's options) does not replace."""
        return " ".join(n for name, n in self.notes.items() if not given.get(name)) or None


def limits() -> tuple[float, int]:
    """``(timeout in seconds, largest page in bytes)``: a page is at most a source's size."""
    from briefings.ingest.read import settings

    conf = settings()
    return float(conf.get("fetch_timeout", 20)), int(conf["max_bytes"])


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another http(s) address."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if url_problem(newurl):
            raise FetchError(req.full_url, f"it redirects to {newurl}, not an http(s) address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str) -> Page:
    """The page at ``url``, or a :class:`FetchError` saying why there is none."""
    timeout, max_bytes = limits()
    opener = urllib.request.build_opener(_CheckedRedirects)
    request = urllib.request.Request(url, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
    try:
        with opener.open(request, timeout=timeout) as resp:
            ctype = resp.headers.get_content_type()
            if ctype not in HTML_TYPES:
                raise FetchError(url, f"the server sent {ctype}, not an HTML page",
                                 "give the address of the article's web page")
            length = resp.headers.get("Content-Length", "")
            too_large = FetchError(url, f"the page is larger than the {max_bytes / 1e6:.1f} MB "
                                   "a source can be (max_bytes in briefings/ingest/data/"
                                   "settings.yaml)", "save the article's text and add that file")
            if length.isdigit() and int(length) > max_bytes:
                raise too_large
            body = resp.read(max_bytes + 1)  # one byte more tells a page that is too large
            if len(body) > max_bytes:
                raise too_large
            return Page(url, resp.geturl(), body, resp.headers.get_content_charset())
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if 300 <= exc.code < 400 else None
        if location and url_problem(location):  # urllib refuses it before asking the handler
            raise FetchError(url, f"it redirects to {location}, not an http(s) address") \
                from None
        raise FetchError(url, f"the server answered {exc.code} {exc.reason}",
                         "check the address in a browser") from None
    except urllib.error.URLError as exc:
        raise FetchError(url, *_network_reason(exc.reason, timeout)) from None
    except TimeoutError:
        raise FetchError(url, f"no answer within {timeout:g} s",
                         "try again later; fetch_timeout in settings.yaml") from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(url, f"the connection failed: {exc}",
                         "check the address and the network") from None


def _network_reason(reason: object, timeout: float) -> tuple[str, str]:
    """``(reason, hint)`` of a connection that was not made."""
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused", "no server answers at that address and port"
    if isinstance(reason, socket.gaierror):
        return ("the host name could not be resolved",
                "no network, or no such host: check the address")
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s", "try again later; fetch_timeout in settings.yaml"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection failed: {reason}", "check the address"
    return f"the connection failed: {reason}", "check the address and the network"


def capture(page: Page) -> Capture:
    """The article of ``page``: its text and what the page says about it."""
    import htmldate
    import trafilatura

    from briefings.ingest.clean import clean
    from briefings.ingest.read import TRAFILATURA_OPTIONS

    html = page.body.decode(page.charset, errors="replace") if _known(page.charset) \
        else page.body
    tree = trafilatura.load_html(html)
    if tree is None:
        raise FetchError(page.url, "the page holds no HTML that can be read",
                         "give the address of the article's web page")
    # htmldate reads the page's markup only (extensive_search=False): a "Last modified" line
    # or any date of the text is not the publication date.
    published = htmldate.find_date(copy.deepcopy(tree), extensive_search=False,
                                   original_date=True, url=page.final_url)
    declared = _declared_language(tree)
    doc = trafilatura.bare_extraction(tree, url=page.final_url, with_metadata=True,
                                      **TRAFILATURA_OPTIONS)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not re.search(r"\w", clean(text)[0]):  # what ingest would refuse (E-SOURCE-NO-TEXT)
        raise FetchError(page.url, "no article text could be extracted from the page",
                         "save the article's text to a file and add that file instead")
    cap = Capture(page, text + "\n")

    def value(name: str) -> str | None:
        raw = getattr(doc, name, None)
        return " ".join(invisible.normalise(str(raw)).split()) or None if raw else None

    publisher = value("sitename")
    if not publisher:
        publisher = (urlsplit(page.final_url).hostname or "").removeprefix("www.") or None
        cap.notes["publisher"] = "Publisher taken from the address's host name."
    if published:
        cap.notes["published"] = "Publication date from the page's markup."
    if page.final_url != page.url:
        cap.notes["url"] = f"Fetched from {page.final_url} (redirected)."
    cap.meta = {"url": page.url, "title": value("title"), "publisher": publisher,
                "author": value("author"), "published": published or None,
                "accessed": dt.date.today().isoformat(),
                "language": _language(declared, text)}
    return cap


def _known(charset: str | None) -> bool:
    import codecs

    try:
        return bool(charset) and bool(codecs.lookup(charset))
    except LookupError:
        return False


def _declared_language(tree) -> str | None:
    """The language the page declares (``<html lang>``, Content-Language, ``og:locale``)."""
    values = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    values += tree.xpath("//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', "
                         "'content-language')='content-language']/@content")
    values += tree.xpath("//meta[@property='og:locale']/@content")
    return next((str(v).strip() for v in values if v and str(v).strip()), None)


def _language(declared: str | None, text: str) -> str | None:
    """The declared language when the text does not clearly read as another (many sites
    declare ``en`` whatever they publish); ``None`` leaves ingest to detect it and say so."""
    from briefings.ingest.language import detect, primary

    code = primary(declared)
    if not code or not code.isalpha() or len(code) != 2:
        return None
    found = detect(text)
    if found is None:
        return code
    return found.language if found.code == code else None


def archived(url: str, sources: Path) -> Path | None:
    """The source file under ``sources`` whose sidecar gives ``url``, if any."""
    from briefings.sourcemeta import find_sources, meta_path_for, read_meta

    if not sources.is_dir():
        return None
    for path in find_sources([sources]):
        sidecar = meta_path_for(path)
        if not sidecar.is_file() or url.strip() not in sidecar.read_text("utf-8", "replace"):
            continue  # read as YAML only the sidecars that hold the address
        meta, _problems = read_meta(path)
        if meta.url and meta.url.strip() == url.strip():
            return path
    return None


def archive(cap: Capture, text_path: Path, meta: dict[str, str | None]) -> list[Path]:
    """Write the page as fetched beside ``text_path`` (``.html``), its text and the sidecar
    ``meta`` (all of :data:`briefings.sourcemeta.META_FIELDS`); returns the files written."""
    from briefings.model import SourceMeta
    from briefings.sourcemeta import write_meta

    page_path = text_path.with_suffix(".html")
    text_path.parent.mkdir(parents=True, exist_ok=True)
    # Page and text are written as .part and renamed, the text last: a run stopped half-way
    # leaves no source that ingest would read without its sidecar.
    page_part, text_part = (p.with_name(p.name + ".part") for p in (page_path, text_path))
    page_part.write_bytes(cap.page.body)
    meta_path = write_meta(SourceMeta(file=text_path, **meta))
    text_part.write_text(cap.text, encoding="utf-8")
    text_part.replace(text_path)
    page_part.replace(page_path)
    return [page_path, text_path, meta_path]


def sources_for_urls(urls: list[str], sources: Path, bib_path: Path,
                     given: dict[str, str | None]) -> list[tuple[str, Path, list[Path]]]:
    """``(url, source file, files written)`` for each of ``urls``: the source archived under
    ``sources`` already (nothing written), else the page fetched and archived. Every page is
    fetched before anything is written: when one fails (:class:`FetchErrors`, one for each
    page that cannot be had), the tree is left as it was.
    ``given`` (title, publisher, published) wins over what the page says."""
    from briefings.ingest.cite import known_keys, read_bib
    from briefings.scaffold.new_source import make_key

    plan: list[tuple[str, Path | None, Capture | None]] = []
    failed: list[FetchError] = []
    for url in dict.fromkeys(u.strip() for u in urls):
        found = archived(url, sources)
        try:
            plan.append((url, found, None if found else capture(fetch(url))))
        except FetchError as exc:  # every URL is tried, so that all are reported at once
            failed.append(exc)
    if failed:
        raise FetchErrors(failed)
    bib, _problems = read_bib(bib_path)  # ingest reports the bibliography's problems
    known = known_keys(bib)
    stems = {p.name.split(".")[0] for p in sources.iterdir()} if sources.is_dir() else set()
    taken = set(bib) | stems
    out = []
    for url, found, cap in plan:
        if cap is None:
            out.append((url, found, []))
            continue
        meta = {**cap.meta, **{k: v for k, v in given.items() if v}}
        key = known.get(url)  # recorded without a file (new-source --no-fetch): its key
        if not key or key in stems:  # never a file that is there already
            key = make_key(meta["publisher"] or "", meta["published"],
                           meta["title"] or urlsplit(url).path, taken)
        taken.add(key)
        stems.add(key)
        meta["notes"] = cap.note(given)
        text_path = sources / f"{key}.txt"
        out.append((url, text_path, archive(cap, text_path, meta)))
    return out
