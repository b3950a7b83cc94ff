"""Reads of the leaflet library that the public pages (and later the patient pages) share."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, FilteredRelation, OuterRef, Prefetch, Q, QuerySet

from leaflets.languages import other_language
from leaflets.models import Leaflet, LeafletText, LeafletVersion
from leaflets.warning_signs import HelpBox, help_box

NORWEGIAN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"
ENGLISH_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ENGLISH_FOLDS = {"Æ": "A", "Ø": "O", "Å": "A"}
_NORWEGIAN_FOLDS = {"Ä": "Æ", "Ö": "Ø", "Ü": "Y"}
SEARCH_CONFIG = {"nb": "norwegian", "en": "english"}
OTHER = "#"


@dataclass
class LeafletEntry:
    """A published leaflet as a reader sees it: its text in their language if there is one."""

    leaflet: Leaflet
    version: LeafletVersion
    text: LeafletText
    requested_language: str

    @property
    def is_fallback(self) -> bool:
        """True when the text is not in the language the reader asked for."""
        return self.text.language != self.requested_language

    @cached_property
    def help_box(self) -> HelpBox:
        """The version's "When to get help" box in the text's language; queries unless the
        version's `side_effects` are prefetched."""
        return help_box(
            self.version, language=self.text.language, is_medicine=self.leaflet.is_medicine
        )


def alphabet(language: str) -> str:
    return NORWEGIAN_ALPHABET if language == "nb" else ENGLISH_ALPHABET


def _base_letter(character: str, language: str) -> str:
    character = character.upper()
    if language == "nb":
        character = _NORWEGIAN_FOLDS.get(character, character)
        if character in NORWEGIAN_ALPHABET:
            return character
    else:
        character = _ENGLISH_FOLDS.get(character, character)
    stripped = unicodedata.normalize("NFKD", character)[:1]
    return stripped if stripped in alphabet(language) else OTHER


def first_letter(title: str, language: str) -> str:
    for character in title:
        if character.isalnum():
            return _base_letter(character, language)
    return OTHER


def sort_key(title: str, language: str) -> tuple:
    """Order titles as a dictionary in that language does (nb: …X, Y, Z, Æ, Ø, Å)."""
    letters = alphabet(language)
    key = []
    for character in title:
        if not character.isalnum():
            continue
        base = _base_letter(character, language)
        key.append((letters.index(base) if base in letters else -1, character.lower()))
    return tuple(key)


def published_versions(lookup: str = "versions") -> Prefetch:
    """Prefetch a leaflet's published version with its texts at `lookup` (e.g.
    "leaflet__versions" from an assignment); `published_version()`, `current_version()` and
    `title_in()` then answer without a query."""
    return Prefetch(
        lookup,
        queryset=LeafletVersion.objects.filter(status=LeafletVersion.Status.PUBLISHED)
        .select_related("approved_by")
        .prefetch_related("texts"),
    )


def title_texts() -> QuerySet:
    """Versions' texts for lists that show titles only: without the body and its renderings,
    which are most of a text's size (a list of leaflets would read every body)."""
    return LeafletText.objects.only("version_id", "language", "title")


def with_versions_and_titles(leaflets) -> list[Leaflet]:
    """`leaflets` with all their versions, newest first, and the versions' titles
    (`title_texts`), where `prefetch_related` of both would put them, in two queries; then
    `current_version()`, `title_in()` and `languages()` answer without a query.

    Django's prefetch builds a related manager and a filtered queryset for each version to
    hand it its texts: for the admin's page of 25 leaflets (about 60 versions), a third of
    the 10 ms its rows took to load.
    """
    leaflets = list(leaflets)
    versions = list(
        LeafletVersion.objects.filter(leaflet__in=leaflets).order_by("leaflet_id", "-number")
        if leaflets
        else []
    )
    texts = list(title_texts().filter(version__in=versions)) if versions else []
    texts_of, versions_of = defaultdict(list), defaultdict(list)
    for text in texts:
        texts_of[text.version_id].append(text)
    for version in versions:
        put_prefetched(version, "texts", texts_of[version.pk])
        versions_of[version.leaflet_id].append(version)
    for leaflet in leaflets:
        put_prefetched(leaflet, "versions", versions_of[leaflet.pk])
    return leaflets


def put_prefetched(instance, name: str, rows: list) -> None:
    """Put `rows` where `prefetch_related(name)` would, so `instance.<name>.all()` gives them
    without a query (for related rows loaded some other way than Django's prefetch)."""
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = rows


def leaflet_titles(leaflet_ids, language: str) -> dict[int, tuple[str, str]]:
    """{leaflet id: (slug, title)} in one query, for a list of leaflets named by title.

    The title is the one `Leaflet.title_in(language)` gives with `published_versions`
    prefetched: the published version's text in `language`, else in the other language,
    else the slug (that prefetch reads every version and text: three queries).
    """
    rows = (
        Leaflet.objects.filter(pk__in=leaflet_ids)
        .annotate(
            published=FilteredRelation(
                "versions", condition=Q(versions__status=LeafletVersion.Status.PUBLISHED)
            )
        )
        .order_by()
        .values_list("pk", "slug", "published__texts__language", "published__texts__title")
    )
    slugs: dict[int, str] = {}
    texts: dict[int, dict[str, str]] = {}
    for pk, slug, text_language, title in rows:
        slugs[pk] = slug
        if text_language:
            texts.setdefault(pk, {})[text_language] = title
    titles = {}
    for pk, slug in slugs.items():
        mine = texts.get(pk, {})
        chosen = language if language in mine else other_language(language)
        titles[pk] = (slug, mine.get(chosen) or slug)
    return titles


# What a list of leaflets shows of a text: its title and summary, not the body and its
# renderings (for the public A–Å: 9 of its 12 ms in the database, and most of its Python).
LISTED_TEXT_FIELDS = ("version_id", "language", "title", "summary")


def with_published_version(leaflets: QuerySet, *, listed: bool = False) -> QuerySet:
    """The leaflets that have a published version, which is prefetched with its texts
    (`listed`: with the texts' `LISTED_TEXT_FIELDS` only, and without its approver)."""
    published = LeafletVersion.objects.filter(
        leaflet=OuterRef("pk"), status=LeafletVersion.Status.PUBLISHED
    )
    if listed:
        versions = LeafletVersion.objects.filter(status=LeafletVersion.Status.PUBLISHED)
        texts = LeafletText.objects.only(*LISTED_TEXT_FIELDS)
        prefetch = Prefetch("versions", versions.prefetch_related(Prefetch("texts", texts)))
    else:
        prefetch = published_versions()
    return leaflets.filter(Exists(published)).prefetch_related(prefetch)


def public_leaflets(*, language: str, query: str = "", category: str = "") -> list[LeafletEntry]:
    """Public leaflets with a published version, sorted by title in `language`.

    A query matches title, summary or text in `language` (PostgreSQL full-text search on
    PostgreSQL; every word as a substring elsewhere). Three queries whatever the count.
    """
    leaflets = with_published_version(
        Leaflet.objects.filter(public=True), listed=True
    ).select_related("category")
    if category:
        leaflets = leaflets.filter(category__slug=category)
    if query.strip():
        leaflets = leaflets.filter(pk__in=matching_leaflet_ids(query, language))
    entries = []
    for leaflet in leaflets:
        version = leaflet.published_version()
        text = version.text_for(language)
        if text is not None:
            entries.append(LeafletEntry(leaflet, version, text, language))
    entries.sort(key=lambda entry: sort_key(entry.text.title, language))
    return entries


def matching_leaflet_ids(query: str, language: str) -> QuerySet:
    texts = LeafletText.objects.filter(
        language=language, version__status=LeafletVersion.Status.PUBLISHED
    )
    if connection.vendor == "postgresql":
        # Exactly the expression of the indexes public_search_nb_idx / public_search_en_idx
        # (migration leaflets 0013): change both together.
        config = SEARCH_CONFIG[language]
        vector = (
            SearchVector("title", weight="A", config=config)
            + SearchVector("summary", weight="B", config=config)
            + SearchVector("body_plain", weight="C", config=config)
        )
        texts = texts.annotate(search=vector).filter(
            search=SearchQuery(query, config=config, search_type="websearch")
        )
    else:
        for word in query.split():
            texts = texts.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body_plain__icontains=word)
            )
    return texts.values("version__leaflet_id")


def group_by_letter(entries: list[LeafletEntry], language: str) -> list[tuple[str, list]]:
    groups: dict[str, list[LeafletEntry]] = {}
    for entry in entries:
        groups.setdefault(first_letter(entry.text.title, language), []).append(entry)
    order = alphabet(language) + OTHER
    return sorted(groups.items(), key=lambda item: order.index(item[0]))


def public_leaflet(slug: str, language: str) -> LeafletEntry | None:
    """One public leaflet's published version with its side effects, or None. Three queries
    (a fourth for the clinic's phone when a red flag needs it)."""
    leaflet = (
        with_published_version(Leaflet.objects.filter(public=True, slug=slug))
        .select_related("category")
        .prefetch_related("versions__side_effects")
        .first()
    )
    if leaflet is None:
        return None
    version = leaflet.published_version()
    return LeafletEntry(leaflet, version, version.text_for(language), language)
