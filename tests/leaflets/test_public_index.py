import re

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from leaflets.models import Category, Leaflet, LeafletText, LeafletVersion
from leaflets.selectors import first_letter, matching_leaflet_ids, sort_key
from tests.factories import LeafletTextFactory, LeafletVersionFactory, published_leaflet

URL = "/leaflets/"


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _letters(response):
    return [letter for letter, _ in response.context["groups"]]


def test_norwegian_index_puts_ae_oe_aa_after_z(client, db):
    for title in ("Åpne sår", "Zinksalve", "Ørebetennelse", "Ærlig eksem", "Akne"):
        published_leaflet(title_nb=title, title_en=title)

    response = client.get(URL)

    assert response.status_code == 200
    assert _letters(response) == ["A", "Z", "Æ", "Ø", "Å"]


def test_english_index_is_plain_a_to_z(client, db):
    published_leaflet(title_nb="Kortisonkremer", title_en="Topical corticosteroids")
    published_leaflet(title_nb="Akne", title_en="Acne")

    response = _english(client).get(URL)

    assert _letters(response) == ["A", "T"]
    assert "Topical corticosteroids" in response.content.decode()


def test_letters_fold_like_a_dictionary():
    assert first_letter("Ödem", "nb") == "Ø"
    assert first_letter("Éclair", "en") == "E"
    assert first_letter("Ørebetennelse", "en") == "O"
    assert sort_key("Zink", "nb") < sort_key("Ære", "nb") < sort_key("Øre", "nb")


def test_only_public_published_leaflets_are_listed(client, db):
    published_leaflet(title_nb="Synlig")
    published_leaflet(title_nb="Intern", public=False)
    draft = LeafletVersionFactory()
    LeafletTextFactory(version=draft, title="Kladd")

    page = client.get(URL).content.decode()

    assert "Synlig" in page
    assert "Intern" not in page and "Kladd" not in page


def test_leaflet_missing_in_english_is_listed_in_norwegian_with_a_notice(client, db):
    published_leaflet(title_nb="Bare norsk", title_en=None)

    page = _english(client).get(URL).content.decode()

    assert 'lang="nb">Bare norsk</a>' in page
    assert "only in Norwegian" in page


def test_search_finds_words_in_the_body_of_the_active_language(client, db):
    published_leaflet(title_nb="Metotreksat")
    published_leaflet(title_nb="Isotretinoin")
    LeafletText.objects.filter(title="Isotretinoin").update(body_plain="Tørre lepper og hud.")

    response = client.get(URL, {"q": "lepper"})

    page = response.content.decode()
    assert "Isotretinoin" in page and "Metotreksat" not in page
    assert "1 informasjonsskriv funnet" in page


def test_category_filter_shows_only_that_category(client, db):
    published_leaflet(title_nb="Eksem", category=Category.objects.get(slug="conditions"))
    published_leaflet(title_nb="Metotreksat")

    page = client.get(URL, {"category": "conditions"}).content.decode()

    assert "Eksem" in page and "Metotreksat" not in page


def test_unknown_category_is_a_form_error_not_a_crash(client, db):
    response = client.get(URL, {"category": "nonsense"})

    assert response.status_code == 200
    assert response.context["form"].errors


def test_index_refuses_post(client, db):
    assert client.post(URL).status_code == 405


def _many_leaflets(count):
    medicines = Category.objects.get(slug="medicines")
    leaflets = Leaflet.objects.bulk_create(
        Leaflet(slug=f"bulk-{n}", category=medicines, public=True) for n in range(count)
    )
    review = timezone.localdate().replace(year=timezone.localdate().year + 1)
    versions = LeafletVersion.objects.bulk_create(
        LeafletVersion(leaflet=leaflet, number=1, status="published", next_review=review)
        for leaflet in leaflets
    )
    LeafletText.objects.bulk_create(
        LeafletText(
            version=version,
            language=language,
            title=f"{chr(65 + n % 26)}-leaflet {n}",
            summary="s",
            body="b",
            body_plain="b",
        )
        for n, version in enumerate(versions)
        for language in ("nb", "en")
    )


@pytest.mark.parametrize("count", [10, 500])
def test_index_query_count_does_not_grow_with_the_library(
    client, db, count, django_assert_max_num_queries
):
    _many_leaflets(count)

    with django_assert_max_num_queries(5):
        response = client.get(URL, {"q": "leaflet"})

    assert response.context["count"] == count


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only"
)
@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_full_text_index_of_each_language_is_on_the_expression_the_search_runs(db, language):
    """PostgreSQL uses an expression index only for that very expression (at scale it then
    reads the index instead of computing every text's vector): compare the two as PostgreSQL
    itself writes them."""
    published_leaflet()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indexrelid = %s::regclass",
            [f"public_search_{language}_idx"],
        )
        (definition,) = cursor.fetchone()
    indexed = re.search(r"USING gin \(\((.*)\)\) WHERE", definition).group(1)

    plan = Leaflet.objects.filter(pk__in=matching_leaflet_ids("krem", language)).explain()

    assert f"language)::text = '{language}'" in definition
    assert indexed in plan
