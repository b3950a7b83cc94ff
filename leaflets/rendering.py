"""Markdown to safe HTML, once, when a leaflet text is saved.

Markdown lets editors write raw HTML, so its output is sanitised with nh3 (an allow-list):
no script, style, event handler, `javascript:` or `data:` URL can survive.
"""

import html as html_lib
import re
from dataclasses import dataclass, field

import markdown
import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from markdown.extensions.toc import slugify_unicode

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "b", "i",
    "a", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td",
    "abbr", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass
class RenderedText:
    html: str
    plain_text: str
    toc: list[dict] = field(default_factory=list)


def _heading_slug(value: str, separator: str) -> str:
    return "s-" + slugify_unicode(value, separator)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(html: str) -> str:
    return html_lib.unescape(nh3.clean(html, tags=set())).replace("\xa0", " ")


def _flatten_toc(tokens: list[dict]) -> list[dict]:
    entries = []
    for token in tokens:
        title = html_lib.unescape(token["name"])
        entries.append({"id": token["id"], "title": title, "level": token["level"]})
        entries.extend(_flatten_toc(token.get("children", [])))
    return entries


# Bounds that keep rendering fast. Python-Markdown's link parser takes time that grows with
# the "[" left open times the length of the text after them (5,000 "[" took 17 s; 50 before
# 55,000 characters took 2 s), and a worker that renders such a text is killed. A real
# leaflet is some 15,000 characters whose links all close.
MAX_BODY_LENGTH = 60_000
MAX_OPEN_BRACKETS = 10
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def open_brackets(source: str) -> int:
    """How many "[" are never closed by a "]" in their paragraph, over the whole text."""
    total = 0
    for paragraph in _PARAGRAPH_BREAK.split(source):
        depth = 0
        for char in paragraph:
            if char == "[":
                depth += 1
            elif char == "]" and depth:
                depth -= 1
        total += depth
    return total


def validate_renderable(source: str) -> None:
    """Refuse a text too long or with too many open "[" to render in good time."""
    if len(source) > MAX_BODY_LENGTH:
        raise ValidationError(
            _("The text is too long: at most %(limit)s characters (it has %(length)s)."),
            params={"limit": f"{MAX_BODY_LENGTH:,}", "length": f"{len(source):,}"},
            code="too_long",
        )
    if open_brackets(source) > MAX_OPEN_BRACKETS:
        raise ValidationError(
            _(
                "The text has too many “[” without a matching “]”. Close each link's "
                "brackets, or write the bracket as \\[ if it is meant as text."
            ),
            code="open_brackets",
        )


def render_markdown(source: str) -> RenderedText:
    """Render a leaflet body; `toc` lists its level-2 and level-3 headings with their ids.

    A text that `validate_renderable` refuses is never handed to Markdown's parser: it is
    shown as plain paragraphs, so even a text saved past validation renders quickly.
    """
    source = source or ""
    if len(source) > MAX_BODY_LENGTH or open_brackets(source) > MAX_OPEN_BRACKETS:
        html = "".join(
            f"<p>{html_lib.escape(paragraph.strip())}</p>"
            for paragraph in _PARAGRAPH_BREAK.split(source)
            if paragraph.strip()
        )
        return RenderedText(html=html, plain_text=plain_text(html))
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _heading_slug, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = sanitise(md.convert(source))
    toc = [entry for entry in _flatten_toc(md.toc_tokens) if entry["level"] in (2, 3)]
    # A heading the sanitiser removed must not appear in the contents.
    toc = [entry for entry in toc if f'id="{entry["id"]}"' in html]
    return RenderedText(html=html, plain_text=plain_text(html), toc=toc)
