"""Links without a `reverse` each: for long lists and for every page's menu.

A `reverse` (or `{% url %}`) costs about 20 µs and a hundred function calls; a list of a
hundred links paid 2 ms for them, and the patient's reader a tenth of its time for its nine.
Each process reverses a URL name once per URL configuration and script prefix, with
placeholder numbers, and each link is that template with the numbers put in.
"""

import re
from collections.abc import Callable

from django.urls import get_script_prefix, get_urlconf, reverse

from clinic.lib.memo import BoundedMemo

# Placeholders reversed in place of the numbers: digits no other part of a path has.
_PLACEHOLDER = 987_654_320_000
_MAKERS = BoundedMemo(size=512)
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def url_maker(viewname: str, *names: str) -> Callable[..., str]:
    """`make(**kwargs)` == `reverse(viewname, kwargs=kwargs)`, for path converters that take
    numbers (`<int:pk>`) or slugs (`<slug:slug>`, given a slug); `names` are the path's
    arguments (none for a fixed path)."""
    key = (get_urlconf(), get_script_prefix(), viewname, names)
    maker = _MAKERS.get_many([key]).get(key)
    if maker is None:
        maker = _reversed_once(viewname, names)
        _MAKERS.set_many({key: maker})
    return maker


def _reversed_once(viewname: str, names: tuple[str, ...]) -> Callable[..., str]:
    placeholders = {name: str(_PLACEHOLDER + i) for i, name in enumerate(names)}
    url = reverse(viewname, kwargs={name: int(value) for name, value in placeholders.items()})
    template = url.replace("{", "{{").replace("}", "}}")
    for name, value in placeholders.items():
        if url.count(value) != 1:
            raise ValueError(f"{viewname}: {name} is not in the path once.")
        template = template.replace(value, "{" + name + "}")
    return template.format


def link(viewname: str, **values: int | str) -> str:
    """`reverse(viewname, kwargs=values)` for a path whose arguments are numbers
    (`<int:…>`) or slugs (`<slug:…>`), or that has none. A string that is no slug is
    reversed as usual (which refuses it)."""
    if any(isinstance(value, str) and not _SLUG.fullmatch(value) for value in values.values()):
        return reverse(viewname, kwargs=values)
    return url_maker(viewname, *values)(**values)
