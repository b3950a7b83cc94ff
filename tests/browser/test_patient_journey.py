import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from leaflets import services as leaflet_services
from leaflets.models import LeafletVersion
from tests.browser.conftest import log_in
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    DermatologistFactory,
    UserFactory,
    published_leaflet,
    question,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "nb": {
        "register": "Registrer og send lenken",
        "assign_link": "Tildel informasjonsskriv",
        "activate": "Aktiver kontoen min",
        "assign": "Tildel",
        "answer": "Svar på spørsmålene",
        "check": "Sjekk svarene mine",
        "confirm": "Jeg har lest og forstått",
        "outdated": "Utdatert",
        "acknowledged": "bekreftet v1 (nb)",
        "to_read": "Ikke lest ennå",
    },
    "en": {
        "register": "Register and send the link",
        "assign_link": "Assign leaflets",
        "activate": "Activate my account",
        "assign": "Assign",
        "answer": "Answer the questions",
        "check": "Check my answers",
        "confirm": "I have read and understood",
        "outdated": "Outdated",
        "acknowledged": "acknowledged v1 (en)",
        "to_read": "To read",
    },
}


def _leaflets():
    first = published_leaflet(slug="azathioprine", title_nb="Azatioprin", title_en="Azathioprine")
    for language in ("nb", "en"):
        question(first, language, section="Bivirkninger" if language == "nb" else "")
    published_leaflet(slug="methotrexate", title_nb="Metotreksat", title_en="Methotrexate")
    return first


def _publish_v2(leaflet):
    editor, approver = UserFactory(is_staff=True), UserFactory(is_staff=True, is_superuser=True)
    draft = leaflet_services.new_draft_from(version=leaflet.published_version(), by=editor)
    LeafletVersion.objects.filter(pk=draft.pk).update(requires_reacknowledgement=True)
    leaflet_services.submit_for_review(version=draft, by=editor)
    leaflet_services.publish(version=draft, by=approver)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_register_assign_read_check_acknowledge_and_see_it_outdated(
    page, browser, live_server, axe_check, language, run_tasks
):
    words = WORDS[language]
    doctor = DermatologistFactory(user__email="dr.hansen@example.org", user__language=language)
    leaflet = _leaflets()

    # dr. Hansen registers a patient.
    log_in(page, doctor.user.email, PASSWORD)
    page.goto("/patients/new/")
    axe_check(page)
    page.get_by_label("Fullt navn" if language == "nb" else "Full name").fill("Nora Berg")
    page.locator("input[name=email]").fill("nora@example.org")
    page.locator("input[name=date_of_birth]").fill("1990-05-01")
    page.locator("select[name=language]").select_option(language)
    page.get_by_role("button", name=words["register"]).click()
    axe_check(page)

    # The activation mail's link sets a password.
    run_tasks()
    link = re.search(r"https?://\S+(/activate/\S+/)", mail.outbox[-1].body).group(1)
    patient_context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    patient = patient_context.new_page()
    patient.goto(link)
    axe_check(patient)
    patient.locator("input[name=new_password1]").fill("en lang setning jeg husker")
    patient.locator("input[name=new_password2]").fill("en lang setning jeg husker")
    patient.get_by_role("button", name=words["activate"]).click()
    assert patient.url.endswith("/my/")
    assert patient.locator("html").get_attribute("lang") == language

    # dr. Hansen assigns two leaflets with a note.
    page.get_by_role(
        "link", name="Tildel informasjonsskriv" if language == "nb" else "Assign leaflets"
    ).click()
    axe_check(page)
    page.locator("input[name=leaflets]").nth(0).check()
    page.locator("input[name=leaflets]").nth(1).check()
    page.locator("textarea[name=note]").fill("Les før timen på mandag.")
    page.get_by_role("button", name=words["assign"], exact=True).click()

    # The patient reads one, fails and then passes the questions, and acknowledges.
    patient.goto("/my/")
    assert "Les før timen på mandag." in patient.content()
    axe_check(patient)
    patient.get_by_role("link", name="Azatioprin" if language == "nb" else "Azathioprine").click()
    axe_check(patient)
    patient.get_by_role("link", name=words["answer"]).click()
    patient.locator("input[type=radio]").nth(0).check()
    patient.get_by_role("button", name=words["check"]).click()
    expect(patient.locator(".explanation")).to_have_count(1)
    axe_check(patient)
    patient.locator("input[type=radio]").nth(1).check()
    patient.get_by_role("button", name=words["check"]).click()
    patient.get_by_role("button", name=words["confirm"]).click()
    assert patient.url.endswith("/my/")

    page.reload()
    assert words["acknowledged"] in page.locator("main").inner_text()
    axe_check(page)

    # A new version that patients must confirm again makes it outdated on both sides.
    _publish_v2(leaflet)
    page.reload()
    assert words["outdated"] in page.locator("main table").inner_text()
    patient.goto("/my/")
    to_read = patient.locator("#to-read").locator("xpath=..").inner_text()
    assert words["outdated"] in to_read
    axe_check(patient)
    patient_context.close()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_remaining_pages_are_accessible(page, axe_check, language):
    assignment = AssignmentFactory(patient__user__language=language)
    doctor = assignment.patient.dermatologist.user
    log_in(page, assignment.patient.user.email, PASSWORD)
    page.goto(f"/my/leaflets/{assignment.pk}/print/")
    axe_check(page)
    page.goto("/activate/no-such-token/")
    axe_check(page)
    page.goto("/account/")
    axe_check(page)
    page.goto("/my/reports/new/")
    axe_check(page)
    page.goto("/my/reports/new/other/")
    axe_check(page)
    page.context.clear_cookies()
    log_in(page, doctor.email, PASSWORD)
    page.goto("/patients/?q=x")
    axe_check(page)
    page.goto("/reports/?status=closed")
    axe_check(page)
