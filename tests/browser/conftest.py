"""Playwright driving Debian's Chromium against Django's live server, with axe checks."""

import os

import pytest

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the
# tests make there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """Return a function that fails the test when the page has any WCAG 2.1 A/AA violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        # A click that follows a link returns once the navigation has started: check the
        # page it leads to, not the document being replaced (flaky on a busy machine).
        page.wait_for_load_state()
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"

    return check


def current_code(device) -> str:
    """The six digits an authenticator app shows now for `device`."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


def log_in(page, email, password):
    """Log in through the form; staff and dermatologists then type the authenticator code.

    They get an authenticator first if they have none, and its last used code is forgotten,
    so that two logins in the same 30 seconds both get in.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from clinic.mfa import mfa_required
    from clinic.models import User

    user = User.objects.get(email__iexact=email)
    device = None
    if mfa_required(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="browser test authenticator")
        TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    if device is not None:
        assert "/account/mfa/verify/" in page.url, page.url
        device.refresh_from_db()
        page.locator("input[name=code]").fill(current_code(device))
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
