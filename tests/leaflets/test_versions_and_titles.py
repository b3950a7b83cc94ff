"""`with_versions_and_titles` (the admin's leaflet list) puts every version, newest first,
and their titles on the leaflets in two queries, as the prefetch of both would."""

import pytest

from leaflets.models import Leaflet, LeafletVersion
from leaflets.selectors import with_versions_and_titles
from tests.factories import LeafletTextFactory, LeafletVersionFactory, published_leaflet

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaflets():
    updated = published_leaflet(title_nb="Azatioprin", title_en="Azathioprine", slug="aza")
    LeafletTextFactory(
        version=LeafletVersionFactory(leaflet=updated, number=2), language="nb", title="Ny"
    )
    norwegian_only = published_leaflet(title_nb="Metotreksat", title_en="", slug="mtx")
    without_versions = published_leaflet(slug="empty")
    LeafletVersion.objects.filter(leaflet=without_versions).delete()
    return [updated, norwegian_only, without_versions]


def _answers(leaflet):
    version = leaflet.current_version()
    return (
        [(v.number, sorted(t.language for t in v.texts.all())) for v in leaflet.versions.all()],
        version.number if version else None,
        leaflet.title_in("en"),
        version.languages() if version else [],
    )


def test_the_columns_answer_as_with_djangos_prefetch(leaflets):
    ids = [leaflet.pk for leaflet in leaflets]
    prefetched = (
        Leaflet.objects.filter(pk__in=ids).order_by("pk").prefetch_related("versions__texts")
    )
    expected = [_answers(leaflet) for leaflet in prefetched]

    found = with_versions_and_titles(Leaflet.objects.filter(pk__in=ids).order_by("pk"))

    assert [_answers(leaflet) for leaflet in found] == expected


def test_three_queries_and_none_after(leaflets, django_assert_num_queries):
    with django_assert_num_queries(3):
        found = with_versions_and_titles(Leaflet.objects.all())

    with django_assert_num_queries(0):
        answers = [_answers(leaflet) for leaflet in found]

    assert answers[0][0] == [(2, ["nb"]), (1, ["en", "nb"])]


def test_no_leaflets_ask_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert with_versions_and_titles([]) == []
