import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from leaflets.rendering import render_markdown

DANGEROUS_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "img"}


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html):
    parser = _Collector()
    parser.feed(html)
    return parser.tags


def assert_script_free(html):
    for tag, attrs in _tags(html):
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            if name in {"href", "src"} and value:
                # What a browser does before it reads the scheme (WHATWG URL parser): strip
                # leading and trailing controls and spaces, drop every tab and newline.
                stripped = value.strip("".join(map(chr, range(33))))
                scheme = re.sub(r"[\t\n\r]", "", stripped).lower()
                assert not scheme.startswith(("javascript:", "data:", "vbscript:")), html


def test_headings_get_ids_and_make_the_table_of_contents():
    rendered = render_markdown("## Hva er det?\n\ntekst\n\n### Dose\n\nmer\n\n## Bivirkninger\n")

    assert '<h2 id="s-hva-er-det">Hva er det?</h2>' in rendered.html
    assert [entry["title"] for entry in rendered.toc] == ["Hva er det?", "Dose", "Bivirkninger"]
    assert [entry["level"] for entry in rendered.toc] == [2, 3, 2]


def test_lists_emphasis_and_tables_are_rendered():
    rendered = render_markdown(
        "- **viktig**\n- *merk*\n\n| Gruppe | Styrke |\n|---|---|\n| I | mild |\n"
    )

    assert "<li><strong>viktig</strong></li>" in rendered.html
    assert "<em>merk</em>" in rendered.html
    assert "<table>" in rendered.html and "<td>mild</td>" in rendered.html


def test_links_open_safely():
    rendered = render_markdown("[Felleskatalogen](https://www.felleskatalogen.no)")

    assert 'rel="noopener noreferrer"' in rendered.html
    assert 'href="https://www.felleskatalogen.no"' in rendered.html


def test_script_tags_event_handlers_and_javascript_links_are_removed():
    rendered = render_markdown(
        '<script>alert(1)</script>\n\n<p onclick="alert(2)">klikk</p>\n\n'
        "[lenke](javascript:alert(3))\n\n<a href='data:text/html,x'>data</a>\n\n"
        '<img src=x onerror="alert(4)">\n\n<style>body{}</style>'
    )

    assert "alert" not in rendered.html
    assert_script_free(rendered.html)
    assert "klikk" in rendered.html


def test_plain_text_has_no_markup_for_search_and_readability():
    rendered = render_markdown("## Dose\n\nTa **én** tablett &amp; vann.")

    assert rendered.plain_text.split() == ["Dose", "Ta", "én", "tablett", "&", "vann."]


HTML_PIECES = st.sampled_from(
    [
        "<script>", "</script>", "<a href='javascript:x'>", "<a href=\"JaVaScRiPt:x\">",
        "<a href='java\tscript:x'>", "<img src=x onerror=y>", "<svg onload=x>", "<style>",
        "<iframe src=x>", "onclick=", "[x](javascript:alert(1))", "[x](data:text/html,y)",
        "<p style='x'>", "<h2 onmouseover=x>", "<form action=x>", "-->", "<!--", "`", "\n\n",
        "## ", "- ", "|a|b|\n|-|-|\n", "<", ">", "\"", "'", "&#106;avascript:",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=20)), max_size=25).map("".join))
def test_no_input_produces_script_capable_output(source):
    assert_script_free(render_markdown(source).html)
