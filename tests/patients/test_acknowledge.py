import pytest

from leaflets import services as leaflet_services
from leaflets.models import LeafletVersion
from patients import services
from patients.models import Acknowledgement, Assignment
from tests.factories import AssignmentFactory, UserFactory, question


def _url(assignment):
    return f"/my/leaflets/{assignment.pk}/acknowledge/"


def _post(client, assignment, language="nb"):
    version = assignment.leaflet.published_version()
    return client.post(_url(assignment), {"version": version.pk, "language": language})


def test_acknowledgement_is_pinned_to_the_version_and_language(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    response = _post(client_for(kari), assignment, "en")

    assert response["Location"] == "/my/"
    ack = Acknowledgement.objects.get(assignment=assignment)
    assert (ack.version, ack.language) == (assignment.leaflet.published_version(), "en")


def test_a_second_click_makes_no_second_record(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    client = client_for(kari)

    _post(client, assignment)
    _post(client, assignment)

    assert Acknowledgement.objects.filter(assignment=assignment).count() == 1


def test_the_questions_come_first(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    question(assignment.leaflet)

    response = _post(client_for(kari), assignment)

    assert response["Location"] == f"/my/leaflets/{assignment.pk}/"
    assert not Acknowledgement.objects.exists()


def _publish_new_version(leaflet, *, reacknowledge):
    editor = UserFactory(is_staff=True)
    approver = UserFactory(is_superuser=True, is_staff=True)
    draft = leaflet_services.new_draft_from(version=leaflet.published_version(), by=editor)
    text = draft.texts.get(language="nb")
    text.change_note = "Nytt om allopurinol."
    text.save()
    LeafletVersion.objects.filter(pk=draft.pk).update(requires_reacknowledgement=reacknowledge)
    leaflet_services.submit_for_review(version=draft, by=editor)
    return leaflet_services.publish(version=draft, by=approver)


def test_a_new_version_that_needs_confirmation_makes_the_old_one_outdated(
    client_for, kari, dr_hansen
):
    assignment = AssignmentFactory(patient=kari.patient)
    _post(client_for(kari), assignment)

    _publish_new_version(assignment.leaflet, reacknowledge=True)

    home = client_for(kari).get("/my/")
    assert [s.title for s in home.context["to_read"]] == ["Azatioprin"]
    assert "Nytt om allopurinol." in home.content.decode()
    detail = client_for(dr_hansen).get(f"/patients/{kari.patient.pk}/")
    assert [s.label for s in detail.context["active"]] == ["Utdatert"]
    assert "v2 må bekreftes" in detail.content.decode()


def test_a_minor_new_version_keeps_the_acknowledgement_current(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    _post(client_for(kari), assignment)

    _publish_new_version(assignment.leaflet, reacknowledge=False)

    assert client_for(kari).get("/my/").context["read"][0].state.is_current


def test_confirming_a_retired_version_is_refused(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    old = assignment.leaflet.published_version()
    _publish_new_version(assignment.leaflet, reacknowledge=True)

    response = client_for(kari).post(_url(assignment), {"version": old.pk, "language": "nb"})

    assert response.status_code == 302
    assert not Acknowledgement.objects.exists()


@pytest.mark.parametrize("persona", ["ola", "dr_hansen", "dr_lie"])
def test_nobody_else_can_acknowledge_for_the_patient(client_for, request, kari, persona):
    assignment = AssignmentFactory(patient=kari.patient)

    response = _post(client_for(request.getfixturevalue(persona)), assignment)

    assert response.status_code == 404
    assert not Acknowledgement.objects.exists()


def test_acknowledge_refuses_get(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    assert client_for(kari).get(_url(assignment)).status_code == 405


def test_a_version_of_another_leaflet_is_not_found(client_for, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    other = AssignmentFactory(patient=kari.patient).leaflet.published_version()

    response = client_for(kari).post(_url(assignment), {"version": other.pk, "language": "nb"})

    assert response.status_code == 404
    assert not Acknowledgement.objects.exists()


# The stored state the pages read: the assignment's highest acknowledged version number
# against its leaflet's `confirm_from_number`.


def _state(assignment):
    stored = Assignment.objects.with_state().get(pk=assignment.pk)
    return stored.ever_acknowledged, stored.current_acknowledged


def _acknowledge(assignment):
    return services.acknowledge(
        assignment=assignment, version=assignment.leaflet.published_version(), language="nb"
    )


def test_acknowledging_stores_the_version_number_and_makes_the_assignment_current(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    assert _state(assignment) == (False, False)

    _acknowledge(assignment)

    assignment.refresh_from_db()
    assert assignment.acknowledged_number == assignment.leaflet.published_version().number
    assert _state(assignment) == (True, True)


def test_a_published_version_that_needs_confirmation_makes_the_acknowledgement_outdated(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    _acknowledge(assignment)

    _publish_new_version(assignment.leaflet, reacknowledge=True)

    assert _state(assignment) == (True, False)
    assert list(Assignment.objects.outdated()) == [assignment]
    assert list(Assignment.objects.unacknowledged()) == [assignment]


def test_a_published_minor_version_keeps_the_acknowledgement_current(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    _acknowledge(assignment)

    _publish_new_version(assignment.leaflet, reacknowledge=False)

    assert _state(assignment) == (True, True)
    assert not Assignment.objects.unacknowledged().exists()


def test_confirming_the_new_version_makes_the_assignment_current_again(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    _acknowledge(assignment)
    _publish_new_version(assignment.leaflet, reacknowledge=True)

    _acknowledge(assignment)

    assert _state(assignment) == (True, True)
    assert not Assignment.objects.outdated().exists()


def test_an_acknowledgement_saved_directly_keeps_the_highest_number(kari):
    """Factories and bulk repairs save acknowledgements without the service: the stored
    number still follows them, and an older version never lowers it."""
    assignment = AssignmentFactory(patient=kari.patient)
    first = assignment.leaflet.published_version()
    second = _publish_new_version(assignment.leaflet, reacknowledge=True)

    Acknowledgement.objects.create(assignment=assignment, version=second, language="nb")
    Acknowledgement.objects.create(assignment=assignment, version=first, language="nb")

    assignment.refresh_from_db()
    assert assignment.acknowledged_number == second.number
    assert _state(assignment) == (True, True)


def test_refresh_acknowledged_recomputes_the_number_from_the_acknowledgements(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    _acknowledge(assignment)
    Assignment.objects.filter(pk=assignment.pk).update(acknowledged_number=None)

    Assignment.objects.filter(pk=assignment.pk).refresh_acknowledged()

    assert _state(assignment) == (True, True)


def test_a_never_acknowledged_assignment_is_listed_as_such(kari):
    waiting = AssignmentFactory(patient=kari.patient)
    _acknowledge(AssignmentFactory(patient=kari.patient))

    assert list(Assignment.objects.never_acknowledged()) == [waiting]
    assert list(Assignment.objects.unacknowledged()) == [waiting]
