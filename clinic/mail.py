"""Notification mail through the task queue, with no health data in it.

`queue_mail` writes the mail row and its task in the caller's transaction (the task row of
the django-tasks-db backend is the outbox), so an action and its notification are saved
together or not at all, and a mail outage never undoes the action.

django-tasks-db neither retries a failed task nor recovers one left running by a worker
that died, so this module does both, for every mail, in one place:
- a failed send is retried with exponential backoff, up to MAX_ATTEMPTS;
- `recover` (the `recover_mail` command, run every few minutes) marks tasks stuck in
  RUNNING as failed and queues again every unsent mail whose next attempt is due;
- `deliver` locks the row and checks `sent_at`, so however many tasks run for one mail,
  it is sent once (a crash between the SMTP server's "ok" and the commit can still send
  twice: at least once, never lost).

The task that sends a mail (`deliver_mail`) lives here too, so sending and queueing again
need no other module. A link that must be fresh when the mail is sent (an invitation's
token) comes from the app that owns the mail's kind, through `clinic.hooks`.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clinic import hooks
from clinic.models import OutgoingMail

MAX_ATTEMPTS = 8
STUCK_AFTER = datetime.timedelta(minutes=15)


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4 … 64 minutes after the 1st, 2nd, 3rd … failure."""
    return datetime.timedelta(minutes=2 ** max(0, attempts - 1))


def queue_mail(*, to, kind: str, path: str = "") -> OutgoingMail:
    mail = OutgoingMail.objects.create(recipient=to, kind=kind, path=path)
    _enqueue(mail.pk)
    return mail


def queue_password_reset(*, email: str) -> int:
    """Queue a reset link for each active account with this e-mail (any case); run by the worker.

    The request only queues this task, whether or not the account exists, so the answer
    takes as long either way. Returns the number of mails queued.
    """
    users = get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)
    queued = 0
    with transaction.atomic():
        for user in users:
            if user.has_usable_password():
                queue_mail(to=user, kind=OutgoingMail.Kind.PASSWORD_RESET)
                queued += 1
    return queued


def password_reset_path(*, user) -> str:
    """A fresh reset link, made when the mail is rendered: the token is never stored."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _render(mail: OutgoingMail) -> EmailMessage:
    recipient = mail.recipient
    path = hooks.mail_link(mail.kind, user=recipient, default=mail.path)
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
            mail.next_attempt_at = timezone.now() + backoff(mail.attempts)
        else:
            mail.sent_at = timezone.now()
            mail.last_error = ""
        mail.save(update_fields=["sent_at", "attempts", "last_error", "next_attempt_at"])
    if failure is not None:
        if mail.attempts < MAX_ATTEMPTS:
            _enqueue(mail.pk, run_after=mail.next_attempt_at)
        raise failure
    return True


@task()
def deliver_mail(*, mail_id: int) -> bool:
    return deliver(mail_id)


@task()
def request_password_reset(*, email: str) -> int:
    return queue_password_reset(email=email)


def _enqueue(mail_id: int, *, run_after=None):
    queued = deliver_mail.using(run_after=run_after) if run_after else deliver_mail
    queued.enqueue(mail_id=mail_id)


def recover(now=None) -> tuple[int, int]:
    """Fail tasks a dead worker left running; queue again the mails that are due.

    Returns (tasks marked failed, mails queued again).
    """
    now = now or timezone.now()
    stuck = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - STUCK_AFTER
    )
    failed = stuck.update(status=TaskResultStatus.FAILED, finished_at=now)
    due = OutgoingMail.objects.filter(
        sent_at__isnull=True,
        attempts__lt=MAX_ATTEMPTS,
        next_attempt_at__lte=now - STUCK_AFTER,
    ).values_list("pk", flat=True)
    queued = 0
    for mail_id in due:
        _enqueue(mail_id)
        queued += 1
    return failed, queued
