from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clinic.demo import DEMO_TOTP_SECRET, demo_user, seed_accounts, seed_totp_devices
from leaflets.demo import seed_groups, seed_leaflets
from patients.demo import seed_patients


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
            editors, approvers = seed_groups()
            demo_user("redaktor@example.org").groups.add(editors)
            demo_user("dr.hansen@example.org").groups.add(approvers)
            editor = demo_user("redaktor@example.org")
            approver = demo_user("dr.hansen@example.org")
            leaflets = seed_leaflets(editor=editor, approver=approver)
            patients_added = seed_patients(editor=editor, approver=approver)
            # A server with DEBUG off refuses the published secret, so only a demo gets it.
            totp_users = seed_totp_devices() if settings.DEBUG else []
        for email in accounts:
            self.stdout.write(f"Created account {email}")
        for slug in leaflets:
            self.stdout.write(f"Published leaflet {slug}")
        if patients_added:
            self.stdout.write("Added the demo patients' leaflets")
        for email in totp_users:
            self.stdout.write(f"Added the demo authenticator to {email}")
        if settings.DEBUG:
            self.stdout.write(
                f"Staff and dermatologists log in with the demo authenticator secret "
                f"{DEMO_TOTP_SECRET} (add it to any authenticator app)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({len(accounts)} accounts, {len(leaflets)} leaflets added)."
            )
        )
