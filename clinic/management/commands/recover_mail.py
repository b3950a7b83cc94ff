from django.core.management.base import BaseCommand

from clinic.mail import recover


class Command(BaseCommand):
    help = (
        "Mark background tasks left running by a dead worker as failed, and queue again "
        "every unsent mail that is due. Run it every few minutes (cron)."
    )

    def handle(self, *args, **options):
        failed, queued = recover()
        self.stdout.write(f"{failed} stuck task(s) marked failed, {queued} mail(s) queued again.")
