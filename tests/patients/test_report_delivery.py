"""A report, once submitted, is never lost: not to a mail outage nor to a dying worker."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from clinic import mail as clinic_mail
from clinic.models import OutgoingMail
from patients.models import SideEffectReport
from tests.patients.reporting import make_report
from tests.patients.test_report_form import _answers, _url


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_with_the_mail_server_down_the_report_is_saved_shown_and_mailed_later(
    client_for, kari, dr_hansen, kari_medicine, settings, run_tasks
):
    settings.EMAIL_BACKEND = "tests.patients.test_report_delivery.BrokenBackend"
    client = client_for(kari)

    response = client.post(
        _url(kari_medicine), _answers(client, kari_medicine, red_flag_fever="yes"), follow=True
    )
    run_tasks()

    report = SideEffectReport.objects.get()
    assert response.status_code == 200 and report.reference in response.content.decode()
    inbox = client_for(dr_hansen).get("/reports/")
    assert list(inbox.context["page"].object_list) == [report]
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None and queued.attempts == 1
    assert queued.last_error == "ConnectionRefusedError"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    clinic_mail.recover(now=timezone.now() + datetime.timedelta(hours=1))
    run_tasks()

    queued.refresh_from_db()
    assert queued.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["[Haster] En ny bivirkningsmelding venter"]
    assert report.reference not in mail.outbox[0].body


def test_a_failed_mail_is_retried_with_growing_pauses(kari_medicine, settings):
    settings.EMAIL_BACKEND = "tests.patients.test_report_delivery.BrokenBackend"
    make_report(kari_medicine)
    queued = OutgoingMail.objects.get()
    pauses = []

    for _ in range(3):
        before = timezone.now()
        with pytest.raises(ConnectionRefusedError):
            clinic_mail.deliver(queued.pk)
        queued.refresh_from_db()
        pauses.append(round((queued.next_attempt_at - before).total_seconds() / 60))

    assert pauses == [1, 2, 4]
    # The first task (never run here) and one retry per failure wait in the queue.
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1 + 3


def test_a_worker_killed_mid_task_neither_loses_nor_doubles_the_mail(kari_medicine, run_tasks):
    make_report(kari_medicine, urgent=True)
    queued = OutgoingMail.objects.get()
    # The worker picked the task up and died before sending: the task is left RUNNING and
    # the mail unsent (its transaction never committed).
    crashed_at = timezone.now() - datetime.timedelta(hours=1)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=crashed_at)
    OutgoingMail.objects.update(next_attempt_at=crashed_at)

    failed, queued_again = clinic_mail.recover()
    run_tasks()
    clinic_mail.recover(now=timezone.now() + datetime.timedelta(days=1))
    run_tasks()

    assert (failed, queued_again) == (1, 1)
    assert len(mail.outbox) == 1
    queued.refresh_from_db()
    assert queued.sent_at is not None


def test_a_mail_sent_before_the_worker_died_is_not_sent_again(kari_medicine, run_tasks):
    make_report(kari_medicine)
    run_tasks()
    DBTaskResult.objects.update(
        status=TaskResultStatus.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=1)
    )

    clinic_mail.recover(now=timezone.now() + datetime.timedelta(days=1))
    run_tasks()

    assert len(mail.outbox) == 1
