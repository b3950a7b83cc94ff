"""The languages leaflets are written in: the site's languages, from settings.

`settings.LANGUAGES` lists them (the first is the clinic's own language);
`settings.LEAFLET_REQUIRED_LANGUAGES` names those a version needs before review.
"""

from django.conf import settings
from django.utils.translation import get_language

LANGUAGE_CHOICES = settings.LANGUAGES


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def required_languages() -> list[str]:
    return list(settings.LEAFLET_REQUIRED_LANGUAGES)


def other_language(language: str) -> str:
    """The language a reader gets when there is no text in `language`."""
    return next((code for code in language_codes() if code != language), language)


def active_language() -> str:
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in language_codes() else settings.LANGUAGE_CODE


def in_active_language(obj, field_name: str) -> str:
    """`obj.<field_name>_<language>` in the active language, else in the other one."""
    language = active_language()
    return getattr(obj, f"{field_name}_{language}") or getattr(
        obj, f"{field_name}_{other_language(language)}"
    )
