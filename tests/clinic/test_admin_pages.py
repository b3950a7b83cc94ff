import pytest
from django.core.management import call_command

from patients.models import SideEffectReport


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/clinic/auditentry/",
        "/admin/clinic/outgoingmail/",
        "/admin/clinic/cliniccontact/",
        "/admin/patients/patient/",
        "/admin/patients/sideeffectreport/",
        "/admin/patients/sideeffectreport/{report}/change/",
        "/admin/leaflets/leaflet/",
        "/admin/leaflets/leafletversion/",
    ],
)
def test_admin_pages_open_with_the_demo_data(admin_client, url):
    call_command("seed_demo", "--force", verbosity=0)
    report = SideEffectReport.objects.order_by("pk").first()

    assert admin_client.get(url.format(report=report.pk)).status_code == 200
