import datetime
import uuid

import pytest
from django.utils import timezone

from clinic.models import OutgoingMail
from leaflets.models import KnownSideEffect, Leaflet
from patients.models import SideEffectReport
from tests.factories import AssignmentFactory, category, published_leaflet
from tests.html_forms import form_data


def _url(assignment):
    return f"/my/reports/new/{assignment.pk}/"


def _answers(client, assignment, **overrides):
    data = form_data(client.get(_url(assignment)).content.decode(), None)
    data.pop("csrfmiddlewaretoken", None)
    data.update(
        {
            "red_flag_fever": "no",
            "symptoms": ["nausea"],
            "started_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
            "outcome": "ongoing",
            "severity": "mild",
            "interference": "a_little",
            "medicine_action": "continued",
            "description": "Kvalm om morgenen.",
        }
    )
    data.update(overrides)
    return data


def test_a_report_is_saved_with_what_the_patient_saw(client_for, kari, kari_medicine):
    client = client_for(kari)

    response = client.post(_url(kari_medicine), _answers(client, kari_medicine))

    report = SideEffectReport.objects.get()
    assert response["Location"] == f"/my/reports/{report.pk}/"
    assert report.reference == f"R-{report.created_at:%Y}-{report.pk:05d}"
    assert report.symptoms == [
        {"key": "nausea", "name": "Kvalme", "red_flag": False, "question": ""}
    ]
    assert not report.urgent
    assert report.medicine_name == "Azatioprin"
    assert report.consent == "ask_first"
    assert OutgoingMail.objects.get().kind == "new_report"


def test_a_red_flag_makes_the_report_urgent_and_the_page_says_call_today(
    client_for, kari, kari_medicine
):
    client = client_for(kari)

    response = client.post(
        _url(kari_medicine),
        _answers(client, kari_medicine, red_flag_fever="yes", symptoms=[]),
        follow=True,
    )

    report = SideEffectReport.objects.get()
    assert report.urgent
    assert report.symptoms[0]["question"] == "Har du feber?"
    main = response.content.decode().split("<main", 1)[1]
    assert main.index("Kontakt klinikken i dag") < main.index(report.reference)
    assert "Ring 113" in main
    assert OutgoingMail.objects.get().kind == "urgent_report"


def test_a_double_click_makes_one_report(client_for, kari, kari_medicine):
    client = client_for(kari)
    answers = _answers(client, kari_medicine)

    first = client.post(_url(kari_medicine), answers)
    second = client.post(_url(kari_medicine), answers)

    assert SideEffectReport.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_another_patients_form_token_gives_a_form_error_not_a_500(
    client_for, kari, ola, kari_medicine
):
    kari_client = client_for(kari)
    kari_answers = _answers(kari_client, kari_medicine)
    kari_client.post(_url(kari_medicine), kari_answers)
    taken = SideEffectReport.objects.get()
    olas = AssignmentFactory(patient=ola.patient, leaflet=kari_medicine.leaflet)
    ola_client = client_for(ola)

    response = ola_client.post(
        _url(olas), _answers(ola_client, olas, form_token=str(taken.form_token))
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Skjemaet kunne ikke sendes. Se over svarene og send det på nytt." in page
    assert "Kvalm om morgenen." in page
    assert list(SideEffectReport.objects.all()) == [taken]
    resent = ola_client.post(_url(olas), form_data(page, None))
    assert resent.status_code == 302
    assert SideEffectReport.objects.filter(patient=ola.patient).count() == 1


def test_a_report_keeps_its_words_when_the_leaflet_changes(client_for, kari, kari_medicine):
    client = client_for(kari)
    client.post(_url(kari_medicine), _answers(client, kari_medicine))

    KnownSideEffect.objects.filter(version__leaflet=kari_medicine.leaflet, key="nausea").update(
        name_nb="Uvelhet"
    )

    assert SideEffectReport.objects.get().symptoms[0]["name"] == "Kvalme"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"started_on": "2999-01-01"}, "Datoen kan ikke være fram i tid."),
        ({"outcome": "recovered", "stopped_on": ""}, "Fortell når det stoppet."),
        ({"symptoms": [], "other_symptoms": ""}, "Kryss av for det du har merket"),
        ({"red_flag_fever": ""}, "Svar ja eller nei."),
        ({"severity": "catastrophic"}, "Velg et gyldig valg"),
    ],
)
def test_bad_answers_get_a_clear_error_and_keep_everything_typed(
    client_for, kari, kari_medicine, overrides, message
):
    client = client_for(kari)

    response = client.post(_url(kari_medicine), _answers(client, kari_medicine, **overrides))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert "Kvalm om morgenen." in page
    assert not SideEffectReport.objects.exists()


def test_another_medicine_needs_its_name(client_for, kari):
    client = client_for(kari)
    data = {
        "form_token": str(uuid.uuid4()),
        "other_symptoms": "Utslett",
        "started_on": timezone.localdate().isoformat(),
        "outcome": "ongoing",
        "severity": "mild",
        "interference": "not_at_all",
        "medicine_action": "continued",
        "consent": "anonymous",
    }

    refused = client.post("/my/reports/new/other/", data)
    accepted = client.post("/my/reports/new/other/", {**data, "other_medicine": "Ibux"})

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert SideEffectReport.objects.get().medicine_name == "Ibux"


@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie"])
def test_nobody_else_can_report_on_karis_leaflet(client_for, request, kari_medicine, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(_url(kari_medicine)).status_code == 404
    assert not SideEffectReport.objects.exists()


def test_a_non_medicine_leaflet_cannot_be_reported_on(client_for, kari):
    leaflet = published_leaflet(slug="eksem", category=category("conditions"))
    assignment = AssignmentFactory(patient=kari.patient, leaflet=leaflet)

    assert client_for(kari).get(_url(assignment)).status_code == 404
    assert Leaflet.objects.count() == 1
