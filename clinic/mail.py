"""Notification mail through the task queue, with no health data in it.

`queue_mail` writes the mail row and its task in the caller's transaction (the task row of
the django-tasks-db backend is the outbox), so an action and its notification are saved
together or not at all, and a mail outage never undoes the action.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from clinic.models import OutgoingMail


def queue_mail(*, to, kind: str, path: str = "") -> OutgoingMail:
    from clinic.tasks import deliver_mail

    mail = OutgoingMail.objects.create(recipient=to, kind=kind, path=path)
    deliver_mail.enqueue(mail_id=mail.pk)
    return mail


def _render(mail: OutgoingMail) -> EmailMessage:
    recipient = mail.recipient
    path = mail.path
    if mail.kind == OutgoingMail.Kind.INVITATION:
        from patients.services import new_invitation_path

        path = new_invitation_path(user=recipient)
    context = {
        "name": recipient.get_short_name(),
        "clinic_name": settings.CLINIC_NAME,
        "url": f"{settings.SITE_URL}{path}",
    }
    with translation.override(recipient.language):
        subject = render_to_string(f"emails/{mail.kind}_subject.txt", context).strip()
        body = render_to_string(f"emails/{mail.kind}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[recipient.email])


def deliver(mail_id: int) -> bool:
    """Send one queued mail unless it was sent already; True when it was sent now.

    A failure is recorded on the row (the error's type only, never its text, which may
    quote the message) and raised again so the task is marked failed.
    """
    failure = None
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if mail is None:
            return False
        mail.attempts += 1
        try:
            _render(mail).send()
        except Exception as error:
            failure = error
            mail.last_error = type(error).__name__[:300]
        else:
            mail.sent_at = timezone.now()
            mail.last_error = ""
        mail.save(update_fields=["sent_at", "attempts", "last_error"])
    if failure is not None:
        raise failure
    return True
