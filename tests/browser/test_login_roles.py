import pytest

from tests.browser.conftest import log_in
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
