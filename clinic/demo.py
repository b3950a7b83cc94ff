"""Demo accounts. Every demo account shares one password, written in README.md."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic.models import Role, User

DEMO_PASSWORD = "demo-pass-2026"
# The demo's leaflets are written by the editor and approved by the dermatologist.
DEMO_EDITOR = "redaktor@example.org"
DEMO_APPROVER = "dr.hansen@example.org"
# The demo staff's authenticator secret (base32, as apps take it), written in README.md.
# A server with DEBUG off refuses a device with this secret (clinic.mfa.services).
DEMO_TOTP_SECRET = "CLINICDEMOTOTPSECRETKEY234567ABC"
DEMO_TOTP_KEY_HEX = b32decode(DEMO_TOTP_SECRET).hex()
DEMO_TOTP_USERS = [
    "admin@example.org",
    "redaktor@example.org",
    "dr.hansen@example.org",
    "dr.lie@example.org",
]

DEMO_USERS = [
    {
        "email": "admin@example.org",
        "full_name": "Ingrid Berg",
        "role": Role.ADMIN,
        "language": "nb",
        "is_staff": True,
        "is_superuser": True,
    },
    {
        "email": "redaktor@example.org",
        "full_name": "Nina Solberg",
        "role": Role.ADMIN,
        "language": "nb",
        "is_staff": True,
    },
    {
        "email": "dr.hansen@example.org",
        "full_name": "Erik Hansen",
        "role": Role.DERMATOLOGIST,
        "language": "nb",
        "is_staff": True,
    },
    {
        "email": "dr.lie@example.org",
        "full_name": "Ingrid Lie",
        "role": Role.DERMATOLOGIST,
        "language": "nb",
    },
    {
        "email": "kari@example.org",
        "full_name": "Kari Nordmann",
        "role": Role.PATIENT,
        "language": "nb",
    },
    {
        "email": "ola@example.org",
        "full_name": "Ola Nordmann",
        "role": Role.PATIENT,
        "language": "en",
    },
    {
        "email": "per@example.org",
        "full_name": "Per Hagen",
        "role": Role.PATIENT,
        "language": "nb",
    },
]


def seed_accounts() -> list[str]:
    """Create the demo accounts that are missing; leave existing ones as they are."""
    created = []
    for fields in DEMO_USERS:
        fields = dict(fields)
        email = fields.pop("email")
        if User.objects.filter(email__iexact=email).exists():
            continue
        User.objects.create_user(email=email, password=DEMO_PASSWORD, **fields)
        created.append(email)
    return created


def demo_user(email: str) -> User:
    return User.objects.get(email__iexact=email)


def seed_totp_devices() -> list[str]:
    """Give the demo staff and dermatologists an authenticator with the demo secret.

    Only for a demo (DEBUG on): a user who already has an authenticator keeps it.
    """
    users = list(User.objects.filter(email__in=DEMO_TOTP_USERS).exclude(totpdevice__confirmed=True))
    TOTPDevice.objects.bulk_create(
        [TOTPDevice(user=user, name="demo authenticator", key=DEMO_TOTP_KEY_HEX) for user in users]
    )
    return [user.email for user in users]
