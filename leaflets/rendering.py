"""Markdown to safe HTML, once, when a leaflet text is saved.

Markdown lets editors write raw HTML, so its output is sanitised with nh3 (an allow-list):
no script, style, event handler, `javascript:` or `data:` URL can survive.
"""

import html as html_lib
from dataclasses import dataclass, field

import markdown
import nh3
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


def render_markdown(source: str) -> RenderedText:
    """Render a leaflet body; `toc` lists its level-2 and level-3 headings with their ids."""
    md = markdown.Markdown(
        extensions=["tables", "sane_lists", "toc"],
        extension_configs={"toc": {"slugify": _heading_slug, "toc_depth": "2-3"}},
        output_format="html",
    )
    html = sanitise(md.convert(source or ""))
    toc = [entry for entry in _flatten_toc(md.toc_tokens) if entry["level"] in (2, 3)]
    # A heading the sanitiser removed must not appear in the contents.
    toc = [entry for entry in toc if f'id="{entry["id"]}"' in html]
    return RenderedText(html=html, plain_text=plain_text(html), toc=toc)
