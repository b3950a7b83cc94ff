"""The login backend loads the user's profile with the user: one query for both."""

import pytest
from django.contrib.auth import get_user_model

from patients.backends import ProfileBackend
from patients.models import Patient
from tests.factories import AdminUserFactory, DermatologistFactory, PatientFactory

pytestmark = pytest.mark.django_db


def test_a_patient_comes_with_their_profile_and_dermatologist(django_assert_num_queries):
    patient = PatientFactory(dermatologist__display_name="Dr. Eva Hansen")

    with django_assert_num_queries(1):
        user = ProfileBackend().get_user(patient.user.pk)
        assert user.patient == patient
        assert user.patient.dermatologist.display_name == "Dr. Eva Hansen"


def test_a_dermatologist_comes_with_their_profile(django_assert_num_queries):
    dermatologist = DermatologistFactory()

    with django_assert_num_queries(1):
        user = ProfileBackend().get_user(dermatologist.user.pk)
        assert user.dermatologist == dermatologist


def test_a_user_without_a_patient_profile_is_no_patient(django_assert_num_queries):
    admin = AdminUserFactory()

    with django_assert_num_queries(1):
        user = ProfileBackend().get_user(admin.pk)
        with pytest.raises(Patient.DoesNotExist):
            _ = user.patient


def test_a_deactivated_user_is_not_loaded():
    patient = PatientFactory(user__is_active=False)

    assert ProfileBackend().get_user(patient.user.pk) is None


def test_a_user_who_no_longer_exists_is_not_loaded():
    assert ProfileBackend().get_user(get_user_model().objects.count() + 1000) is None
