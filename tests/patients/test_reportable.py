"""What a patient can report on is a property of the leaflet (issue 10.4), and the report
form and teach-back read the version the patient reads (issue 9.3)."""

from leaflets import services as leaflet_services
from leaflets.urgency import Urgency
from tests.factories import (
    AssignmentFactory,
    UserFactory,
    category,
    medicine_leaflet,
    published_leaflet,
    question,
    side_effect,
)


def _report_url(assignment):
    return f"/my/reports/new/{assignment.pk}/"


def test_kari_can_report_on_topical_corticosteroids_filed_under_treatments(client_for, kari):
    leaflet = medicine_leaflet(slug="topical-corticosteroids", category=category("treatments"))
    assignment = AssignmentFactory(patient=kari.patient, leaflet=leaflet)
    client = client_for(kari)

    start = client.get("/my/reports/new/").content.decode()
    form = client.get(_report_url(assignment))

    assert _report_url(assignment) in start
    assert form.status_code == 200
    assert "Har du feber?" in form.content.decode()
    assert _report_url(assignment) in client.get(assignment.get_absolute_url()).content.decode()


def test_eczema_shows_its_warning_signs_but_never_offers_them_as_side_effects(client_for, kari):
    leaflet = published_leaflet(slug="atopic-eczema", category=category("conditions"))
    side_effect(
        leaflet,
        key="eczema_herpeticum",
        name_nb="Smertefulle blemmer som sprer seg",
        name_en="Painful blisters that spread",
        red_flag=True,
        level=Urgency.TODAY,
        ask_nb="Har du fått blemmer?",
        ask_en="Have you got blisters?",
        advice_nb="Kontakt klinikken i dag.",
        advice_en="Contact the clinic today.",
    )
    assignment = AssignmentFactory(patient=kari.patient, leaflet=leaflet)
    client = client_for(kari)

    reader = client.get(assignment.get_absolute_url()).content.decode()

    assert 'id="when-to-get-help"' in reader and "Faresignaler" in reader
    assert "Smertefulle blemmer som sprer seg" in reader
    assert _report_url(assignment) not in reader
    assert client.get(_report_url(assignment)).status_code == 404
    assert (
        _report_url(assignment) not in client.get("/my/reports/new/", follow=True).content.decode()
    )


def test_the_report_form_offers_the_published_versions_side_effects_not_the_drafts(
    client_for, kari, kari_medicine
):
    editor = UserFactory(role="admin", is_staff=True)
    draft = leaflet_services.new_draft_from(
        version=kari_medicine.leaflet.published_version(), by=editor
    )
    draft.side_effects.filter(key="nausea").update(name_nb="Uvelhet i utkastet")
    side_effect(draft, key="rash", position=3, name_nb="Utslett i utkastet")

    page = client_for(kari).get(_report_url(kari_medicine)).content.decode()

    assert "Kvalme" in page
    assert "i utkastet" not in page


def test_teach_back_asks_the_published_versions_questions(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    published = question(assignment.leaflet, question="Spørsmål i den publiserte versjonen?")
    editor = UserFactory(role="admin", is_staff=True)
    draft = leaflet_services.new_draft_from(
        version=assignment.leaflet.published_version(), by=editor
    )
    draft.questions.update(question="Spørsmål i utkastet?")

    page = client_for(kari).get(f"/my/leaflets/{assignment.pk}/check/").content.decode()

    assert published.question in page
    assert "Spørsmål i utkastet?" not in page
