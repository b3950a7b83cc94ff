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
