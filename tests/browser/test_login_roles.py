from base64 import b32encode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import current_code, log_in
from tests.factories import (
    PASSWORD,
    AdminUserFactory,
    DermatologistUserFactory,
    PatientUserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = {
    "patient": (PatientUserFactory, "/account/"),
    "dermatologist": (DermatologistUserFactory, "/account/"),
    "admin": (AdminUserFactory, "/admin/"),
}
LOGIN_BUTTON = {"nb": "Logg inn", "en": "Log in"}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_logs_in_to_an_accessible_home(page, axe_check, role, language):
    factory, home = ROLES[role]
    user = factory(language=language)
    page.goto("/accounts/login/")
    if language == "en":
        page.get_by_role("button", name="English").click()
    assert page.locator("html").get_attribute("lang") == language
    assert page.get_by_role("button", name=LOGIN_BUTTON[language]).count() == 1
    axe_check(page)

    log_in(page, user.email, PASSWORD)

    assert page.url.endswith(home)
    assert page.locator("html").get_attribute("lang") == language
    axe_check(page)


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page, db):
    page.goto("/")

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_dermatologist_sets_up_two_step_login_on_accessible_pages(page, axe_check, language):
    user = DermatologistUserFactory(language=language)
    page.goto("/accounts/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert "/account/mfa/setup/" in page.url
    assert page.locator("svg[role=img]").count() == 1
    axe_check(page)
    secret = page.locator("#mfa-secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert b32encode(device.bin_key).decode() == secret
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("input[name=code]").fill(current_code(device))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.url.endswith("/account/mfa/recovery-codes/")
    assert page.locator("#recovery-codes li").count() == 10
    axe_check(page)

    page.goto("/account/mfa/verify/")  # already past the second step: straight on
    assert page.url.endswith("/account/")
