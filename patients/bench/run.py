"""The page benchmark: gunicorn started here, timed from outside over loopback.

Each page is requested `requests` times in turn by different logged-in users through one
keep-alive HTTP client (one request at a time, so the time is the server's time plus the
loopback); the bench middleware reports each response's SQL query count in a header.
"""

import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db.models import Count
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.mfa import SESSION_HAS_DEVICE, mfa_required
from clinic.middleware_sessions import LOGIN_AT, SEEN_AT
from clinic.models import User
from leaflets.models import Leaflet, LeafletVersion
from patients.bench.seed import BIG_DERMATOLOGISTS, LAST_NAMES, bench_patients, synthetic_email
from patients.models import Assignment, Dermatologist, SideEffectReport

URLCONF = "patients.bench.urls"
# As behind the TLS-terminating proxy of production (SECURE_PROXY_SSL_HEADER).
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
REDIS_URL = "redis://127.0.0.1:6379/1"
PUBLIC_SEARCHES = ["krem", "blodprøve", "tabletter", "solkrem", "graviditet"]


def bench_session(user: User) -> str:
    """A logged-in session for `user`, written straight into the session store.

    The one place bench sessions are made: when login needs a second factor, mark the
    session verified here.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "patients.backends.ProfileBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # As at login (clinic.middleware_sessions), or the session counts as expired.
    store[LOGIN_AT] = store[SEEN_AT] = int(time.time())
    store[SESSION_HAS_DEVICE] = False
    if mfa_required(user):
        # Staff and dermatologists pass the second step (django-otp's session key holds the
        # verified device), or every page of theirs would measure a redirect.
        store[DEVICE_ID_SESSION_KEY] = bench_device(user).persistent_id
        store[SESSION_HAS_DEVICE] = True
    store.create()
    return store.session_key


def bench_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator, made once with a random secret (never the demo
    secret, which does not count with DEBUG off)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="bench authenticator", confirmed=True)
    return device


@dataclass
class Visitor:
    """A logged-in user (or nobody) with the cookies a browser would send."""

    user: User | None
    cookies: dict = field(default_factory=dict)

    @classmethod
    def logged_in(cls, user: User) -> "Visitor":
        """A browser after login: its session, its language and the CSRF cookie that the
        login page set (a browser sends it back with every request)."""
        return cls(
            user,
            {
                settings.SESSION_COOKIE_NAME: bench_session(user),
                settings.LANGUAGE_COOKIE_NAME: user.language,
                settings.CSRF_COOKIE_NAME: get_random_string(
                    CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS
                ),
            },
        )

    def header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


@dataclass
class Sample:
    seconds: float
    status: int
    queries: int | None
    app_ms: float | None


class Client:
    """One keep-alive connection; it reconnects when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method, path, visitor, body=None) -> tuple[Sample, str, dict]:
        headers = dict(PROXY_HEADERS)
        if visitor.cookies:
            headers["Cookie"] = visitor.header()
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        elapsed = time.perf_counter() - started
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if name in (settings.CSRF_COOKIE_NAME, settings.SESSION_COOKIE_NAME) and value:
                visitor.cookies[name] = value
        queries = response.getheader("X-Bench-Queries")
        app_ms = response.getheader("X-Bench-App-Ms")
        sample = Sample(
            elapsed,
            response.status,
            int(queries) if queries else None,
            float(app_ms) if app_ms else None,
        )
        return sample, content.decode("utf-8", "replace"), dict(response.headers)


# The users and objects each page is requested with


@dataclass
class Cast:
    patients: list  # (visitor, reader path, report form path or None)
    doctors: list  # (visitor, patient page path, report page path)
    admins: list
    anonymous: Visitor
    public_slugs: list
    sizes: dict


def cast(*, visitors: int, rng: random.Random) -> Cast:
    """Choose the users: patients at random, the dermatologists with the big lists."""
    patient_ids = list(bench_patients().values_list("pk", flat=True))
    if not patient_ids:
        raise LookupError("No synthetic patients: run `manage.py seed_bench` first.")
    chosen = rng.sample(patient_ids, min(len(patient_ids), visitors * 2))
    assignments = {}
    for a in (
        Assignment.objects.active()
        .filter(patient_id__in=chosen)
        .values("pk", "patient_id", "leaflet__is_medicine")
        .order_by("pk")
    ):
        assignments.setdefault(a["patient_id"], []).append(a)
    users = User.objects.filter(patient__pk__in=chosen).select_related("patient")
    patients = []
    for user in users:
        mine = assignments.get(user.patient.pk, [])
        medicine = [a for a in mine if a["leaflet__is_medicine"]]
        if not mine or not medicine:
            continue
        reader = reverse("patients:reader", kwargs={"pk": rng.choice(mine)["pk"]}, urlconf=URLCONF)
        form = reverse(
            "patients:report_create",
            kwargs={"assignment_pk": rng.choice(medicine)["pk"]},
            urlconf=URLCONF,
        )
        patients.append((user, reader, form))
        if len(patients) == visitors:
            break
    doctors = list(
        Dermatologist.objects.filter(
            user__email__in=[
                synthetic_email("derm", n, 2) for n in range(1, BIG_DERMATOLOGISTS + 1)
            ]
        )
        .annotate(n=Count("patients"))
        .select_related("user")
    )
    doctor_rows = []
    for doctor in doctors:
        visitor = Visitor.logged_in(doctor.user)
        patients_of = list(doctor.patients.order_by("?").values_list("pk", flat=True)[:10])
        reports = list(doctor.reports.all().order_by("?").values_list("pk", flat=True)[:10])
        for patient, report in zip(patients_of, reports, strict=False):
            doctor_rows.append(
                (
                    visitor,
                    reverse("patients:patient_detail", kwargs={"pk": patient}, urlconf=URLCONF),
                    reverse("patients:report_inbox_detail", kwargs={"pk": report}, urlconf=URLCONF),
                )
            )
    admins = [
        Visitor.logged_in(u)
        for u in User.objects.filter(email__endswith="@bench.invalid", is_superuser=True)
    ]
    public = list(
        Leaflet.objects.filter(public=True, versions__status=LeafletVersion.Status.PUBLISHED)
        .order_by("slug")
        .values_list("slug", flat=True)
    )
    return Cast(
        patients=[(Visitor.logged_in(u), reader, form) for u, reader, form in patients],
        doctors=doctor_rows,
        admins=admins,
        anonymous=Visitor(None),
        public_slugs=public,
        sizes={
            "patients": len(patient_ids),
            "dermatologists_patients": [d.n for d in doctors],
            "assignments": Assignment.objects.count(),
            "reports": SideEffectReport.objects.count(),
        },
    )


@dataclass
class Page:
    name: str
    pick: object  # (cast, i) -> (visitor, method, path)
    status: int = 200


def _patient(c, i):
    return c.patients[i % len(c.patients)]


def _doctor(c, i):
    return c.doctors[i % len(c.doctors)]


def _url(name, **kwargs):
    return reverse(name, kwargs=kwargs or None, urlconf=URLCONF)


PAGES = [
    Page("bare view (reference)", lambda c, i: (_patient(c, i)[0], _url("bench_bare"))),
    Page("patient home", lambda c, i: (_patient(c, i)[0], _url("patients:home"))),
    Page("leaflet reader", lambda c, i: (_patient(c, i)[0], _patient(c, i)[1])),
    # "report form" GET and POST are measured together: see _report_form.
    Page("My patients", lambda c, i: (_doctor(c, i)[0], _url("patients:my_patients"))),
    Page(
        "My patients, search",
        lambda c, i: (
            _doctor(c, i)[0],
            f"{_url('patients:my_patients')}?q={quote(LAST_NAMES.split()[i % 7])}",
        ),
    ),
    Page("patient page", lambda c, i: (_doctor(c, i)[0], _doctor(c, i)[1])),
    Page("reports inbox", lambda c, i: (_doctor(c, i)[0], _url("patients:report_inbox"))),
    Page(
        "reports inbox, urgent",
        lambda c, i: (_doctor(c, i)[0], f"{_url('patients:report_inbox')}?urgency=urgent"),
    ),
    Page("report page", lambda c, i: (_doctor(c, i)[0], _doctor(c, i)[2])),
    Page("overview", lambda c, i: (_doctor(c, i)[0], _url("patients:overview"))),
    Page("report trends", lambda c, i: (_doctor(c, i)[0], _url("patients:trends"))),
    Page("public A–Å", lambda c, i: (c.anonymous, _url("leaflets:index"))),
    Page(
        "public search",
        lambda c, i: (
            c.anonymous,
            f"{_url('leaflets:index')}?q={quote(PUBLIC_SEARCHES[i % len(PUBLIC_SEARCHES)])}",
        ),
    ),
    Page(
        "public leaflet",
        lambda c, i: (
            c.anonymous,
            _url("leaflets:detail", slug=c.public_slugs[i % len(c.public_slugs)]),
        ),
    ),
    Page(
        "admin leaflet list",
        lambda c, i: (c.admins[i % len(c.admins)], reverse("admin:leaflets_leaflet_changelist")),
    ),
    Page(
        "admin report list",
        lambda c, i: (
            c.admins[i % len(c.admins)],
            reverse("admin:patients_sideeffectreport_changelist"),
        ),
    ),
]
REPORT_FORM_AFTER = "leaflet reader"


def _report_post_body(html: str) -> str:
    """A valid report from the form's own fields: one ordinary symptom, no red flags."""

    def value(name):
        match = re.search(rf'name="{name}" value="([^"]+)"', html)
        return match.group(1) if match else ""

    data = {
        "csrfmiddlewaretoken": value("csrfmiddlewaretoken"),
        "form_token": value("form_token"),
        "started_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "outcome": SideEffectReport.Outcome.ONGOING,
        "severity": SideEffectReport.Severity.MILD,
        "interference": SideEffectReport.Interference.A_LITTLE,
        "medicine_action": SideEffectReport.MedicineAction.CONTINUED,
        "consent": SideEffectReport.Consent.ASK_FIRST,
        "description": "Benchmark report.",
    }
    symptom = re.search(r'name="symptoms" value="([^"]+)"', html)
    if symptom:
        data["symptoms"] = symptom.group(1)
    else:
        data["other_symptoms"] = "Benchmark report."
    for flag in sorted(set(re.findall(r'name="(red_flag_[\w-]+)"', html))):
        data[flag] = "no"
    return urlencode(data)


def _summary(name, samples: list[Sample], expected: int) -> dict:
    ms = sorted(s.seconds * 1000 for s in samples)
    queries = [s.queries for s in samples if s.queries is not None]
    app = [s.app_ms for s in samples if s.app_ms is not None]
    return {
        "page": name,
        "requests": len(samples),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[max(0, int(round(0.95 * len(ms))) - 1)], 1),
        "max_ms": round(ms[-1], 1),
        "app_p50_ms": round(statistics.median(app), 1) if app else None,
        "queries": round(statistics.median(queries)) if queries else None,
        "queries_max": max(queries) if queries else None,
        "errors": sum(1 for s in samples if s.status != expected),
        "statuses": sorted({s.status for s in samples}),
    }


def measure_pages(
    client: Client, c: Cast, *, requests: int, warmup: int, log, only: list[str] | None = None
) -> list[dict]:
    """Time every page, or the bare view and the pages whose names contain a word of `only`."""
    results = []
    for page in PAGES:
        if only and page is not PAGES[0] and not any(w in page.name for w in only):
            continue
        for i in range(warmup):
            visitor, path = page.pick(c, i)
            client.request("GET", path, visitor)
        samples = []
        for i in range(requests):
            visitor, path = page.pick(c, i)
            sample, _, _ = client.request("GET", path, visitor)
            samples.append(sample)
        results.append(_summary(page.name, samples, page.status))
        log(results[-1])
        if page.name == REPORT_FORM_AFTER and (not only or any(w in "report form" for w in only)):
            results.extend(_report_form(client, c, requests=requests, warmup=warmup, log=log))
    return results


def _report_form(client: Client, c: Cast, *, requests: int, warmup: int, log) -> list[dict]:
    """GET the form, then POST it as the patient would (each POST saves a report)."""
    gets, posts = [], []
    for i in range(warmup + requests):
        visitor, _, path = _patient(c, i)
        sample, html, _ = client.request("GET", path, visitor)
        posted, _, _ = client.request("POST", path, visitor, body=_report_post_body(html))
        if i >= warmup:
            gets.append(sample)
            posts.append(posted)
    results = [
        _summary("report form (GET)", gets, 200),
        _summary("report form (POST)", posts, 302),
    ]
    for result in results:
        log(result)
    return results


# gunicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(
    port: int, *, workers: int, log_path: Path, threads: int = 1
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "patients.bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        # One log line per request is production's; the timings are the application's.
        "ACCESS_LOG": "0",
        # Production runs with Redis; without it the cache would be the database table.
        "REDIS_URL": os.environ.get("REDIS_URL") or REDIS_URL,
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        # Production's configuration (preloaded app, worker recycling); these options win.
        "-c",
        "clinic/gunicorn.conf.py",
        "clinic.wsgi:application",
        "--workers",
        str(workers),
        # Above 1, gunicorn's gthread worker (as GUNICORN_THREADS in clinic/gunicorn.conf.py).
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    log = log_path.open("w")
    server = subprocess.Popen(
        command, env=env, cwd=settings.BASE_DIR, stdout=log, stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited; see {log_path}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers=PROXY_HEADERS)
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise RuntimeError(f"gunicorn did not answer within a minute; see {log_path}")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


# Load with wrk

WRK_SCRIPT = """
local targets = {
%(targets)s
}
request = function()
  local t = targets[math.random(#targets)]
  return wrk.format("GET", t[1], {["Cookie"] = t[2], ["X-Forwarded-Proto"] = "https"})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %%d, \\"duration_us\\": %%d, \\"p50_us\\": %%d, \\"p95_us\\": %%d, "
    .. "\\"p99_us\\": %%d, \\"max_us\\": %%d, \\"errors_connect\\": %%d, \\"errors_read\\": %%d, "
    .. "\\"errors_write\\": %%d, \\"errors_status\\": %%d, \\"errors_timeout\\": %%d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def run_wrk(port, targets, *, connections, seconds, name, folder: Path) -> dict:
    """`targets`: (path, cookie header) pairs, each request picks one at random."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk).")
    lines = ",\n".join(
        f"  {{{json.dumps(path)}, {json.dumps(cookie)}}}" for path, cookie in targets
    )
    script = folder / f"wrk-{name}.lua"
    script.write_text(WRK_SCRIPT % {"targets": lines})
    output = subprocess.run(
        [
            wrk,
            "--threads",
            "2",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "--script",
            str(script),
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=True,
    ).stdout
    match = re.search(r"^WRKJSON (.*)$", output, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    raw = json.loads(match.group(1))
    errors = sum(v for k, v in raw.items() if k.startswith("errors_"))
    return {
        "scenario": name,
        "connections": connections,
        "seconds": seconds,
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p95_ms": round(raw["p95_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": errors,
        "error_detail": {k[7:]: v for k, v in raw.items() if k.startswith("errors_") and v},
    }


# The machine's speed drifts from minute to minute (by up to half on the README's 2-core
# VM), so the bare view and the reader are measured in alternating rounds that see the same
# minutes; each scenario's figures are over all its rounds.
THROUGHPUT_ROUNDS = 3


def _over_rounds(rounds: list[dict]) -> dict:
    seconds = sum(r["requests"] / r["requests_per_s"] for r in rounds if r["requests_per_s"])
    requests = sum(r["requests"] for r in rounds)
    return {
        **rounds[0],
        "seconds": sum(r["seconds"] for r in rounds),
        "requests": requests,
        "requests_per_s": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "p95_ms": max(r["p95_ms"] for r in rounds),
        "p99_ms": max(r["p99_ms"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
        "error_detail": dict(sum((Counter(r["error_detail"]) for r in rounds), Counter())),
        "rounds_requests_per_s": [r["requests_per_s"] for r in rounds],
    }


def measure_load(port, c: Cast, *, folder: Path, short: int, long: int, log) -> list[dict]:
    """The bare view and the reader at 16 connections, `short` seconds each in alternating
    rounds; then 200 patients on their home pages and readers for `long` seconds."""
    bare = _url("bench_bare")
    readers = [(reader, v.header()) for v, reader, _ in c.patients]
    patient_pages = readers + [(_url("patients:home"), v.header()) for v, _, _ in c.patients]
    compared = [
        ("bare view, 16 connections", [(bare, v.header()) for v, _, _ in c.patients]),
        ("leaflet reader, 16 connections", readers),
    ]
    rounds = {name: [] for name, _ in compared}
    for _ in range(THROUGHPUT_ROUNDS):
        for name, targets in compared:
            rounds[name].append(
                _wrk_scenario(port, name, targets, 16, max(1, short // THROUGHPUT_ROUNDS), folder)
            )
    results = []
    for name, _ in compared:
        results.append(_over_rounds(rounds[name]))
        log(results[-1])
    results.append(
        _wrk_scenario(port, "200 patients (home and reader)", patient_pages, 200, long, folder)
    )
    log(results[-1])
    return results


def _wrk_scenario(port, name, targets, connections, seconds, folder) -> dict:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    result = run_wrk(
        port, targets, connections=connections, seconds=seconds, name=slug, folder=folder
    )
    result["scenario"] = name
    return result


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
