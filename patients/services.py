"""The clinic's daily loop: register, invite, assign, read, check understanding, acknowledge,
ask and answer questions, remind. Side-effect reports are in `report_services`."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clinic.audit import log_action
from clinic.mail import queue_mail
from clinic.models import OutgoingMail, Role, User
from leaflets.models import Leaflet, LeafletVersion, TeachBackQuestion
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Invitation,
    Message,
    Patient,
    TeachBackAnswer,
    TeachBackResult,
    Thread,
)
from patients.selectors import has_passed_teach_back, questions_for

Kind = OutgoingMail.Kind


@transaction.atomic
def register_patient(
    *,
    dermatologist: Dermatologist,
    full_name: str,
    email: str,
    date_of_birth,
    language: str,
    phone: str = "",
) -> Patient:
    """Create an inactive patient account and mail an activation link."""
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": _("A user with this e-mail address already exists.")})
    user = User(
        email=User.objects.normalize_email(email),
        full_name=full_name,
        role=Role.PATIENT,
        language=language,
        is_active=False,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    patient = Patient(
        user=user, date_of_birth=date_of_birth, phone=phone, dermatologist=dermatologist
    )
    patient.full_clean()
    patient.save()
    queue_mail(to=user, kind=Kind.INVITATION)
    log_action(actor=dermatologist.user, action="patient.registered", obj=patient)
    return patient


@transaction.atomic
def resend_invitation(*, patient: Patient, by) -> None:
    if patient.user.is_active:
        raise ValidationError(_("The patient has already activated the account."))
    if patient.user.invitations.filter(used_at__isnull=False).exists():
        # Activated once, then deactivated by the clinic: a new link must not undo that.
        raise ValidationError(
            _("The clinic has deactivated this account. Only an administrator can open it again.")
        )
    queue_mail(to=patient.user, kind=Kind.INVITATION)
    log_action(actor=by, action="patient.invitation_resent", obj=patient)


def new_invitation_path(*, user: User) -> str:
    """Make a fresh activation link for `user`; earlier unused links stop working.

    Called when the invitation mail is rendered, so the token exists only in the mail.
    """
    now = timezone.now()
    user.invitations.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(
        user=user, token_hash=Invitation.hash_token(token), expires_at=now + Invitation.VALID_FOR
    )
    return reverse("patients:activate", kwargs={"token": token})


@transaction.atomic
def activate(*, token: str, password: str) -> User:
    """Set the password and activate the account; the link works once."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=Invitation.hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_usable():
        raise ValidationError(
            _("This activation link is no longer valid. Ask the clinic for a new one.")
        )
    user = invitation.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    log_action(actor=user, action="patient.activated", obj=user)
    return user


@transaction.atomic
def assign_leaflets(*, patient: Patient, leaflets: list[Leaflet], by, note: str = "") -> list:
    """Give a patient leaflets to read; all or none are assigned."""
    errors = []
    active = set(patient.assignments.active().values_list("leaflet_id", flat=True))
    for leaflet in leaflets:
        refusal = leaflet.assignment_refusal()
        if refusal:
            errors.append(f"{leaflet}: {refusal}")
        elif leaflet.pk in active:
            errors.append(
                _("%(leaflet)s: the patient already has this leaflet.") % {"leaflet": leaflet}
            )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    try:
        assignments = [
            Assignment.objects.create(
                patient=patient, leaflet=leaflet, assigned_by=by, note=note, assigned_at=now
            )
            for leaflet in leaflets
        ]
    except IntegrityError:
        raise ValidationError(_("The patient already has one of these leaflets.")) from None
    queue_mail(to=patient.user, kind=Kind.NEW_INFORMATION, path=reverse("patients:home"))
    for assignment in assignments:
        log_action(actor=by, action="assignment.created", obj=assignment)
    return assignments


@transaction.atomic
def withdraw_assignment(*, assignment: Assignment, by) -> Assignment:
    """Hide an assignment from the patient; it stays in the history."""
    updated = Assignment.objects.filter(pk=assignment.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=by
    )
    if updated:
        log_action(actor=by, action="assignment.withdrawn", obj=assignment)
    assignment.refresh_from_db()
    return assignment


def record_open(*, assignment: Assignment) -> None:
    """Remember the first time the patient opened the leaflet (race-safe, once)."""
    if assignment.first_opened_at is None:
        now = timezone.now()
        Assignment.objects.filter(pk=assignment.pk, first_opened_at__isnull=True).update(
            first_opened_at=now
        )
        assignment.first_opened_at = now


@dataclass
class TeachBackOutcome:
    result: TeachBackResult
    wrong: list[TeachBackQuestion]

    @property
    def passed(self) -> bool:
        return not self.wrong


@transaction.atomic
def check_understanding(
    *, assignment: Assignment, version: LeafletVersion, language: str, answers: dict[int, int]
) -> TeachBackOutcome:
    """Mark the patient's answers; the first attempt's score is kept, and every answer is
    recorded with its attempt for the leaflet insight."""
    questions = questions_for(version, language)
    wrong = [q for q in questions if answers.get(q.pk) != q.correct_option]
    correct = len(questions) - len(wrong)
    result, created = TeachBackResult.objects.select_for_update().get_or_create(
        assignment=assignment,
        version=version,
        defaults={
            "language": language,
            "question_count": len(questions),
            "first_try_correct": correct,
        },
    )
    if not created:
        result.attempts += 1
    now = timezone.now()
    if not wrong and result.passed_at is None:
        result.passed_at = now
    result.save()
    TeachBackAnswer.objects.bulk_create(
        [
            TeachBackAnswer(
                result=result,
                question=question,
                attempt=result.attempts,
                chosen_option=answers[question.pk],
                correct=answers[question.pk] == question.correct_option,
                answered_at=now,
            )
            for question in questions
            if answers.get(question.pk) is not None
        ]
    )
    return TeachBackOutcome(result=result, wrong=wrong)


@transaction.atomic
def acknowledge(
    *, assignment: Assignment, version: LeafletVersion, language: str
) -> Acknowledgement:
    """Record "I have read and understood" for this exact version; a repeat changes nothing."""
    if (
        version.leaflet_id != assignment.leaflet_id
        or version.status != LeafletVersion.Status.PUBLISHED
    ):
        raise ValidationError(
            _("This version of the leaflet is no longer current. Read the new one.")
        )
    if not has_passed_teach_back(assignment=assignment, version=version, language=language):
        raise ValidationError(_("Answer the questions about the leaflet first."))
    acknowledgement, created = Acknowledgement.objects.get_or_create(
        assignment=assignment, version=version, defaults={"language": language}
    )
    if created:
        log_action(
            actor=assignment.patient.user,
            action="assignment.acknowledged",
            obj=assignment,
            data={"version": version.number, "language": language},
        )
    return acknowledgement


@transaction.atomic
def ask_question(*, assignment: Assignment, body: str) -> Thread:
    """A patient's question about a leaflet, to their own dermatologist.

    It goes into the leaflet's latest conversation, or starts one.
    """
    patient = assignment.patient
    thread = (
        assignment.threads.filter(kind=Thread.Kind.QUESTION).order_by("-last_message_at").first()
    )
    if thread is not None:
        post_message(thread=thread, author=patient.user, body=body)
        return thread
    thread = Thread.objects.create(
        patient=patient, assignment=assignment, kind=Thread.Kind.QUESTION
    )
    Message.objects.create(thread=thread, author=patient.user, body=body)
    queue_mail(
        to=patient.dermatologist.user,
        kind=Kind.NEW_MESSAGE,
        path=reverse("patients:patient_detail", kwargs={"pk": patient.pk}),
    )
    log_action(actor=patient.user, action="thread.started", obj=thread)
    return thread


@transaction.atomic
def post_message(*, thread: Thread, author, body: str) -> Message:
    """A reply in a thread; the other side is told that something waits."""
    message = Message.objects.create(thread=thread, author=author, body=body)
    from_patient = author.pk == thread.patient.user_id
    Thread.objects.filter(pk=thread.pk).update(
        last_message_at=message.created_at, awaiting_dermatologist=from_patient
    )
    report = thread.report if thread.kind == Thread.Kind.REPORT else None
    if from_patient:
        recipient, kind = thread.patient.dermatologist.user, Kind.NEW_MESSAGE
        path = (
            reverse("patients:report_inbox_detail", kwargs={"pk": report.pk})
            if report
            else reverse("patients:patient_detail", kwargs={"pk": thread.patient_id})
        )
    else:
        recipient, kind = thread.patient.user, Kind.REPLY
        path = (
            reverse("patients:my_report", kwargs={"pk": report.pk})
            if report
            else reverse("patients:reader", kwargs={"pk": thread.assignment_id})
        )
    queue_mail(to=recipient, kind=kind, path=path)
    log_action(actor=author, action="thread.message", obj=thread)
    return message


@transaction.atomic
def send_reminders(*, after, now=None) -> int:
    """Remind each patient once for their assignments unacknowledged for `after`.

    An assignment is reminded at most once per `after`; one mail per patient.
    """
    now = now or timezone.now()
    due = (
        Assignment.objects.active()
        .unacknowledged()
        .filter(
            assigned_at__lte=now - after,
            patient__user__is_active=True,
        )
        .filter(Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=now - after))
        .select_related("patient__user")
        .select_for_update(of=("self",))
    )
    by_patient: dict[int, list[Assignment]] = {}
    for assignment in due:
        by_patient.setdefault(assignment.patient_id, []).append(assignment)
    for assignments in by_patient.values():
        queue_mail(
            to=assignments[0].patient.user, kind=Kind.REMINDER, path=reverse("patients:home")
        )
    Assignment.objects.filter(pk__in=[a.pk for items in by_patient.values() for a in items]).update(
        last_reminded_at=now
    )
    return len(by_patient)
