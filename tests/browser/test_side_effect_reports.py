import datetime

import pytest
import time_machine
from django.utils import timezone

from clinic.models import ClinicContact
from tests.browser.conftest import log_in
from tests.factories import PASSWORD, AssignmentFactory, medicine_leaflet
from tests.patients.reporting import make_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "nb": {
        "fever": "Har du feber?",
        "yes": "Ja",
        "no": "Nei",
        "send": "Send bivirkningsmeldingen",
        "urgent": "Kontakt klinikken i dag",
        "flag": "Feber",
        "advice": "Ta kontakt med klinikken i dag.",
        "reply": "Send svar",
        "save": "Lagre status",
        "to_doctor": "Send til hudlegen min",
        "closed": "Avsluttet",
        "ongoing": "Det pågår fortsatt",
        "moderate": "Moderat",
        "somewhat": "Noe",
        "continued": "Jeg har fortsatt som før",
    },
    "en": {
        "fever": "Do you have a fever?",
        "yes": "Yes",
        "no": "No",
        "send": "Send the report",
        "urgent": "Contact the clinic today",
        "flag": "Fever",
        "advice": "Contact the clinic today.",
        "reply": "Send reply",
        "save": "Save status",
        "to_doctor": "Send to my dermatologist",
        "closed": "Closed",
        "ongoing": "It is still going on",
        "moderate": "Moderate",
        "somewhat": "Somewhat",
        "continued": "I have continued as before",
    },
}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_kari_reports_fever_and_dr_hansen_triages_answers_and_closes(
    page, browser, live_server, axe_check, language
):
    words = WORDS[language]
    assignment = AssignmentFactory(
        leaflet=medicine_leaflet(),
        patient__user__email="kari@example.org",
        patient__user__language=language,
        patient__dermatologist__user__email="dr.hansen@example.org",
        patient__dermatologist__user__language=language,
    )

    # Kari reports fever from the leaflet; a first try without dates is refused, nothing lost.
    log_in(page, "kari@example.org", PASSWORD)
    page.goto(f"/my/leaflets/{assignment.pk}/")
    page.locator(f"a[href='/my/reports/new/{assignment.pk}/']").click()
    axe_check(page)
    fever = page.get_by_role("group", name=words["fever"])
    fever.get_by_label(words["yes"], exact=True).check()
    page.locator("textarea[name=description]").fill("38,6 i går kveld.")
    page.get_by_role("button", name=words["send"]).click()
    assert page.locator("#form-errors").is_visible()
    assert page.locator("textarea[name=description]").input_value() == "38,6 i går kveld."
    axe_check(page)
    started = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    page.locator("input[name=started_on]").fill(started)
    page.get_by_label(words["ongoing"]).check()
    page.get_by_label(words["moderate"], exact=True).check()
    page.get_by_label(words["somewhat"], exact=True).check()
    page.get_by_label(words["continued"]).check()
    page.get_by_role("button", name=words["send"]).click()

    # The confirmation opens with the level's heading, then the flag with its own advice,
    # the out-of-hours number and the clinic's phone.
    assert page.locator("main").get_by_role("heading").first.inner_text() == words["urgent"]
    urgent = page.locator(".urgent-advice")
    assert urgent.count() == 1 and urgent.inner_text().startswith(words["urgent"])
    flag = urgent.locator(".urgent-flag")
    assert flag.inner_text().split("\n\n") == [words["flag"], words["advice"]]
    assert urgent.locator("a[href='tel:116117']").inner_text() == "116 117"
    assert ClinicContact.current().phone in urgent.inner_text()
    reference = page.locator(".lead strong").first.inner_text()
    assert reference.startswith("R-")
    axe_check(page)
    page.goto("/my/reports/")
    axe_check(page)

    # dr. Hansen sees it first, above an older routine report, marked with its level;
    # replies and sets it in progress.
    with time_machine.travel(timezone.now() - datetime.timedelta(days=2)):
        routine = make_report(
            AssignmentFactory(
                leaflet=assignment.leaflet,
                patient__dermatologist=assignment.patient.dermatologist,
            )
        )
    doctor = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    log_in(doctor, "dr.hansen@example.org", PASSWORD)
    doctor.goto("/reports/")
    rows = doctor.locator("tbody tr")
    assert rows.count() == 2 and routine.reference in rows.nth(1).inner_text()
    first_row = rows.first
    assert reference in first_row.inner_text()
    assert first_row.locator(".badge-urgent").inner_text() == words["urgent"]
    axe_check(doctor)
    first_row.get_by_role("link").click()
    axe_check(doctor)
    doctor.locator("textarea[name=body]").fill("Ta blodprøve i dag. Jeg ringer deg.")
    doctor.get_by_role("button", name=words["reply"]).click()
    doctor.locator("select[name=status]").select_option("in_progress")
    doctor.get_by_role("button", name=words["save"]).click()

    # Kari sees the reply and answers.
    page.goto("/my/reports/")
    page.get_by_role("link", name=reference).click()
    assert "Ta blodprøve i dag." in page.locator("#messages").inner_text()
    page.locator("textarea[name=body]").fill("Takk, jeg tar prøven nå.")
    page.get_by_role("button", name=words["to_doctor"]).click()

    # dr. Hansen closes it with the action taken.
    doctor.reload()
    assert "Takk, jeg tar prøven nå." in doctor.locator("#messages").inner_text()
    doctor.locator("select[name=status]").select_option("closed")
    doctor.locator("select[name=action]").select_option("blood_tests")
    doctor.get_by_role("button", name=words["save"]).click()
    assert doctor.locator("select[name=status]").input_value() == "closed"
    page.reload()
    assert words["closed"] in page.locator("main").inner_text()
    assert page.locator(".urgent-advice").count() == 0
    doctor.context.close()
