from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile every .po catalogue in LOCALE_PATHS to .mo with polib, so a machine "
        "without GNU gettext can build them."
    )

    def handle(self, *args, **options):
        catalogues = [p for d in settings.LOCALE_PATHS for p in Path(d).rglob("*.po")]
        if not catalogues:
            raise CommandError("No .po files found in LOCALE_PATHS.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}")
