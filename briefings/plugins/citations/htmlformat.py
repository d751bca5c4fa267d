"""A citeproc-py output formatter for a site with a strict Content-Security-Policy.

citeproc-py's own ``formatter.html`` writes small caps as an inline ``style`` attribute (which
``style-src`` without ``'unsafe-inline'`` blocks) and ``<l>`` for light text (not HTML). This one
writes classes instead. Values are escaped before they reach citeproc (see ``csl.py``):
citeproc-py inserts variables into its output as they are.
"""

from __future__ import annotations

from html import escape


def preformat(text: object) -> str:
    return escape(str(text), quote=False)


class TagWrapper(str):
    tag = "span"
    attributes: dict[str, str] = {}  # noqa: RUF012  (read-only class data)

    def __new__(cls, text: str):
        attrib = "".join(f' {k}="{v}"' for k, v in cls.attributes.items())
        return super().__new__(cls, f"<{cls.tag}{attrib}>{text}</{cls.tag}>")


class Italic(TagWrapper):
    tag = "i"


class Oblique(Italic):
    pass


class Bold(TagWrapper):
    tag = "b"


class Light(TagWrapper):
    attributes = {"class": "csl-light"}  # noqa: RUF012


class Underline(TagWrapper):
    tag = "u"


class Superscript(TagWrapper):
    tag = "sup"


class Subscript(TagWrapper):
    tag = "sub"


class SmallCaps(TagWrapper):
    attributes = {"class": "csl-smallcaps"}  # noqa: RUF012
