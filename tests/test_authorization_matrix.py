"""Who gets what from every URL: the authorization matrix (issue 9, item 13).

Every named URL pattern of the project has an entry in `MATRIX`: the method, the URL's
arguments for objects owned by Kari, Ola (dr. Hansen's patients) or Per (dr. Lie's), and the
response each persona must get. A pattern without an entry fails
`test_every_url_pattern_has_an_entry`, so a new page cannot ship without saying who may
open it. The admin is checked on a representative set of pages (`ADMIN_MATRIX`).

Expected responses: a status code, or `LOGIN` for a redirect to a login page. A 302
elsewhere (e.g. after a successful POST) is the status code 302.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, include, path, reverse
from django.urls.resolvers import RegexPattern

from clinic.models import Role
from patients import services
from tests.conftest import login
from tests.factories import AssignmentFactory, UserFactory, published_leaflet
from tests.patients import conftest as patient_fixtures
from tests.patients.reporting import make_report

medicine = patient_fixtures.medicine

LOGIN = "login"
PERSONAS = ("anonymous", "kari", "ola", "dr_hansen", "dr_lie", "editor", "admin_user")
OWNERS = ("kari", "ola", "per")
PATIENTS = {"kari", "ola"}
DERMATOLOGISTS = {"dr_hansen", "dr_lie"}
DERMATOLOGIST_OF = {"kari": "dr_hansen", "ola": "dr_hansen", "per": "dr_lie"}


def log_in(client, user):
    """The one place the matrix logs in: with the second step done for staff."""
    login(client, user)


# Who may: each rule gives the expected response of `persona` for objects of `owner`.


def everyone(status, anonymous=None):
    return lambda persona, owner: (anonymous or status) if persona == "anonymous" else status


def logged_in(status):
    return lambda persona, owner: LOGIN if persona == "anonymous" else status


def patients_or_staff(*, patient, staff):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return patient if persona in PATIENTS else staff

    return expect


def leaflet_staff_only(status):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona in ("editor", "admin_user") else 404

    return expect


def patients_only(status):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona in PATIENTS else 404

    return expect


def dermatologists_only(status):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona in DERMATOLOGISTS else 404

    return expect


def the_owner(status):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona == owner else 404

    return expect


def the_owners_dermatologist(status):
    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona == DERMATOLOGIST_OF[owner] else 404

    return expect


def dermatologists_and_report_admins(status):
    """The report trends: each dermatologist (their own patients) and a clinic administrator
    who may view reports (the clinic); not an editor with the leaflet permissions only."""

    def expect(persona, owner):
        if persona == "anonymous":
            return LOGIN
        return status if persona in DERMATOLOGISTS or persona == "admin_user" else 404

    return expect


@dataclass
class Entry:
    expect: Callable
    method: str = "get"
    # The URL's arguments from the owner's objects (`Objects`); None: no object in the URL.
    kwargs: Callable | None = None
    data: Callable = field(default=lambda objects: {})


@dataclass
class Objects:
    patient: object
    assignment: object
    report: object
    thread: object


MATRIX = {
    "home": Entry(everyone(302, anonymous=200)),
    "account": Entry(logged_in(200)),
    "mfa": Entry(logged_in(200)),
    "mfa_setup": Entry(logged_in(200)),
    # Everyone here has done the second step already, or has no authenticator to check.
    "mfa_verify": Entry(logged_in(302)),
    # Recovery codes belong to an authenticator: staff have one, the patients have none.
    "mfa_recovery_codes": Entry(patients_or_staff(patient=302, staff=200)),
    # Staff must keep theirs; a patient may switch two-step login off.
    "mfa_remove": Entry(patients_or_staff(patient=200, staff=302)),
    "healthz": Entry(everyone(200)),
    "set_language": Entry(
        everyone(302), method="post", data=lambda o: {"language": "nb", "next": "/"}
    ),
    "login": Entry(everyone(302, anonymous=200)),
    "logout": Entry(everyone(302), method="post"),
    "password_change": Entry(logged_in(200)),
    "password_change_done": Entry(logged_in(200)),
    "password_reset": Entry(everyone(200)),
    "password_reset_done": Entry(everyone(200)),
    "password_reset_confirm": Entry(
        everyone(200), kwargs=lambda o: {"uidb64": "MQ", "token": "not-a-token"}
    ),
    "password_reset_complete": Entry(everyone(200)),
    "leaflets:index": Entry(everyone(200)),
    "leaflets:detail": Entry(everyone(200), kwargs=lambda o: {"slug": o.assignment.leaflet.slug}),
    "leaflets:print": Entry(everyone(200), kwargs=lambda o: {"slug": o.assignment.leaflet.slug}),
    "patients:activate": Entry(everyone(404), kwargs=lambda o: {"token": "not-a-token"}),
    # The leaflet insight: leaflet editors and admins, no patient and no dermatologist.
    "patients:insight_leaflets": Entry(leaflet_staff_only(200)),
    "patients:insight_leaflets_csv": Entry(leaflet_staff_only(200)),
    "patients:insight_leaflet": Entry(
        leaflet_staff_only(200), kwargs=lambda o: {"slug": o.assignment.leaflet.slug}
    ),
    "patients:insight_leaflet_csv": Entry(
        leaflet_staff_only(200),
        kwargs=lambda o: {"slug": o.assignment.leaflet.slug, "table": "questions"},
    ),
    # The patient's pages
    "patients:home": Entry(patients_only(200)),
    "patients:reader": Entry(the_owner(200), kwargs=lambda o: {"pk": o.assignment.pk}),
    "patients:reader_print": Entry(the_owner(200), kwargs=lambda o: {"pk": o.assignment.pk}),
    # No teach-back questions: the owner is sent back to the reader.
    "patients:teach_back": Entry(the_owner(302), kwargs=lambda o: {"pk": o.assignment.pk}),
    "patients:acknowledge": Entry(
        the_owner(302),
        method="post",
        kwargs=lambda o: {"pk": o.assignment.pk},
        data=lambda o: {
            "version": o.assignment.leaflet.published_version().pk,
            "language": "nb",
        },
    ),
    "patients:ask_question": Entry(
        the_owner(302),
        method="post",
        kwargs=lambda o: {"pk": o.assignment.pk},
        data=lambda o: {"body": "Kan jeg sole meg?"},
    ),
    "patients:access_log": Entry(patients_only(200)),
    "patients:my_data": Entry(patients_only(200)),
    "patients:my_reports": Entry(patients_only(200)),
    "patients:report_start": Entry(patients_only(200)),
    "patients:report_create_other": Entry(patients_only(200)),
    "patients:report_create": Entry(
        the_owner(200), kwargs=lambda o: {"assignment_pk": o.assignment.pk}
    ),
    "patients:my_report": Entry(the_owner(200), kwargs=lambda o: {"pk": o.report.pk}),
    "patients:my_report_message": Entry(
        the_owner(302),
        method="post",
        kwargs=lambda o: {"pk": o.report.pk},
        data=lambda o: {"body": "Det er bedre nå."},
    ),
    # The dermatologist's pages; an empty POST is a form error (400) for whoever may post.
    "patients:report_inbox": Entry(dermatologists_only(200)),
    "patients:report_inbox_detail": Entry(
        the_owners_dermatologist(200), kwargs=lambda o: {"pk": o.report.pk}
    ),
    "patients:report_status": Entry(
        the_owners_dermatologist(400), method="post", kwargs=lambda o: {"pk": o.report.pk}
    ),
    "patients:report_reply": Entry(
        the_owners_dermatologist(400), method="post", kwargs=lambda o: {"pk": o.report.pk}
    ),
    "patients:report_forwarded": Entry(
        the_owners_dermatologist(400), method="post", kwargs=lambda o: {"pk": o.report.pk}
    ),
    "patients:report_export": Entry(
        the_owners_dermatologist(200), kwargs=lambda o: {"pk": o.report.pk, "fmt": "json"}
    ),
    "patients:overview": Entry(dermatologists_only(200)),
    "patients:remind": Entry(
        the_owners_dermatologist(302),
        method="post",
        kwargs=lambda o: {"pk": o.patient.pk, "assignment_pk": o.assignment.pk},
    ),
    "patients:trends": Entry(dermatologists_and_report_admins(200)),
    "patients:trends_csv": Entry(
        dermatologists_and_report_admins(200), kwargs=lambda o: {"trend": "months"}
    ),
    "patients:my_patients": Entry(dermatologists_only(200)),
    "patients:register": Entry(dermatologists_only(200)),
    "patients:patient_detail": Entry(
        the_owners_dermatologist(200), kwargs=lambda o: {"pk": o.patient.pk}
    ),
    "patients:assign": Entry(the_owners_dermatologist(200), kwargs=lambda o: {"pk": o.patient.pk}),
    "patients:resend_invitation": Entry(
        the_owners_dermatologist(302), method="post", kwargs=lambda o: {"pk": o.patient.pk}
    ),
    "patients:withdraw": Entry(
        the_owners_dermatologist(302),
        method="post",
        kwargs=lambda o: {"pk": o.patient.pk, "assignment_pk": o.assignment.pk},
    ),
    "patients:reply": Entry(
        the_owners_dermatologist(400),
        method="post",
        kwargs=lambda o: {"pk": o.patient.pk, "thread_pk": o.thread.pk},
    ),
}


def _staff_only(editor_status):
    """Admin pages: anyone not staff is sent to the admin's login; the editor has only the
    leaflet permissions."""

    def expect(persona, owner):
        if persona == "admin_user":
            return 200
        if persona == "editor":
            return editor_status
        return LOGIN

    return expect


ADMIN_MATRIX = {
    "/admin/": Entry(_staff_only(200)),
    "/admin/clinic/accesslogentry/": Entry(_staff_only(403)),
    "/admin/patients/patient/": Entry(_staff_only(403)),
    "/admin/patients/sideeffectreport/": Entry(_staff_only(403)),
    "/admin/patients/thread/": Entry(_staff_only(403)),
    "/admin/patients/patient/{patient}/change/": Entry(_staff_only(403)),
    "/admin/patients/sideeffectreport/{report}/change/": Entry(_staff_only(403)),
    "/admin/patients/thread/{thread}/change/": Entry(_staff_only(403)),
}


def _named_patterns(resolver=None, namespace=""):
    """The names of every URL pattern outside the admin, with their namespaces."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern):
            names.add(f"{namespace}{pattern.name}" if pattern.name else repr(pattern))
    return names


def test_every_url_pattern_has_an_entry():
    patterns = _named_patterns()

    assert sorted(patterns - MATRIX.keys()) == [], "URL patterns without a matrix entry"
    assert sorted(MATRIX.keys() - patterns) == [], "matrix entries without a URL pattern"


def test_the_enumeration_sees_nested_namespaces():
    assert {"home", "login", "leaflets:detail", "patients:report_export"} <= _named_patterns()


def test_a_new_pattern_without_an_entry_is_found():
    """What `test_every_url_pattern_has_an_entry` would see after someone adds a page."""
    extended = URLResolver(
        RegexPattern(r"^/"),
        [
            *get_resolver().url_patterns,
            path("my/new/", lambda request: None, name="brand_new"),
            path("x/", include(([path("y/", lambda request: None, name="z")], "extra"))),
        ],
    )

    assert _named_patterns(extended) - MATRIX.keys() == {"brand_new", "extra:z"}


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.org", role=Role.ADMIN, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="leaflets"))
    return user


@pytest.fixture
def people(kari, ola, per, dr_hansen, dr_lie, admin_user, editor):
    return {
        "kari": kari,
        "ola": ola,
        "per": per,
        "dr_hansen": dr_hansen,
        "dr_lie": dr_lie,
        "admin_user": admin_user,
        "editor": editor,
    }


@pytest.fixture
def objects(people, medicine):
    """Each owner's medicine assignment, side-effect report and question thread."""
    published_leaflet(slug="public-leaflet")
    owned = {}
    for owner in OWNERS:
        assignment = AssignmentFactory(patient=people[owner].patient, leaflet=medicine)
        owned[owner] = Objects(
            patient=assignment.patient,
            assignment=assignment,
            report=make_report(assignment),
            thread=services.ask_question(assignment=assignment, body="Et spørsmål"),
        )
    return owned


def _outcome(response):
    if response.status_code == 302 and "login/?next=" in response["Location"]:
        return LOGIN
    return response.status_code


def _check(client_factory, people, entry, url_for, owners):
    """Every persona's response for each owner's objects, as a list of mismatches."""
    wrong = []
    for owner in owners:
        url, data = url_for(owner)
        for persona in PERSONAS:
            client = client_factory()
            if persona != "anonymous":
                log_in(client, people[persona])
            got = _outcome(getattr(client, entry.method)(url, data))
            expected = entry.expect(persona, owner)
            if got != expected:
                wrong.append(f"{persona} on {owner}'s {url}: {got}, expected {expected}")
    return wrong


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_response(name, people, objects):
    entry = MATRIX[name]

    def url_for(owner):
        kwargs = entry.kwargs(objects[owner]) if entry.kwargs else {}
        return reverse(name, kwargs=kwargs), entry.data(objects[owner])

    owners = OWNERS if entry.kwargs else ("kari",)
    wrong = _check(Client, people, entry, url_for, owners)

    assert wrong == []


@pytest.mark.parametrize("admin_path", sorted(ADMIN_MATRIX))
def test_admin_pages_for_each_persona(admin_path, people, objects):
    entry = ADMIN_MATRIX[admin_path]

    def url_for(owner):
        o = objects[owner]
        url = admin_path.format(patient=o.patient.pk, report=o.report.pk, thread=o.thread.pk)
        return url, {}

    owners = OWNERS if "{" in admin_path else ("kari",)

    assert _check(Client, people, entry, url_for, owners) == []
