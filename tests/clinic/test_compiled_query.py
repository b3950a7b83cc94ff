import threading

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef

from clinic.lib.compiled import CompiledQuery
from clinic.models import AccessLogEntry, User
from tests.factories import PatientUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def _entries(*, patient_user_id, pk):
    """A log entry with its actor joined, an annotation and a subquery, as the reader's
    lookup has them."""
    others = AccessLogEntry.objects.filter(patient_user=OuterRef("patient_user"))
    return (
        AccessLogEntry.objects.filter(patient_user_id=patient_user_id, pk=pk)
        .select_related("actor")
        .annotate(
            also_seen=Exists(others.exclude(pk=OuterRef("pk"))), actor_id_again=Count("actor")
        )
    )


def _entry(patient_user, actor):
    return AccessLogEntry.objects.create(
        actor=actor,
        actor_role=AccessLogEntry.ActorRole.DERMATOLOGIST,
        patient_user=patient_user,
        what=AccessLogEntry.What.PATIENT,
    )


def test_a_compiled_query_returns_what_its_queryset_returns_for_each_call():
    query = CompiledQuery(AccessLogEntry, _entries)
    first_patient, second_patient = PatientUserFactory(), PatientUserFactory()
    actor = UserFactory(full_name="Dr. Eva Berg")
    first = _entry(first_patient, actor)
    second = _entry(second_patient, actor)
    _entry(second_patient, actor)

    for patient, entry in ((first_patient, first), (second_patient, second)):
        (found,) = query(patient_user_id=patient.pk, pk=entry.pk)
        (expected,) = _entries(patient_user_id=patient.pk, pk=entry.pk)
        assert found == expected
        assert found.created_at == expected.created_at
        assert found.also_seen == expected.also_seen
        assert found.actor_id_again == 1
        assert found.actor.full_name == "Dr. Eva Berg"
    assert query(patient_user_id=first_patient.pk, pk=first.pk)[0].also_seen is False
    assert query(patient_user_id=second_patient.pk, pk=second.pk)[0].also_seen is True


def test_a_compiled_query_reads_the_joined_object_without_another_query(
    django_assert_num_queries,
):
    query = CompiledQuery(AccessLogEntry, _entries)
    entry = _entry(PatientUserFactory(), UserFactory())

    with django_assert_num_queries(1):
        (found,) = query(patient_user_id=entry.patient_user_id, pk=entry.pk)
        found.actor.email  # noqa: B018


def test_a_compiled_query_builds_its_queryset_once():
    built = []

    def build(*, pk):
        built.append(pk)
        return User.objects.filter(pk=pk)

    query = CompiledQuery(User, build)
    users = UserFactory.create_batch(3)

    found = [query(pk=user.pk) for user in users]

    assert found == [[user] for user in users]
    assert len(built) == 1


def test_another_patients_id_finds_nothing():
    query = CompiledQuery(AccessLogEntry, _entries)
    entry = _entry(PatientUserFactory(), UserFactory())

    assert query(patient_user_id=UserFactory().pk, pk=entry.pk) == []


def test_an_id_beyond_any_column_finds_nothing_without_a_query(django_assert_num_queries):
    query = CompiledQuery(AccessLogEntry, _entries)
    entry = _entry(PatientUserFactory(), UserFactory())
    query(patient_user_id=entry.patient_user_id, pk=entry.pk)

    with django_assert_num_queries(0):
        assert query(patient_user_id=entry.patient_user_id, pk=2**63) == []


def test_a_builder_that_ignores_an_argument_is_refused():
    query = CompiledQuery(User, lambda *, pk, unused: User.objects.filter(pk=pk))

    with pytest.raises(ValueError, match="unused"):
        query(pk=1, unused=2)


def test_a_compiled_query_prefetches_what_its_queryset_prefetches(django_assert_num_queries):
    query = CompiledQuery(
        User, lambda *, pk: User.objects.filter(pk=pk).prefetch_related("accesses_made")
    )
    actor = UserFactory()
    entry = _entry(PatientUserFactory(), actor)

    with django_assert_num_queries(2):
        (found,) = query(pk=actor.pk)
        assert list(found.accesses_made.all()) == [entry]


@pytest.mark.django_db(transaction=True)  # the other thread's connection sees the user
def test_each_thread_compiles_its_own_and_finds_the_same(django_db_blocker):
    built = []

    def build(*, pk):
        built.append(pk)
        return User.objects.filter(pk=pk)

    query = CompiledQuery(User, build)
    user = UserFactory()
    found_elsewhere = []

    def other_thread():
        with django_db_blocker.unblock():
            found_elsewhere.append(query(pk=user.pk))
            connection.close()

    here = query(pk=user.pk)
    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()

    assert here == found_elsewhere[0] == [user]
    assert len(built) == 2
