"""Run two app servers against one database (and Redis) and show they share their state.

Two gunicorn instances (production settings, DEBUG off, a throwaway SECRET_KEY) listen on two
free loopback ports against the configured DATABASE_URL and REDIS_URL. One browser (one
cookie jar, as a real browser sends the same cookies to both) then checks, over HTTP only:

- static files: a hashed, compressed file with a far-future cache header (whitenoise);
- session: logged in on A, the patient's home opens on B;
- report: a side-effect report sent through the form on A is listed on B;
- lock-out: wrong passwords on A lock the account on B.

It loads the demo data (`seed_demo --force`), so it refuses to run with DEBUG off unless
given --force, like seed_demo. Every report it sends is for the demo patient Kari.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from clinic.demo import DEMO_PASSWORD

PATIENT = "kari@example.org"
LOCKED_PATIENT = "ola@example.org"
STARTUP_SECONDS = 40
REQUEST_SECONDS = 15


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]+)"', html)
    if not match:
        raise CommandError(f"No {name} field on the page.")
    return match.group(1)


class Browser:
    """One cookie jar for every instance, as a browser has for one host name."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port, method, path, data=None, headers=None):
        # Requests arrive as from the TLS-terminating proxy, so production settings apply
        # unchanged (secure cookies, HTTPS redirect, CSRF referer check).
        sent = {"X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Referer"] = f"https://127.0.0.1:{port}{path}"
        connection = HTTPConnection("127.0.0.1", port, timeout=REQUEST_SECONDS)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response, content

    def get(self, port, path, **kwargs):
        response, content = self.request(port, "GET", path, **kwargs)
        return response, content.decode("utf-8", "replace")

    def post(self, port, path, data):
        """GET the form for its CSRF token, then POST it with the given fields."""
        _, page = self.get(port, path)
        data = {"csrfmiddlewaretoken": _field(page, "csrfmiddlewaretoken"), **data}
        response, content = self.request(port, "POST", path, data=data)
        return response, content.decode("utf-8", "replace")

    def log_in(self, port, email, password):
        return self.post(port, "/accounts/login/", {"username": email, "password": password})


class Command(BaseCommand):
    help = (
        "Start two gunicorn instances on loopback against DATABASE_URL and REDIS_URL and show "
        "that a session, a report and a login lock-out made on one are seen on the other."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (it loads the demo accounts; never with real "
            "patients).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "scaleout_check loads the demo accounts; it refuses to run with DEBUG off. "
                "Use --force if this really is a demo database."
            )
        started = time.monotonic()
        database = settings.DATABASES["default"]
        redis_url = os.environ.get("REDIS_URL", "")
        self.stdout.write(
            f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}; "
            f"cache and sessions: {'Redis' if redis_url else 'the database (no REDIS_URL)'}"
        )
        env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "WEB_CONCURRENCY": "2",
            "ACCESS_LOG": "0",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        for step in (
            ["migrate", "--noinput"],
            ["seed_demo", "--force"],
            ["collectstatic", "--noinput"],
            ["axes_reset_username", LOCKED_PATIENT],
        ):
            self._manage(env, step)

        ports = [_free_port(), _free_port()]
        with tempfile.TemporaryDirectory(prefix="scaleout-") as logs:
            servers = [self._start(env, port, os.path.join(logs, f"{port}.log")) for port in ports]
            try:
                for port, (process, log) in zip(ports, servers, strict=True):
                    self._wait_until_up(port, process, log)
                a, b = ports
                self.stdout.write(f"Instance A on 127.0.0.1:{a}, instance B on 127.0.0.1:{b}")
                self._check_static(a)
                browser = Browser()
                self._check_session(browser, a, b)
                self._check_report(browser, a, b)
                self._check_lockout(a, b)
            except CommandError as error:
                for process, log in servers:
                    self._stop(process)
                    self.stderr.write(f"--- gunicorn log {log}:\n{self._tail(log)}")
                raise error
            finally:
                for process, _ in servers:
                    self._stop(process)
                self._manage(env, ["axes_reset_username", LOCKED_PATIENT])
        self.stdout.write(
            self.style.SUCCESS(f"Scale-out check passed in {time.monotonic() - started:.1f} s.")
        )

    # Steps

    def _check_static(self, port):
        browser = Browser()
        _, page = browser.get(port, "/accounts/login/")
        match = re.search(r'href="(/static/clinic/css/clinic\.[0-9a-f]{12}\.css)"', page)
        if not match:
            raise CommandError("The login page does not link a hashed clinic.css.")
        response, _ = browser.request(
            port, "GET", match.group(1), headers={"Accept-Encoding": "gzip"}
        )
        encoding = response.headers.get("Content-Encoding")
        cache = response.headers.get("Cache-Control", "")
        if response.status != 200 or encoding != "gzip" or "immutable" not in cache:
            raise CommandError(
                f"Static file {match.group(1)}: status {response.status}, "
                f"Content-Encoding {encoding}, Cache-Control {cache!r}"
            )
        self._ok(f"static files: {match.group(1)} served gzip, Cache-Control {cache}")

    def _check_session(self, browser, a, b):
        response, _ = Browser().get(b, "/my/")
        if response.status != 302:
            raise CommandError(f"B served /my/ to a stranger (status {response.status}).")
        response, _ = browser.log_in(a, PATIENT, DEMO_PASSWORD)
        if response.status != 302:
            raise CommandError(f"Logging in on A failed (status {response.status}).")
        response, page = browser.get(b, "/my/")
        if response.status != 200 or "Kari" not in page:
            raise CommandError(f"B does not know A's session (status {response.status}).")
        self._ok("session: logged in on A; B opens Kari's home with the same cookie")

    def _check_report(self, browser, a, b):
        form = "/my/reports/new/other/"
        _, page = browser.get(a, form)
        response, _ = browser.post(
            a,
            form,
            {
                "form_token": _field(page, "form_token"),
                "other_medicine": "Scale-out check",
                "other_symptoms": "Synthetic report from manage.py scaleout_check",
                "started_on": date.today().isoformat(),
                "outcome": "ongoing",
                "severity": "mild",
                "interference": "not_at_all",
                "medicine_action": "continued",
                "consent": "ask_first",
            },
        )
        location = response.headers.get("Location", "")
        if response.status != 302 or not re.fullmatch(r"/my/reports/\d+/", location):
            raise CommandError(f"A did not accept the report (status {response.status}).")
        response, page = browser.get(b, "/my/reports/")
        if response.status != 200 or f'href="{location}"' not in page:
            raise CommandError(f"B does not list the report {location} sent on A.")
        reference = re.search(rf'href="{location}">([^<]+)<', page)
        self._ok(
            f"report: {reference.group(1) if reference else location} sent on A "
            "is in Kari's reports on B"
        )

    def _check_lockout(self, a, b):
        attacker = Browser()
        limit = settings.AXES_FAILURE_LIMIT
        statuses = [
            attacker.log_in(a, LOCKED_PATIENT, f"wrong-password-{attempt}")[0].status
            for attempt in range(limit)
        ]
        locked = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
        owner = Browser()
        response, _ = owner.log_in(b, LOCKED_PATIENT, DEMO_PASSWORD)
        if response.status != locked:
            raise CommandError(
                f"After {limit} wrong passwords on A (statuses {statuses}), B answered "
                f"{response.status} to the right password, not {locked}."
            )
        self._ok(
            f"lock-out: {limit} wrong passwords for {LOCKED_PATIENT} on A; B refuses the "
            f"right one ({response.status})"
        )

    # Processes

    def _manage(self, env, args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args, "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode:
            raise CommandError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")

    def _start(self, env, port, log):
        with open(log, "wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "clinic/gunicorn.conf.py"],
                cwd=settings.BASE_DIR,
                env={**env, "BIND": f"127.0.0.1:{port}"},
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return process, log

    def _wait_until_up(self, port, process, log):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CommandError(f"gunicorn on port {port} exited:\n{self._tail(log)}")
            try:
                response, _ = Browser().get(port, "/healthz")
                if response.status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise CommandError(f"gunicorn on port {port} did not answer in {STARTUP_SECONDS} s.")

    def _stop(self, process):
        if process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)  # gunicorn's graceful shutdown
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the group of the gunicorn we started
            process.wait(timeout=5)

    def _tail(self, log, lines=20):
        with open(log, encoding="utf-8", errors="replace") as output:
            return "".join(output.readlines()[-lines:])

    def _ok(self, text):
        self.stdout.write(f"  ok  {text}")
