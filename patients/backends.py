"""The login backend: Django's own, loading the user's profile with the user."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

# Every patient page needs the patient and their dermatologist (access.patient_required),
# every dermatologist page the dermatologist: joined to the session's user query, that is
# one query fewer on each page. A user without such a profile gets empty joins. (Not the
# dermatologist's own user row: only the mails to them need it, and a patient page paid
# about 650 function calls a request for it.)
PROFILE_JOINS = ("patient__dermatologist", "dermatologist")


class ProfileBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(*PROFILE_JOINS)
        try:
            user = users.get(pk=user_id)
        except users.model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
