"""Who opened a patient's data (Normen), and the security events around it.

`log_access` writes one `AccessLogEntry` each time a page or an export shows a patient's data
to someone. Logins, failed logins and refused accesses (a 404 for an object outside the
user's scope) go to the `clinic.security` logger with the user's id, the client's address and
the path only: never health data, never the typed user name (a failed login logs a keyed
hash of it, enough to see many tries against one account).
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed

from clinic import throttle
from clinic.models import AccessLogEntry, User

security_log = logging.getLogger("clinic.security")


def client_address(request) -> str | None:
    """The client's address as the login throttling finds it (trusted proxies only)."""
    return throttle.client_address(request) or None


def actor_role(user: User) -> str:
    if user.is_dermatologist:
        return AccessLogEntry.ActorRole.DERMATOLOGIST
    if user.is_clinic_admin:
        return AccessLogEntry.ActorRole.ADMIN
    if user.is_staff:
        return AccessLogEntry.ActorRole.STAFF
    return AccessLogEntry.ActorRole.PATIENT


def _entry(*, request, patient_user: User, what: str, obj) -> AccessLogEntry:
    return AccessLogEntry(
        actor=request.user,
        actor_role=actor_role(request.user),
        patient_user=patient_user,
        what=what,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        ip_address=client_address(request),
    )


def log_access(*, request, patient_user: User, what: str, obj=None) -> AccessLogEntry:
    """Record that the requesting user opened `what` (`obj`, if given) of `patient_user`.

    One INSERT, atomic by itself, and no `full_clean()`: every value comes from the code,
    and the page that logs must not pay more queries for it (like `clinic.audit`).
    """
    entry = _entry(request=request, patient_user=patient_user, what=what, obj=obj)
    entry.save()
    return entry


def log_accesses(*, request, what: str, opened) -> list[AccessLogEntry]:
    """`log_access` for many objects at once, in one query: `opened` holds
    (patient_user, obj) pairs."""
    return AccessLogEntry.objects.bulk_create(
        [
            _entry(request=request, patient_user=patient_user, what=what, obj=obj)
            for patient_user, obj in opened
        ]
    )


def log_refused(request) -> None:
    """A user asked for an object outside their scope and got a 404."""
    security_log.warning(
        "access refused user=%s ip=%s path=%s",
        request.user.pk,
        client_address(request),
        request.path,
    )


def _account_hash(username) -> str:
    """A keyed hash of the typed user name: the same account gives the same hash."""
    key = settings.SECRET_KEY.encode()
    typed = str(username or "").strip().lower().encode()
    return hmac.new(key, typed, hashlib.sha256).hexdigest()[:16]


def _logged_in(sender, request, user, **kwargs):
    security_log.info(
        "login user=%s ip=%s path=%s",
        user.pk,
        client_address(request) if request is not None else None,
        request.path if request is not None else "",
    )


def _login_failed(sender, credentials, request=None, **kwargs):
    security_log.warning(
        "login failed account=%s ip=%s path=%s",
        _account_hash(credentials.get("username") or credentials.get("email")),
        client_address(request) if request is not None else None,
        request.path if request is not None else "",
    )


def connect_signals() -> None:
    """Called from `ClinicConfig.ready()`; the uid makes a second call add nothing."""
    user_logged_in.connect(_logged_in, dispatch_uid="clinic.access_log.logged_in")
    user_login_failed.connect(_login_failed, dispatch_uid="clinic.access_log.login_failed")
