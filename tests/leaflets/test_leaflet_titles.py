"""`leaflet_titles` names leaflets in one query as `Leaflet.title_in` does with the
published versions prefetched: the text in the language, else the other one, else the slug."""

import pytest

from leaflets.models import Leaflet
from leaflets.selectors import leaflet_titles, published_versions
from tests.factories import LeafletTextFactory, LeafletVersionFactory, published_leaflet


@pytest.fixture
def leaflets(db):
    both = published_leaflet(title_nb="Azatioprin", title_en="Azathioprine", slug="aza")
    norwegian_only = published_leaflet(title_nb="Metotreksat", title_en="", slug="mtx")
    draft_only = LeafletTextFactory(
        version=LeafletVersionFactory(), title="Kladd", language="nb"
    ).version.leaflet
    return [both, norwegian_only, draft_only]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_titles_are_those_title_in_gives(leaflets, language):
    ids = [leaflet.pk for leaflet in leaflets]
    prefetched = Leaflet.objects.filter(pk__in=ids).prefetch_related(published_versions())

    expected = {leaflet.pk: (leaflet.slug, leaflet.title_in(language)) for leaflet in prefetched}

    assert leaflet_titles(ids, language) == expected


def test_english_readers_get_the_norwegian_title_and_a_draft_its_slug(leaflets):
    both, norwegian_only, draft_only = leaflets

    titles = leaflet_titles([leaflet.pk for leaflet in leaflets], "en")

    assert titles[both.pk] == ("aza", "Azathioprine")
    assert titles[norwegian_only.pk] == ("mtx", "Metotreksat")
    assert titles[draft_only.pk] == (draft_only.slug, draft_only.slug)


def test_one_query(leaflets, django_assert_num_queries):
    with django_assert_num_queries(1):
        leaflet_titles([leaflet.pk for leaflet in leaflets], "nb")
