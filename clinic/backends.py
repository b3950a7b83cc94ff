from django.core.exceptions import PermissionDenied

from clinic.throttle import USERNAME_MAX_LENGTH


class LoginNameLengthGuard:
    """Stop a login whose user name no e-mail address can have, before the user lookup.

    The login forms do not check the length, and a very long name makes the lookup fail
    (SQLite: "LIKE pattern too complex"). Raising PermissionDenied ends authentication as a
    failed login: the form shows its error and axes counts it. This backend never logs
    anyone in (so it has no `get_user`); list it before the backend that does.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and len(username) > USERNAME_MAX_LENGTH:
            raise PermissionDenied
        return None
