"""The daily loop's services, one behaviour each, without the pages around them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from clinic.models import AuditEntry, OutgoingMail, User
from patients import services
from patients.models import Acknowledgement, Assignment, Invitation, Message, Thread
from tests.factories import AssignmentFactory, PatientFactory, published_leaflet, question


def _register(dr_hansen, email="nora@example.org"):
    return services.register_patient(
        dermatologist=dr_hansen.dermatologist,
        full_name="Nora Berg",
        email=email,
        date_of_birth=datetime.date(1990, 5, 1),
        language="en",
    )


def test_register_patient_makes_an_inactive_account_and_queues_the_invitation(dr_hansen):
    patient = _register(dr_hansen)

    assert not patient.user.is_active and not patient.user.has_usable_password()
    assert OutgoingMail.objects.get(recipient=patient.user).kind == "invitation"


def test_register_patient_refuses_an_email_in_use_whatever_its_case(dr_hansen, kari):
    with pytest.raises(ValidationError) as refused:
        _register(dr_hansen, email="KARI@example.org")

    assert "email" in refused.value.message_dict
    assert User.objects.filter(email__iexact="kari@example.org").count() == 1


def test_resend_invitation_refuses_an_active_patient(dr_hansen, kari):
    with pytest.raises(ValidationError):
        services.resend_invitation(patient=kari.patient, by=dr_hansen)

    assert not OutgoingMail.objects.exists()


def test_a_new_invitation_path_expires_the_earlier_links(dr_hansen):
    patient = _register(dr_hansen)

    services.new_invitation_path(user=patient.user)
    services.new_invitation_path(user=patient.user)

    usable = [i for i in Invitation.objects.filter(user=patient.user) if i.is_usable()]
    assert len(usable) == 1


def test_activate_sets_the_password_once(dr_hansen):
    patient = _register(dr_hansen)
    token = services.new_invitation_path(user=patient.user).rstrip("/").rsplit("/", 1)[1]

    user = services.activate(token=token, password="en lang setning jeg husker")

    assert user.is_active and user.check_password("en lang setning jeg husker")
    with pytest.raises(ValidationError):
        services.activate(token=token, password="en annen lang setning")


def test_assign_leaflets_assigns_none_when_one_is_refused(dr_hansen, kari):
    existing = AssignmentFactory(patient=kari.patient).leaflet

    with pytest.raises(ValidationError):
        services.assign_leaflets(
            patient=kari.patient, leaflets=[published_leaflet(), existing], by=dr_hansen
        )

    assert Assignment.objects.count() == 1


def test_assign_leaflets_sends_the_patient_one_mail_for_several_leaflets(dr_hansen, kari):
    services.assign_leaflets(
        patient=kari.patient, leaflets=[published_leaflet(), published_leaflet()], by=dr_hansen
    )

    assert OutgoingMail.objects.filter(recipient=kari, kind="new_information").count() == 1


def test_withdrawing_twice_is_logged_once(dr_hansen, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    services.withdraw_assignment(assignment=assignment, by=dr_hansen)
    services.withdraw_assignment(assignment=assignment, by=dr_hansen)

    assert AuditEntry.objects.filter(action="assignment.withdrawn").count() == 1


def test_record_open_keeps_the_first_time(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    services.record_open(assignment=assignment)
    first = Assignment.objects.get(pk=assignment.pk).first_opened_at

    services.record_open(assignment=Assignment.objects.get(pk=assignment.pk))

    assert Assignment.objects.get(pk=assignment.pk).first_opened_at == first


def test_check_understanding_keeps_the_first_try_score(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    asked = question(assignment.leaflet)
    version = assignment.leaflet.published_version()

    services.check_understanding(
        assignment=assignment, version=version, language="nb", answers={asked.pk: 1}
    )
    outcome = services.check_understanding(
        assignment=assignment, version=version, language="nb", answers={asked.pk: 2}
    )

    assert outcome.passed
    assert (outcome.result.first_try_correct, outcome.result.attempts) == (0, 2)


def test_acknowledge_refuses_until_the_questions_are_answered(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    question(assignment.leaflet)

    with pytest.raises(ValidationError):
        services.acknowledge(
            assignment=assignment, version=assignment.leaflet.published_version(), language="nb"
        )

    assert not Acknowledgement.objects.exists()


def test_acknowledge_refuses_a_version_of_another_leaflet(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    other = AssignmentFactory(patient=kari.patient)

    with pytest.raises(ValidationError):
        services.acknowledge(
            assignment=assignment, version=other.leaflet.published_version(), language="nb"
        )


def test_ask_question_starts_a_conversation_for_the_dermatologist(dr_hansen, kari):
    assignment = AssignmentFactory(patient=kari.patient)

    thread = services.ask_question(assignment=assignment, body="Kan jeg drikke alkohol?")

    assert (thread.kind, thread.awaiting_dermatologist) == ("question", True)
    assert OutgoingMail.objects.get().recipient == dr_hansen


def test_a_second_question_goes_into_the_same_conversation(kari):
    assignment = AssignmentFactory(patient=kari.patient)
    first = services.ask_question(assignment=assignment, body="Kan jeg drikke alkohol?")

    second = services.ask_question(assignment=assignment, body="Og kaffe?")

    assert second == first
    assert Thread.objects.count() == 1
    assert list(first.messages.values_list("body", flat=True)) == [
        "Kan jeg drikke alkohol?",
        "Og kaffe?",
    ]


def test_a_question_on_another_leaflet_starts_its_own_conversation(kari):
    services.ask_question(assignment=AssignmentFactory(patient=kari.patient), body="Første")

    services.ask_question(assignment=AssignmentFactory(patient=kari.patient), body="Andre")

    assert Thread.objects.count() == 2


def test_a_reply_leaves_nothing_waiting_and_tells_the_patient(dr_hansen, kari):
    thread = services.ask_question(
        assignment=AssignmentFactory(patient=kari.patient), body="Kan jeg drikke alkohol?"
    )

    services.post_message(thread=thread, author=dr_hansen, body="Helst ikke.")

    thread.refresh_from_db()
    assert not thread.awaiting_dermatologist
    assert OutgoingMail.objects.filter(recipient=kari, kind="reply").exists()
    assert Message.objects.count() == 2


def test_send_reminders_mails_each_patient_once_for_all_their_leaflets(dr_hansen, kari):
    for _ in range(3):
        AssignmentFactory(patient=kari.patient)
    Assignment.objects.update(assigned_at=timezone.now() - datetime.timedelta(days=8))

    assert services.send_reminders(after=datetime.timedelta(days=7)) == 1

    assert OutgoingMail.objects.filter(kind="reminder").count() == 1


def test_send_reminders_skips_patients_who_have_not_activated(dr_hansen):
    patient = PatientFactory(dermatologist=dr_hansen.dermatologist, user__is_active=False)
    AssignmentFactory(patient=patient)
    Assignment.objects.update(assigned_at=timezone.now() - datetime.timedelta(days=8))

    assert services.send_reminders(after=datetime.timedelta(days=7)) == 0


def test_reminders_go_once_per_interval(dr_hansen, kari):
    assignment = AssignmentFactory(patient=kari.patient)
    Assignment.objects.filter(pk=assignment.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=8)
    )
    week = datetime.timedelta(days=7)

    assert services.send_reminders(after=week) == 1
    assert services.send_reminders(after=week) == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert services.send_reminders(after=week, now=later) == 1
    assert OutgoingMail.objects.filter(kind="reminder").count() == 2


def test_acknowledged_and_fresh_assignments_are_not_reminded(dr_hansen, kari):
    old = AssignmentFactory(patient=kari.patient)
    Assignment.objects.filter(pk=old.pk).update(
        assigned_at=timezone.now() - datetime.timedelta(days=8)
    )
    services.acknowledge(assignment=old, version=old.leaflet.published_version(), language="nb")
    AssignmentFactory(patient=kari.patient)

    assert services.send_reminders(after=datetime.timedelta(days=7)) == 0
