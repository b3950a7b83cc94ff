"""What the apps add to the core, registered from their `AppConfig.ready()`.

The core (`clinic`: users, mail, audit, the site's pages) sits below the apps: `leaflets` and
`patients` import it, never the other way round (tests/test_architecture.py checks). Where the
core needs something only an app knows, the app registers it here:

- the link in a mail of a given kind, built when the mail is sent (an invitation's token);
- what a page's header needs from the app (a dermatologist's report counts);
- the demo data, seeded in order by `seed_demo`;
- each role's start page, where the front page sends a logged-in user.

Registering the same function again replaces it, so a second `ready()` adds nothing twice.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_mail_links: dict[str, Callable] = {}
_navigation: dict[str, Callable] = {}
_demo_seeders: dict[str, tuple[int, Callable]] = {}
_start_pages: dict[str, Callable] = {}


def _key(function: Callable) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def register_mail_link(kind: str, builder: Callable) -> None:
    """`builder(user=...)` returns the path a mail of this kind links to, at sending time."""
    _mail_links[kind] = builder


def mail_link(kind: str, *, user, default: str) -> str:
    builder = _mail_links.get(kind)
    return builder(user=user) if builder else default


def register_navigation(contributor: Callable) -> None:
    """`contributor(request)` returns a dict for every page's template context."""
    _navigation[_key(contributor)] = contributor


def navigation(request) -> dict:
    context = {}
    for contributor in _navigation.values():
        context.update(contributor(request))
    return context


@dataclass
class Seeded:
    """What a demo seeder added: lines for the output, and a phrase for the summary."""

    lines: list[str] = field(default_factory=list)
    summary: str = ""


def register_demo_seeder(seeder: Callable[[], Seeded], *, order: int) -> None:
    """`seeder()` adds the app's demo data that is missing; lower `order` runs first."""
    _demo_seeders[_key(seeder)] = (order, seeder)


def demo_seeders() -> list[Callable[[], Seeded]]:
    return [seeder for _, seeder in sorted(_demo_seeders.values(), key=lambda item: item[0])]


def register_start_page(finder: Callable) -> None:
    """`finder(user)` returns the URL name of the user's start page, or None if not its role."""
    _start_pages[_key(finder)] = finder


def start_page(user) -> str | None:
    for finder in _start_pages.values():
        url_name = finder(user)
        if url_name:
            return url_name
    return None
