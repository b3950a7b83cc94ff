import datetime
import json
import os
import random

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from patients.bench import explain, run


class Command(BaseCommand):
    help = (
        "Start gunicorn (2 workers, DEBUG off) on the seeded database and time the key pages "
        "from outside: p50/p95 over many users, SQL queries, ratio to a bare logged-in view. "
        "With --load, drive it with wrk as well. Run seed_bench first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=200, help="Timed requests per page.")
        parser.add_argument("--warmup", type=int, default=5, help="Untimed requests per page.")
        parser.add_argument("--users", type=int, default=200, help="Patients to log in.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument(
            "--threads", type=int, default=1, help="Threads per worker (above 1: gthread)."
        )
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated words: time only the pages whose names contain one "
            "(and the bare view), e.g. --only reader,home,'report form'.",
        )
        parser.add_argument("--port", type=int, default=0, help="Default: a free port.")
        parser.add_argument(
            "--load", action="store_true", help="After the pages, the wrk load runs."
        )
        parser.add_argument(
            "--load-only", action="store_true", help="Only the wrk load runs, not the pages."
        )
        parser.add_argument("--load-seconds", type=int, default=60, help="The 200-user run.")
        parser.add_argument(
            "--output", default=str(settings.VAR_DIR / "bench"), help="Folder for the JSON."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed for the users.")
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Print EXPLAIN ANALYZE of the inbox, 'My patients' and its search and the admin "
            "report list (PostgreSQL), then time the pages.",
        )
        parser.add_argument(
            "--explain-only", action="store_true", help="Only print the EXPLAIN plans."
        )

    def handle(self, *args, **options):
        folder = run.Path(options["output"])
        folder.mkdir(parents=True, exist_ok=True)
        if options["explain"] or options["explain_only"]:
            self._explain()
            if options["explain_only"]:
                return
        rng = random.Random(options["seed"])
        try:
            cast = run.cast(visitors=options["users"], rng=rng)
        except LookupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{cast.sizes['patients']:,} synthetic patients, {cast.sizes['assignments']:,} "
            f"assignments, {cast.sizes['reports']:,} reports; the bench dermatologists have "
            f"{cast.sizes['dermatologists_patients']} patients; {len(cast.patients)} patients, "
            f"{len(cast.doctors)} dermatologists and {len(cast.admins)} administrators "
            "logged in."
        )
        call_command("collectstatic", interactive=False, verbosity=0)
        port = options["port"] or run.free_port()
        server = run.start_gunicorn(
            port,
            workers=options["workers"],
            threads=options["threads"],
            log_path=folder / "gunicorn.log",
        )
        report = {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "commit": run.git_commit(),
            "database": connection.vendor,
            "cpus": os.cpu_count(),
            "workers": options["workers"],
            "threads": options["threads"],
            "data": cast.sizes,
        }
        try:
            client = run.Client(port)
            if not options["load_only"]:
                self.stdout.write(f"Timing {len(run.PAGES) + 2} pages × {options['requests']}…")
                pages = run.measure_pages(
                    client,
                    cast,
                    requests=options["requests"],
                    warmup=options["warmup"],
                    only=[w for w in options["only"].split(",") if w],
                    log=lambda r: self.stdout.write(
                        f"  {r['page']}: p50 {r['p50_ms']} ms", ending="\n"
                    ),
                )
                bare = pages[0]["p50_ms"]
                for page in pages:
                    page["x_bare"] = round(page["p50_ms"] / bare, 1) if bare else None
                report["pages"] = pages
                self._page_table(pages)
            if options["load"] or options["load_only"]:
                self.stdout.write("Load with wrk…")
                load = run.measure_load(
                    port,
                    cast,
                    folder=folder,
                    short=15,
                    long=options["load_seconds"],
                    log=lambda r: self.stdout.write(
                        f"  {r['scenario']}: {r['requests_per_s']} requests/s"
                    ),
                )
                report["load"] = load
                self._load_table(load)
        finally:
            run.stop(server)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"bench-{stamp}.json"
        text = json.dumps(report, indent=2, ensure_ascii=False)
        path.write_text(text)
        (folder / "latest.json").write_text(text)
        self.stdout.write(self.style.SUCCESS(f"Written to {path}"))

    def _explain(self):
        plans = explain.plans()
        if not plans:
            self.stdout.write("EXPLAIN: only on PostgreSQL.")
        for title, plan in plans:
            self.stdout.write(self.style.MIGRATE_HEADING(f"EXPLAIN {title}"))
            self.stdout.write(plan)
            self.stdout.write("")

    def _page_table(self, pages):
        self.stdout.write("")
        self.stdout.write(
            f"{'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'× bare':>7} {'errors':>7}"
        )
        for p in pages:
            queries = (
                p["queries"]
                if p["queries"] == p["queries_max"]
                else (f"{p['queries']}-{p['queries_max']}")
            )
            self.stdout.write(
                f"{p['page']:<28} {p['p50_ms']:>8} {p['p95_ms']:>8} {queries!s:>8} "
                f"{p['x_bare']!s:>7} {p['errors']:>7}"
            )
        self.stdout.write("")

    def _load_table(self, load):
        self.stdout.write("")
        self.stdout.write(
            f"{'wrk scenario':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7}"
        )
        for r in load:
            self.stdout.write(
                f"{r['scenario']:<34} {r['requests_per_s']:>8} {r['p50_ms']:>8} "
                f"{r['p95_ms']:>8} {r['errors']:>7}"
            )
        if len(load) >= 2 and load[0]["requests_per_s"]:
            ratio = load[1]["requests_per_s"] / load[0]["requests_per_s"]
            self.stdout.write(f"Leaflet reader throughput: {ratio:.2f} × the bare view.")
        self.stdout.write("")
