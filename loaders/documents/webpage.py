"""Saved web pages (.html, .htm): the main text only — no navigation, page header or footer, scripts,
styles, asides, forms, cookie banners or comments; headings, paragraphs and list items (``- ``,
indented by nesting) each on their own lines, a definition list's terms and definitions as "Term:
definition" lines, table rows as for .docx, a blank line between blocks.
The title is the page's <h1> (else its og:title or <title>), the date what its metadata states.
"""

from __future__ import annotations

import re
from typing import Any

from loaders.documents.dates import parse_date
from loaders.documents.decoding import BOMS, decode_text
from loaders.documents.lines import blocks_to_lines, inline, table_row
from loaders.documents.metadata import looks_like_name, useful_title

# Never part of a page's text: page chrome, scripts, forms and what the reader cannot see.
_HTML_DROP = {
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select", "textarea",
    "input", "label", "iframe", "svg", "canvas", "object", "embed", "dialog", "menu", "head", "map", "audio",
    "video", "picture", "img",
}  # fmt: skip
_HTML_CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
_HTML_CHROME_CLASS = re.compile(
    r"cookie|consent|gdpr|onetrust|breadcrumb|skip-?link|sr-only|visually-?hidden|screen-reader", re.I
)
_HTML_BLOCK = {
    "address", "article", "blockquote", "body", "caption", "center", "details", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "hr", "html", "main", "p", "section",
    "summary", "table", "tbody", "thead", "tfoot",
}  # fmt: skip
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_HTML_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date", "dcterms.created", "citation_publication_date", "citation_date",
    "pubdate", "publishdate", "publication_date", "article.published",
)  # fmt: skip


class _HtmlText:
    """Walks a parsed page and collects its blocks: headings, paragraphs, list items ("- ", indented by
    nesting), table rows (Markdown rows, :func:`loaders.documents.lines.table_row`) and preformatted text."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, list[str]]] = []
        self.inline: list[str] = []
        self.prefix: str | None = None

    def flush(self, kind: str = "text") -> None:
        text = "".join(self.inline)
        self.inline = []
        lines = [inline(s) for s in text.split("\n")]
        lines = [s for s in lines if s]
        if not lines:
            return
        if self.prefix is not None:
            lines = [self.prefix + " ".join(lines)]
            kind, self.prefix = "item", None
        self.blocks.append((kind, lines))

    def walk(self, node: Any, depth: int = 0) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import CData, Comment, Declaration, Doctype, ProcessingInstruction

        for child in node.children:
            if isinstance(child, Comment | Doctype | Declaration | ProcessingInstruction | CData):
                continue
            if isinstance(child, NavigableString):
                self.inline.append(_HTML_SPACE.sub(" ", str(child)))  # only <br> breaks a line
                continue
            if not isinstance(child, Tag) or _html_hidden(child):
                continue
            name = child.name
            if name == "br":
                self.inline.append("\n")
            elif name in ("ul", "ol"):
                self.flush()
                self.walk(child, depth + 1)
                self.flush()
            elif name == "li":
                self.flush()
                self.prefix = "  " * max(depth - 1, 0) + "- "
                self.walk(child, depth)
                self.flush()
                self.prefix = None
            elif name == "dt":  # a definition list's term and its definition: one "Term: definition" line
                self.flush()
                self.walk(child, depth)
                self.inline.append(": ")
            elif name == "dd":
                self.walk(child, depth)
                self.flush()
            elif name in _HTML_HEADINGS:
                self.flush()
                self.walk(child, depth)
                self.flush("heading")
            elif name == "tr":
                self.flush()
                cells = [inline(c.get_text(" ")) for c in child.find_all(("td", "th"), recursive=False)]
                if any(cells):
                    self.blocks.append(("row", [table_row(cells)]))
            elif name == "table":
                self.flush()
                self.walk(child, depth)
                self.blocks.append(("end", []))
            elif name == "pre":
                self.flush()
                self.blocks.append(("text", [s.rstrip() for s in child.get_text().split("\n")]))
            elif name in _HTML_BLOCK:
                self.flush()
                self.walk(child, depth)
                self.flush()
            else:
                self.walk(child, depth)


def _html_hidden(tag: Any) -> bool:
    """Page chrome or invisible: dropped with everything inside it."""
    if tag.name in _HTML_DROP:
        return True
    attrs = tag.attrs or {}
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    if str(attrs.get("role", "")).lower() in _HTML_CHROME_ROLES:
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    marks = " ".join([*(attrs.get("class") or []), str(attrs.get("id", ""))])
    if marks.strip() and _HTML_CHROME_CLASS.search(marks):
        return True
    # The page's own header and footer are chrome; an article's header holds its headline and date.
    return tag.name in ("header", "footer") and (
        tag.name == "footer" or tag.find_parent(("article", "main")) is None
    )


def _html_date(soup: Any) -> str | None:
    """The publication date the page's metadata states (meta tags, a published <time>), if any."""
    for meta in soup.find_all("meta"):
        key = str(meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _HTML_DATE_META and (d := _iso_prefix(str(meta.get("content") or ""))):
            return d
    for time in soup.find_all("time"):
        published = time.get("itemprop") == "datePublished" or time.has_attr("pubdate")
        if published and (d := _iso_prefix(str(time.get("datetime") or time.get_text()))):
            return d
    return None


def _iso_prefix(value: str) -> str | None:
    m = re.match(r"\s*((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", value)
    if not m:
        return parse_date(value)
    return parse_date("-".join(p for p in m.groups() if p)) if m[2] else m[1]


_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def _decode_html(data: bytes, path: str) -> tuple[str, tuple[str, ...]]:
    """A page's text: by its byte-order mark, else the charset its <meta> declares, else as any text."""
    declared = _HTML_CHARSET.search(data[:4096])
    charset = declared[1].decode("ascii").lower() if declared else ""
    # As browsers do: a byte-order mark wins, and a page cannot declare itself UTF-16 in its own markup.
    if charset and not charset.startswith(("utf-16", "utf-32")) and not any(data.startswith(b) for b, _, _ in BOMS):
        try:
            return data.decode(charset), ()
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read it as text of unknown encoding
    return decode_text(data, path)


def read_html(data: bytes, path: str) -> tuple[list[str], str | None, str | None, str | None, tuple[str, ...]]:
    """(lines, title, author, date, warnings) of a saved web page (see the module docstring)."""
    from bs4 import BeautifulSoup

    markup, warned = _decode_html(data, path)
    soup = BeautifulSoup(markup, "lxml")
    date = _html_date(soup)
    meta_author = soup.find("meta", attrs={"name": re.compile("^author$", re.I)})
    author = inline(str(meta_author.get("content") or "")) if meta_author else ""
    page_title = inline(soup.title.get_text()) if soup.title else ""
    og = soup.find("meta", attrs={"property": "og:title"})
    og_title = inline(str(og.get("content") or "")) if og else ""
    body = soup.body or soup
    root = body.find("main") or body.select_one('[role="main"]') or body
    walker = _HtmlText()
    walker.walk(root)
    walker.flush()
    h1 = next((b[1][0] for b in walker.blocks if b[0] == "heading" and b[1]), None)
    first_h1 = root.find("h1")
    if first_h1 is not None and not _html_hidden(first_h1):
        h1 = inline(first_h1.get_text(" ")) or h1
    elif first_h1 is None:
        h1 = None
    if not h1 and page_title:  # "Grants for boat builders | Harbour Agency": the page, not the site
        parts = re.split(r"\s+[|–—-]\s+|\s+::\s+", page_title)
        page_title = parts[0] if len(parts[0].split()) >= 2 else page_title
    title = useful_title(h1 or og_title or page_title)
    return blocks_to_lines(walker.blocks), title, (author if looks_like_name(author) else None), date, warned
