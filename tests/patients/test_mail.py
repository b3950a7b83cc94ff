"""No health data in any e-mail: only that something waits, and a link."""

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from clinic.mail import deliver
from clinic.models import OutgoingMail
from patients import services
from patients.models import Assignment, Thread
from tests.factories import published_leaflet


def test_no_mail_names_a_leaflet_or_quotes_a_note_or_message(client_for, dr_hansen, run_tasks):
    client = client_for(dr_hansen)
    client.post(
        "/patients/new/",
        {
            "full_name": "Nora Berg",
            "email": "nora@example.org",
            "date_of_birth": "1990-05-01",
            "language": "en",
        },
    )
    nora = dr_hansen.dermatologist.patients.get()
    leaflet = published_leaflet(title_nb="Metotreksat", title_en="Methotrexate")
    client.post(
        f"/patients/{nora.pk}/assign/",
        {"leaflets": [leaflet.pk], "note": "Take folic acid on Fridays"},
    )
    assignment = Assignment.objects.get()
    services.ask_question(assignment=assignment, body="Is alcohol allowed with methotrexate?")
    services.post_message(thread=Thread.objects.get(), author=dr_hansen, body="No alcohol, please.")
    Assignment.objects.update(assigned_at=timezone.now() - datetime.timedelta(days=30))
    nora.user.is_active = True
    nora.user.save()
    call_command("send_reminders", "--days", "7")

    run_tasks()

    kinds = set(OutgoingMail.objects.filter(sent_at__isnull=False).values_list("kind", flat=True))
    assert kinds == {"invitation", "new_information", "new_message", "reply", "reminder"}
    assert len(mail.outbox) == 5
    forbidden = ["metotreksat", "methotrexate", "folic", "alcohol", "azatioprin"]
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}".lower()
        assert not [word for word in forbidden if word in text], text
        assert "http" in message.body


def test_mail_is_written_in_the_recipients_language(dr_hansen, ola, run_tasks):
    services.assign_leaflets(patient=ola.patient, leaflets=[published_leaflet()], by=dr_hansen)

    run_tasks()

    assert mail.outbox[0].subject == "You have new information from Hudklinikken"


def test_a_failing_mail_server_does_not_undo_the_assignment(dr_hansen, kari, settings, run_tasks):
    settings.EMAIL_BACKEND = "tests.patients.test_mail.BrokenBackend"

    services.assign_leaflets(patient=kari.patient, leaflets=[published_leaflet()], by=dr_hansen)
    run_tasks()

    assert Assignment.objects.filter(patient=kari.patient).count() == 1
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None and queued.last_error == "ConnectionRefusedError"


def test_a_mail_is_sent_once_however_often_its_task_runs(dr_hansen, kari, run_tasks):
    services.assign_leaflets(patient=kari.patient, leaflets=[published_leaflet()], by=dr_hansen)
    queued = OutgoingMail.objects.get()

    run_tasks()

    assert deliver(queued.pk) is False
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")
