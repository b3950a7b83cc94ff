"""Two-step login with django-otp: an authenticator app (TOTP) and one-time recovery codes.

Staff and dermatologists must pass the second step before any page with patient data or
the admin; patients may turn it on, and `MFA_REQUIRED_FOR_PATIENTS` makes it required for
them too. Once a user has a device, every login of theirs asks for a code.
"""

from django.conf import settings

from clinic.models import Role

# Set at login: whether the user then had a device, so an optional user's requests need
# no device query (clinic.middleware_mfa).
SESSION_HAS_DEVICE = "mfa_has_device"
# The recovery codes just made, shown once on the next page and then removed.
SESSION_NEW_CODES = "mfa_new_codes"


def mfa_required(user) -> bool:
    """Whether the user must pass the second step even without a device of their own."""
    if user.is_staff or user.is_superuser or user.role in (Role.ADMIN, Role.DERMATOLOGIST):
        return True
    return settings.MFA_REQUIRED_FOR_PATIENTS
