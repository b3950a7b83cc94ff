"""A leaflet body that would take the renderer minutes is refused, and never rendered whole."""

import pytest
from django.core.exceptions import ValidationError

from leaflets.models import LeafletText
from leaflets.rendering import (
    MAX_BODY_LENGTH,
    MAX_OPEN_BRACKETS,
    open_brackets,
    render_markdown,
    validate_renderable,
)


def test_open_brackets_counts_only_those_left_open_in_their_paragraph():
    assert open_brackets("[a link](https://example.org) and [b]") == 0
    assert open_brackets("[[a]\n\n[") == 2


def test_a_body_of_open_brackets_is_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        validate_renderable("[" * 100_000)

    assert error.value.code == "too_long"
    with pytest.raises(ValidationError) as error:
        validate_renderable("[" * (MAX_OPEN_BRACKETS + 1) + " tekst")
    assert error.value.code == "open_brackets"


def test_a_real_leaflet_body_passes():
    body = "## Hva er azatioprin?\n\nSe [Felleskatalogen](https://www.felleskatalogen.no).\n" * 50

    validate_renderable(body)


@pytest.mark.django_db
def test_the_text_form_refuses_a_pathological_body(draft):
    text = LeafletText(version=draft, language="nb", title="T", summary="S")
    text.body = "[" * 100_000

    with pytest.raises(ValidationError) as error:
        text.full_clean(exclude=["version"])

    assert "body" in error.value.message_dict


def test_a_body_past_the_bounds_renders_as_plain_paragraphs():
    rendered = render_markdown("[" * (MAX_BODY_LENGTH + 5) + "\n\n<script>x</script>")

    assert rendered.html.startswith("<p>[[[")
    assert "<script>" not in rendered.html
    assert rendered.toc == []
