import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from leaflets.models import LeafletVersion
from patients.bench import seed as bench_seed


class Command(BaseCommand):
    help = (
        "Fill the database with a synthetic clinic chain for the benchmark: N patients over 50 "
        "dermatologists, about ten leaflets and two side-effect reports each. Run after "
        "seed_demo; never on a database with real users."
    )

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=100_000)
        parser.add_argument(
            "--leaflets",
            type=int,
            default=30,
            help="Assignable leaflets: the demo leaflets are copied until there are this many.",
        )
        parser.add_argument("--assignments", type=int, default=10, help="Per patient, about.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database has users that are neither synthetic nor demo.",
        )

    def handle(self, *args, patients, leaflets, assignments, seed, force, **options):
        if patients < 1:
            raise CommandError("--patients must be at least 1.")
        real = bench_seed.real_users().count()
        if real and not force:
            raise CommandError(
                f"The database has {real} real users (not @bench.invalid or demo @example.org); "
                "seed_bench refuses to add 'patients' next to them. Use --force on a copy."
            )
        existing = bench_seed.bench_patients().count()
        if existing:
            self.stdout.write(
                f"Already seeded: {existing} synthetic patients. Nothing added "
                "(drop the database to seed again with another size)."
            )
            return
        if not LeafletVersion.objects.filter(status=LeafletVersion.Status.PUBLISHED).exists():
            call_command("seed_demo", force=True, stdout=self.stdout)
        started = time.monotonic()
        result = bench_seed.seed(
            patients=patients, leaflets=leaflets, assignments=assignments, seed=seed
        )
        elapsed = time.monotonic() - started
        for name in bench_seed.REPORT_ORDER:
            self.stdout.write(f"  {result.counts[name]:>10,}  {name}")
        self.stdout.write(
            self.style.SUCCESS(f"Seeded {patients:,} synthetic patients in {elapsed:.0f} s.")
        )
        self.stdout.write(
            f"Every synthetic account (bench-…@bench.invalid) has the password: {result.password}"
        )
