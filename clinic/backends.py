from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from clinic.throttle import USERNAME_MAX_LENGTH


class EmailBackend(ModelBackend):
    """Django's model backend, refusing user names no e-mail address can have.

    The login forms do not check the length, and a very long name makes the database
    lookup fail (SQLite: "LIKE pattern too complex"). A refused name is an ordinary failed
    login: the form shows its error and axes counts it.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and len(username) > USERNAME_MAX_LENGTH:
            # Hash the password anyway, as for an unknown user, so the answer takes as long.
            get_user_model()().set_password(password)
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
