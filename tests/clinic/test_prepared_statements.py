"""On PostgreSQL a query each request runs is planned once per connection, not per request."""

import pytest
from django.db import connection

from clinic.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


def _prepared_user_lookups() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['SELECT "clinic_user"."id"%WHERE "clinic_user"."id" = $1%'],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_a_lookup_repeated_with_other_values_is_prepared_once():
    users = UserFactory.create_batch(6)

    for user in users:
        User.objects.get(pk=user.pk)

    assert _prepared_user_lookups() == 1
