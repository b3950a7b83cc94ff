"""Every page's header: the menu for patients and visitors is drawn once per language
(base.html's "base-header" memo); the user's name, forms and a dermatologist's or staff
member's menu are their own on every page."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from clinic.context_processors import header_audience
from tests.conftest import login
from tests.factories import AdminUserFactory, PatientFactory

pytestmark = pytest.mark.django_db


def header(response) -> str:
    html = response.content.decode()
    return html[: html.index('<main id="main"')]


def test_each_patient_sees_their_own_name_in_the_header(kari, ola):
    kari_header = header(login(Client(), kari).get("/my/"))
    ola_header = header(login(Client(), ola).get("/my/"))

    assert "Kari Nordmann" in kari_header and "Ola Nordmann" not in kari_header
    assert "Ola Nordmann" in ola_header and "Kari Nordmann" not in ola_header


def test_the_patients_menu_is_in_each_patients_language(kari, ola):
    norwegian = header(login(Client(), kari).get("/my/"))
    english_client = login(Client(), ola)
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = header(english_client.get("/my/"))

    assert "Mine informasjonsskriv" in norwegian and "Hvem har sett" in norwegian
    assert "My leaflets" in english and "Who has looked" in english
    assert "Gå til hovedinnholdet" in norwegian and "Skip to main content" in english


def test_a_dermatologist_after_a_patient_gets_the_dermatologists_menu(kari, dr_hansen):
    login(Client(), kari).get("/my/")
    dermatologist_header = header(login(Client(), dr_hansen).get("/patients/"))

    assert 'href="/patients/"' in dermatologist_header
    assert 'href="/my/access-log/"' not in dermatologist_header


def test_a_visitor_after_a_patient_gets_the_login_link_and_no_patient_menu(kari):
    login(Client(), kari).get("/leaflets/")
    visitor_header = header(Client().get("/leaflets/"))

    assert 'href="/accounts/login/"' in visitor_header
    assert 'href="/my/"' not in visitor_header
    assert "Kari Nordmann" not in visitor_header


def test_the_language_switch_returns_to_the_page_it_was_pressed_on(kari):
    client = login(Client(), kari)
    home = header(client.get("/my/"))
    reports = header(client.get("/my/reports/"))

    assert 'name="next" value="/my/"' in home
    assert 'name="next" value="/my/reports/"' in reports


@pytest.mark.parametrize(
    ("make_user", "audience"),
    [
        (lambda: PatientFactory().user, "patient"),
        (lambda: PatientFactory(user__is_staff=True).user, None),
        (lambda: AdminUserFactory(), None),
    ],
)
def test_only_patients_and_visitors_share_a_menu(make_user, audience):
    assert header_audience(make_user()) == audience


def test_a_visitor_shares_the_visitors_menu():
    assert header_audience(AnonymousUser()) == "anonymous"
    assert header_audience(None) == "anonymous"
