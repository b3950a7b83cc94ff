"""After a report, the confirmation begins with the advice for the red flags answered yes."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone, translation

from clinic.models import ClinicContact
from leaflets.models import KnownSideEffect, Leaflet
from leaflets.urgency import Urgency
from patients import report_services, selectors
from patients.models import SideEffectReport
from tests.factories import AssignmentFactory, PatientFactory
from tests.html_forms import form_data
from tests.patients.reporting import answers, make_report


def _content(html: str) -> str:
    """The page's own content: what comes first inside <main>'s container."""
    main = html.split('<main id="main"', 1)[1].split(">", 1)[1]
    return main.split('<div class="container">', 1)[1].strip()


def _first_block(html: str) -> str:
    content = _content(html)
    assert content.startswith('<div class="urgent-advice-list">'), content[:300]
    return content.split("</section>", 1)[0]


def _heading(block: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", block, re.S).group(1).strip()


def _report_page(client, assignment, *, yes=(), symptoms=()):
    url = f"/my/reports/new/{assignment.pk}/"
    data = form_data(client.get(url).content.decode(), None)
    data.pop("csrfmiddlewaretoken", None)
    flags = [effect.key for effect in selectors.side_effects_of(assignment) if effect.red_flag]
    data.update({f"red_flag_{key}": "no" for key in flags})
    data.update({f"red_flag_{key}": "yes" for key in yes})
    data.update(
        {
            "symptoms": list(symptoms),
            "started_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            "outcome": "ongoing",
            "severity": "severe",
            "interference": "very_much",
            "medicine_action": "continued",
        }
    )
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


@pytest.fixture
def flagged(medicine):
    """The test leaflet's fever is a "today" red flag with its own advice; nausea becomes an
    emergency red flag (as suicidal thoughts are for isotretinoin)."""
    KnownSideEffect.objects.filter(version__leaflet=medicine, key="fever").update(
        level=Urgency.TODAY,
        advice_nb="Ta en blodprøve i dag.",
        advice_en="Have a blood test today.",
    )
    KnownSideEffect.objects.filter(version__leaflet=medicine, key="nausea").update(
        red_flag=True,
        ask_nb="Har du tanker om å ta livet ditt?",
        ask_en="Are you thinking of ending your life?",
        level=Urgency.EMERGENCY,
        advice_nb="Slutt å ta medisinen. Du kan også ringe Mental Helse på 116 123.",
        advice_en="Stop taking the medicine. You can also call Mental Helse on 116 123.",
    )
    return medicine


def test_an_emergency_flag_puts_call_113_first_and_never_the_clinic_today_as_headline(
    client_for, kari, kari_medicine, flagged
):
    page = _report_page(client_for(kari), kari_medicine, yes=["nausea"])

    block = _first_block(page)
    assert _heading(block) == "Ring 113 nå"
    assert "Slutt å ta medisinen. Du kan også ringe Mental Helse på 116 123." in block
    assert 'href="tel:113"' in block
    assert "Kontakt klinikken i dag" not in page
    assert SideEffectReport.objects.get().urgency == Urgency.EMERGENCY


def test_flags_of_two_levels_show_the_most_urgent_first_each_with_its_numbers(
    client_for, ola, dr_hansen, flagged
):
    ClinicContact.objects.update_or_create(pk=1, defaults={"phone": "+47 23 45 67 89"})
    assignment = AssignmentFactory(patient=ola.patient, leaflet=flagged)
    client = client_for(ola)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = _report_page(client, assignment, yes=["fever", "nausea"])

    content = _content(page)
    emergency, today = content.split("</section>")[:2]
    assert _heading(emergency) == "Call 113 now"
    assert "Stop taking the medicine." in emergency and "blood test" not in emergency
    assert 'href="tel:113"' in emergency and "+47 23 45 67 89" not in emergency
    assert "Contact the clinic today" in today and "Have a blood test today." in today
    assert 'href="tel:116117"' in today and "+47 23 45 67 89" in today
    assert "Monday–Friday" in today


def test_the_sent_notice_comes_after_the_advice(client_for, kari, kari_medicine, flagged):
    page = _report_page(client_for(kari), kari_medicine, yes=["fever"])

    content = _content(page)
    assert content.startswith('<div class="urgent-advice-list">')
    sent = content.index('role="status">Bivirkningsmeldingen din er sendt til hudlegen din.')
    assert content.index("Ta en blodprøve i dag.") < sent


def test_without_a_red_flag_no_urgent_advice(client_for, kari, kari_medicine, flagged):
    KnownSideEffect.objects.filter(version__leaflet=flagged, key="nausea").update(red_flag=False)

    page = _report_page(client_for(kari), kari_medicine, symptoms=["nausea"])

    assert "urgent-advice" not in page
    assert "Ring 113 nå" not in _content(page)


def test_the_advice_is_the_one_the_patient_was_given_after_the_leaflet_changes(
    client_for, kari, kari_medicine, flagged
):
    report = report_services.submit_report(
        patient=kari.patient, assignment=kari_medicine, answers=answers(red_flags=["fever"])
    )
    KnownSideEffect.objects.filter(version__leaflet=flagged, key="fever").update(
        level=Urgency.SOON, advice_nb="Ny tekst."
    )

    page = client_for(kari).get(f"/my/reports/{report.pk}/").content.decode()

    block = _first_block(page)
    assert _heading(block) == "Kontakt klinikken i dag"
    assert "Ta en blodprøve i dag." in block and "Ny tekst." not in page


def test_a_closed_report_shows_no_urgent_advice(client_for, kari, dr_hansen, kari_medicine):
    report = make_report(kari_medicine, urgent=True)
    report.status = SideEffectReport.Status.CLOSED
    report.save()

    page = client_for(kari).get(f"/my/reports/{report.pk}/").content.decode()

    assert "urgent-advice" not in page


@pytest.mark.parametrize("language", ["nb", "en"])
def test_every_red_flag_of_every_demo_leaflet_gets_its_own_advice_first(client, db, language):
    call_command("seed_demo", force=True)
    patient = PatientFactory(user__language=language)
    for leaflet in Leaflet.objects.all():
        AssignmentFactory(patient=patient, leaflet=leaflet)
    client.force_login(patient.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    tried = 0

    for assignment in selectors.medicine_assignments(patient):
        for flag in [e for e in selectors.side_effects_of(assignment) if e.red_flag]:
            page = _report_page(client, assignment, yes=[flag.key])

            block = _first_block(page)
            level = Urgency(flag.level or Urgency.TODAY)
            with translation.override(language):
                assert _heading(block) == str(level.label), flag.key
            other = "en" if language == "nb" else "nb"
            advice = getattr(flag, f"advice_{language}") or getattr(flag, f"advice_{other}")
            assert advice, f"{assignment.leaflet.slug}: {flag.key} has no advice"
            assert linebreaksbr(advice, autoescape=True) in block, flag.key
            tried += 1

    reportable_flags = KnownSideEffect.objects.filter(
        red_flag=True,
        version__status="published",
        version__leaflet__in=[a.leaflet for a in selectors.medicine_assignments(patient)],
    )
    assert tried == reportable_flags.count() > 0
