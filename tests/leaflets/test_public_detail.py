import pytest
from django.conf import settings

from clinic.models import ClinicContact
from leaflets.models import LeafletVersion
from leaflets.urgency import Urgency
from tests.factories import (
    LeafletTextFactory,
    LeafletVersionFactory,
    category,
    medicine_leaflet,
    published_leaflet,
    side_effect,
)


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


def test_leaflet_page_shows_red_flags_by_level_most_urgent_first(client, db):

    leaflet = medicine_leaflet(slug="isotretinoin")
    side_effect(
        leaflet,
        key="dark_thoughts",
        position=3,
        name_nb="Tanker om å skade deg selv",
        name_en="Thoughts of harming yourself",
        red_flag=True,
        level=Urgency.EMERGENCY,
        advice_nb="Ring 113 nå, eller Mental Helse på 116 123.",
        advice_en="Call 113 now, or Mental Helse on 116 123.",
    )
    ClinicContact.objects.update_or_create(pk=1, defaults={"phone": "+47 21 21 21 21"})

    page = client.get("/leaflets/isotretinoin/").content.decode()

    box = page[page.index('id="when-to-get-help"') :]
    assert "Når skal du søke hjelp?" in box and "Bivirkninger som krever hjelp" in box
    assert box.index("Ring 113 nå") < box.index("Tanker om å skade deg selv")
    assert box.index("Tanker om å skade deg selv") < box.index("Kontakt klinikken i dag")
    assert box.index("Kontakt klinikken i dag") < box.index("Feber")
    assert "Ta kontakt med klinikken i dag." in box and "+47 21 21 21 21" in box
    assert "Kvalme" not in box  # not a red flag

    english = _english(client).get("/leaflets/isotretinoin/").content.decode()
    assert "When to get help" in english and "Call 113 now, or Mental Helse" in english


def test_a_condition_leaflet_shows_warning_signs_not_side_effects(client, db):

    leaflet = published_leaflet(slug="atopic-eczema", category=category("conditions"))
    side_effect(
        leaflet,
        key="eczema_herpeticum",
        name_nb="Eczema herpeticum",
        name_en="Eczema herpeticum",
        red_flag=True,
        level=Urgency.TODAY,
        advice_nb="Kontakt klinikken i dag.",
        advice_en="Contact the clinic today.",
    )

    page = client.get("/leaflets/atopic-eczema/").content.decode()

    assert "Faresignaler: Merker du noe av dette" in page
    assert "Bivirkninger som krever hjelp" not in page
    assert "Eczema herpeticum" in page


def test_a_leaflet_without_red_flags_has_no_help_box(client, db):
    published_leaflet(slug="azathioprine")

    assert 'id="when-to-get-help"' not in client.get("/leaflets/azathioprine/").content.decode()
