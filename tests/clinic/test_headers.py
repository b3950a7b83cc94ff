"""Every URL pattern, as every persona: no-store for personal data, Permissions-Policy, CSP."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.demo import demo_user
from leaflets.models import Leaflet
from patients.models import Assignment, SideEffectReport, Thread
from tests.conftest import login

# Named patterns outside the admin that answer GET with no 200 for anyone: POST-only actions
# (405), the code page (it redirects once passed), the activation link with a made-up token.
NO_PAGE_FOR_GET = {
    "logout",
    "set_language",
    "mfa_verify",
    "patients:activate",
    "patients:acknowledge",
    "patients:ask_question",
    "patients:my_report_message",
    "patients:report_status",
    "patients:report_reply",
    "patients:report_forwarded",
    "patients:resend_invitation",
    "patients:withdraw",
    "patients:reply",
    "patients:remind",
}


def _patterns(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        else:
            converters = getattr(pattern.pattern, "converters", None)
            keys = list(converters) if converters is not None else []
            keys += list(pattern.pattern.regex.groupindex) if not keys else []
            yield namespace, pattern.name, keys


def _admin_model(name):
    for model in admin.site._registry:
        if name.startswith(f"{model._meta.app_label}_{model._meta.model_name}_"):
            return model
    return None


@pytest.fixture
def demo(db):
    call_command("seed_demo", "--force", verbosity=0)
    kari = demo_user("kari@example.org")
    assignment = Assignment.objects.filter(patient__user=kari).order_by("pk").first()
    return {
        "kari": kari,
        "assignment": assignment,
        "report": SideEffectReport.objects.filter(patient__user=kari).order_by("pk").first(),
        "thread": Thread.objects.filter(patient__user=kari).order_by("pk").first(),
        "leaflet": Leaflet.objects.filter(public=True).order_by("pk").first(),
    }


def _kwargs(namespace, name, keys, demo):
    kari = demo["kari"]
    values = {
        "slug": demo["leaflet"].slug,
        "token": "not-a-real-token",
        "fmt": "csv",
        "assignment_pk": demo["assignment"].pk,
        "thread_pk": demo["thread"].pk,
        "uidb64": "MQ",
        "app_label": "clinic",
        "content_type_id": ContentType.objects.get_for_model(type(kari)).pk,
        "id": kari.pk,
        "url": "",
        "table": "funnel",
        "trend": "months",
    }
    if namespace == "patients":
        if name.startswith(("reader", "teach_back", "acknowledge", "ask_question")):
            values["pk"] = demo["assignment"].pk
        elif "report" in name:
            values["pk"] = demo["report"].pk
        else:
            values["pk"] = kari.patient.pk
    if namespace == "admin" and name:
        model = _admin_model(name)
        first = model.objects.order_by("pk").first() if model else None
        values["object_id"] = values["pk"] = first.pk if first else 0
        if name == "view_on_site":
            values["object_id"] = kari.pk
    if name == "password_reset_confirm":
        values["token"] = "set-password"
    return {key: values[key] for key in keys}


def test_every_url_sends_the_privacy_headers(demo):
    clients = {"anonymous": Client()}
    for persona in ["kari@example.org", "dr.hansen@example.org", "admin@example.org"]:
        clients[persona] = login(Client(), demo_user(persona))
    assert TOTPDevice.objects.count() == 2  # the login helper passed the second step
    answered, checked = set(), 0

    for namespace, name, keys in _patterns(get_resolver().url_patterns):
        if name is None:
            continue  # the admin's redirects and catch-all
        full_name = f"{namespace}:{name}" if namespace else name
        url = reverse(full_name, kwargs=_kwargs(namespace, name, keys, demo))
        for persona, client in clients.items():
            response = client.get(url)
            checked += 1
            where = f"{full_name} {url} as {persona} ({response.status_code})"
            assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY, where
            csp = response["Content-Security-Policy"]
            assert "default-src 'self'" in csp and "unsafe-inline" not in csp, where
            public = persona == "anonymous" and namespace == "leaflets"
            assert ("no-store" in response.get("Cache-Control", "")) != public, where
            if response.status_code == 200:
                answered.add(full_name)

    assert checked > 400
    named = {f"{ns}:{n}" if ns else n for ns, n, _ in _patterns(get_resolver().url_patterns)}
    named.discard(None)
    unanswered = {n for n in named if not n.endswith(":None")} - answered
    # The admin's add, delete and history pages depend on each model's permissions; its
    # lists must all open, so that the walk above saw real admin pages.
    assert {n for n in unanswered if not n.startswith("admin:")} == NO_PAGE_FOR_GET
    assert not {n for n in unanswered if n.endswith("_changelist")}


def test_exports_are_never_stored(demo):
    client = login(Client(), demo_user("dr.hansen@example.org"))
    for fmt in ["csv", "json"]:
        response = client.get(f"/reports/{demo['report'].pk}/export.{fmt}")

        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


def test_permissions_policy_denies_what_the_portal_does_not_use():
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in settings.PERMISSIONS_POLICY
