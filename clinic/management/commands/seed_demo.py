from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic import hooks
from clinic.demo import DEMO_TOTP_SECRET, seed_accounts, seed_totp_devices


class Command(BaseCommand):
    help = "Load the demo accounts and content. Safe to run again: it only adds what is missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (never on a server with real patients).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo adds accounts with a published password; it refuses to run with "
                "DEBUG off. Use --force if this really is a demo server."
            )
        with transaction.atomic():
            accounts = seed_accounts()
            seeded = [seeder() for seeder in hooks.demo_seeders()]
            # A server with DEBUG off refuses the published secret, so only a demo gets it.
            totp_users = seed_totp_devices() if settings.DEBUG else []
        for email in accounts:
            self.stdout.write(f"Created account {email}")
        for result in seeded:
            for line in result.lines:
                self.stdout.write(line)
        for email in totp_users:
            self.stdout.write(f"Added the demo authenticator to {email}")
        if settings.DEBUG:
            self.stdout.write(
                f"Staff and dermatologists log in with the demo authenticator secret "
                f"{DEMO_TOTP_SECRET} (add it to any authenticator app)."
            )
        summary = ", ".join(
            [f"{len(accounts)} accounts"] + [result.summary for result in seeded if result.summary]
        )
        self.stdout.write(self.style.SUCCESS(f"Demo data ready ({summary})."))
