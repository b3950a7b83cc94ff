from pathlib import Path

from django.core.management.base import BaseCommand
from django.db.models import Prefetch

from leaflets.interchange import export_leaflet_text
from leaflets.models import Leaflet, LeafletVersion


class Command(BaseCommand):
    help = (
        "Write each leaflet's published version (or its newest version when none is "
        "published) as <slug>.<language>.md files that import_leaflets reads."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, *args, folder, **options):
        folder.mkdir(parents=True, exist_ok=True)
        leaflets = Leaflet.objects.select_related("category").prefetch_related(
            Prefetch(
                "versions",
                queryset=LeafletVersion.objects.prefetch_related(
                    "texts", "side_effects", "questions"
                ),
            )
        )
        written = 0
        for leaflet in leaflets:
            version = leaflet.current_version()
            if version is None:
                continue
            for text in version.texts.all():
                target = folder / f"{leaflet.slug}.{text.language}.md"
                target.write_text(export_leaflet_text(version, text), encoding="utf-8")
                self.stdout.write(f"{target}: {leaflet.slug} v{version.number} {text.language}")
                written += 1
        self.stdout.write(self.style.SUCCESS(f"Wrote {written} file(s)."))
