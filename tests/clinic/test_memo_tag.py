import pytest
from django.template import Context, Template, TemplateSyntaxError

from clinic.templatetags.memo import FRAGMENTS

TEMPLATE = Template('{% load memo %}{% memo "f" key %}{{ value }}{% endmemo %}')


def test_a_fragment_is_rendered_once_per_key():
    first = TEMPLATE.render(Context({"key": 1, "value": "first"}))
    again = TEMPLATE.render(Context({"key": 1, "value": "changed"}))
    other = TEMPLATE.render(Context({"key": 2, "value": "other"}))

    assert (first, again, other) == ("first", "first", "other")
    assert len(FRAGMENTS) == 2


def test_the_fragment_needs_a_quoted_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load memo %}{% memo name %}x{% endmemo %}")


@pytest.mark.parametrize("missing", [{}, {"key": ""}, {"key": None}])
def test_a_fragment_whose_key_is_missing_is_rendered_each_time(missing):
    first = TEMPLATE.render(Context({**missing, "value": "first"}))
    again = TEMPLATE.render(Context({**missing, "value": "changed"}))

    assert (first, again) == ("first", "changed")
    assert len(FRAGMENTS) == 0
