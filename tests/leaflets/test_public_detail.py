import pytest
from django.conf import settings

from leaflets.models import LeafletVersion
from tests.factories import LeafletTextFactory, LeafletVersionFactory, published_leaflet


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_leaflet_page_shows_text_contents_and_review_line(client, db):
    leaflet = published_leaflet(slug="azathioprine")

    response = client.get("/leaflets/azathioprine/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Azatioprin</h1>" in page
    assert '<a href="#s-bivirkninger">Bivirkninger</a>' in page
    assert "Versjon 1" in page and "Sist gjennomgått" in page and "Neste gjennomgang" in page
    assert leaflet.get_absolute_url() in page


def test_leaflet_page_offers_a_share_link_without_third_party_scripts(client, db):
    published_leaflet(slug="azathioprine")

    page = client.get("/leaflets/azathioprine/").content.decode()

    assert 'value="http://testserver/leaflets/azathioprine/"' in page
    assert "mailto:?subject=Azatioprin&amp;body=http%3A//testserver/leaflets/azathioprine/" in page
    assert '<script src="/static/' in page
    assert '<script src="http' not in page


def test_english_reader_gets_english_text(client, db):
    published_leaflet(slug="azathioprine")

    page = _english(client).get("/leaflets/azathioprine/").content.decode()

    assert "<h1>Azathioprine</h1>" in page
    assert 'lang="en"' in page


def test_missing_english_text_falls_back_to_norwegian_with_notice_and_lang(client, db):
    published_leaflet(slug="eksem", title_nb="Atopisk eksem", title_en=None)

    page = _english(client).get("/leaflets/eksem/").content.decode()

    assert "not yet available in English" in page
    assert '<article class="col-lg-8" lang="nb">' in page


@pytest.mark.parametrize("url", ["/leaflets/{slug}/", "/leaflets/{slug}/print/"])
def test_non_public_leaflet_is_not_found(client, db, url):
    published_leaflet(slug="intern", public=False)

    assert client.get(url.format(slug="intern")).status_code == 404


def test_leaflet_with_only_a_draft_is_not_found(client, db):
    version = LeafletVersionFactory(leaflet__slug="kladd")
    LeafletTextFactory(version=version)

    assert client.get("/leaflets/kladd/").status_code == 404
    assert client.get("/leaflets/finnes-ikke/").status_code == 404


def test_print_view_is_a_clean_handout(client, db):
    published_leaflet(slug="azathioprine")

    page = client.get("/leaflets/azathioprine/print/").content.decode()

    assert "<h1>Azatioprin</h1>" in page
    assert "navbar" not in page
    assert "http://testserver/leaflets/azathioprine/" in page


def test_leaflet_page_refuses_post(client, db):
    published_leaflet(slug="azathioprine")

    assert client.post("/leaflets/azathioprine/").status_code == 405


@pytest.mark.parametrize("url", ["/leaflets/azathioprine/", "/leaflets/azathioprine/print/"])
@pytest.mark.parametrize("retired", [0, 20])
def test_leaflet_page_query_count_does_not_grow_with_its_history(
    client, db, url, retired, django_assert_max_num_queries
):
    leaflet = published_leaflet(slug="azathioprine")
    for number in range(2, retired + 2):
        LeafletTextFactory(version=LeafletVersionFactory(leaflet=leaflet, number=number))
        LeafletVersion.objects.filter(leaflet=leaflet, number=number).update(
            status=LeafletVersion.Status.RETIRED
        )

    # The leaflet, its published version, its texts and its side effects ("When to get help").
    with django_assert_max_num_queries(4):
        assert client.get(url).status_code == 200
