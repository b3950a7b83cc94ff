import time

from django.core.cache import cache

from clinic.models import ClinicContact


def test_the_contact_details_are_read_once_then_from_the_cache(django_assert_num_queries, db):
    ClinicContact.objects.create(pk=1, phone="+47 21 00 00 00")
    ClinicContact.current()

    with django_assert_num_queries(0):
        assert ClinicContact.current().phone == "+47 21 00 00 00"


def test_until_the_admin_saves_them_the_defaults_show_and_nothing_is_written(db):
    contact = ClinicContact.current()

    assert contact.phone == ClinicContact._meta.get_field("phone").default
    assert not ClinicContact.objects.exists()


def test_a_saved_change_is_seen_at_once(db):
    contact = ClinicContact.current()
    contact.phone = "+47 21 99 99 99"

    contact.save()

    assert ClinicContact.current().phone == "+47 21 99 99 99"


def test_each_process_holds_the_details_for_a_minute_then_reads_the_shared_cache(
    db, django_assert_num_queries, monkeypatch
):
    ClinicContact.objects.create(pk=1, phone="+47 21 00 00 00")
    ClinicContact.current()
    # Another app server saves a change: it empties the shared cache, not this process.
    ClinicContact.objects.filter(pk=1).update(phone="+47 21 99 99 99")
    cache.delete(ClinicContact.CACHE_KEY)

    with django_assert_num_queries(0):
        assert ClinicContact.current().phone == "+47 21 00 00 00"
    later = time.monotonic() + ClinicContact.HOLD_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    assert ClinicContact.current().phone == "+47 21 99 99 99"
