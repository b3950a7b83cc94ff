import datetime

from django.core.management.base import BaseCommand

from patients.services import send_reminders


class Command(BaseCommand):
    help = (
        "Mail patients whose leaflets are still unacknowledged after --days days, at most "
        "once per assignment per --days. Run it daily (cron or a scheduler)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help="Days to wait (default 7).")

    def handle(self, *args, days=7, **options):
        patients = send_reminders(after=datetime.timedelta(days=days))
        self.stdout.write(self.style.SUCCESS(f"Reminded {patients} patient(s)."))
