import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from clinic.models import User
from leaflets.interchange import import_leaflet, leaflet_paths, read_leaflet_files


class Command(BaseCommand):
    help = (
        "Import leaflets from Markdown files with a TOML header (see leaflets/interchange.py) "
        "into a draft version of each leaflet. A file with an error stops the whole import."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A .md file or a folder of them.")
        parser.add_argument("--by", help="E-mail of the editor the drafts are recorded under.")
        parser.add_argument(
            "--next-review-days",
            type=int,
            default=365,
            help="Next review date of a new draft, in days from today (default 365).",
        )

    def handle(self, *args, path, by=None, next_review_days=365, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        editor = None
        if by:
            editor = User.objects.filter(email__iexact=by).first()
            if editor is None:
                raise CommandError(f"No user with e-mail {by}.")
        paths = leaflet_paths(path)
        if not paths:
            raise CommandError(f"No .md files in {path}.")
        by_slug, errors = read_leaflet_files(paths)
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} file(s) refused; nothing was imported.")
        next_review = timezone.localdate() + datetime.timedelta(days=next_review_days)
        try:
            with transaction.atomic():
                for slug, files in sorted(by_slug.items()):
                    draft = import_leaflet(files, by=editor, next_review=next_review)
                    for leaflet_file in files:
                        self.stdout.write(
                            f"{leaflet_file.path}: {leaflet_file.language} text of "
                            f"{slug} v{draft.number} (draft) written"
                        )
        except ValidationError as error:
            raise CommandError(f"{' '.join(error.messages)}; nothing was imported.") from None
        self.stdout.write(self.style.SUCCESS(f"Imported {len(by_slug)} leaflet(s) as drafts."))
