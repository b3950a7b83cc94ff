import pytest
from django.db import connection

from clinic.models import User

URL = "/admin/patients/patient/"


def test_the_admin_finds_patients_by_name_or_email(admin_client, kari, ola):
    by_name = admin_client.get(URL, {"q": "kari nord"}).context["cl"].result_list
    by_email = admin_client.get(URL, {"q": "ola@"}).context["cl"].result_list

    assert [p.user.email for p in by_name] == ["kari@example.org"]
    assert [p.user.email for p in by_email] == ["ola@example.org"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
)
def test_the_admins_user_search_uses_the_trigram_indexes_on_postgresql(kari):
    """The admin's patient and user lists search names and e-mails with `icontains`:
    PostgreSQL runs it as UPPER(column::text) LIKE, which the trigram indexes of migration
    0009 are on (made for "My patients", which now searches its own copy)."""
    with connection.cursor() as cursor:
        # A tiny test table is read whole; tell the planner to prefer indexes, as at scale.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        by_name = User.objects.filter(full_name__icontains="nordmann").explain()
        by_email = User.objects.filter(email__icontains="kari@").explain()

    assert "my_patients_search_name_idx" in by_name
    assert "my_patients_search_email_idx" in by_email
