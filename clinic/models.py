import time

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clinic.lib.memo import BoundedMemo


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    DERMATOLOGIST = "dermatologist", _("Dermatologist")
    PATIENT = "patient", _("Patient")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, username):
        """Log in by e-mail address, whatever its case."""
        return self.get(email__iexact=username)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMIN)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with their e-mail address; their role decides what they see."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.PATIENT)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=[("nb", _("Norwegian Bokmål")), ("en", _("English"))],
        default="nb",
        help_text=_("Pages and e-mails are shown in this language after login."),
    )
    session_generation = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        editable=False,
        help_text=_("Raised at logout: every session opened before ends."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("A user with this e-mail address already exists."),
            )
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def get_absolute_url(self):
        return reverse("home")

    def _get_session_auth_hash(self, secret=None):
        """Django's session check, with the session generation in it.

        Each session stores this hash at login and Django ends a session whose hash no
        longer matches, so raising `session_generation` (at logout) ends every session the
        user has open, with no query beyond loading the user.
        """
        return salted_hmac(
            "clinic.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def end_all_sessions(self) -> None:
        """End every session of this user (one UPDATE, safe when two logouts race)."""
        type(self).objects.filter(pk=self.pk).update(
            session_generation=models.F("session_generation") + 1
        )

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_dermatologist(self) -> bool:
        return self.role == Role.DERMATOLOGIST

    @property
    def is_clinic_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by services, never by signals.

    `data` holds identifiers and states only, never health data or free text.
    """

    # PROTECT: the log names who did what; an account that acted is deactivated, not deleted.
    actor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=80)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=40)
    object_repr = models.CharField(_("object"), max_length=200)
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class OutgoingMail(models.Model):
    """A notification mail, written in the same transaction as the action that causes it.

    It holds no health data: only its kind and the page it links to. The worker renders
    and sends it, and marks it sent so that a retry never sends it twice.
    """

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation to activate the account")
        NEW_INFORMATION = "new_information", _("New information from the clinic")
        REMINDER = "reminder", _("Reminder of unread information")
        NEW_MESSAGE = "new_message", _("New message from a patient")
        REPLY = "reply", _("Reply from the clinic")
        NEW_REPORT = "new_report", _("New side-effect report")
        URGENT_REPORT = "urgent_report", _("New urgent side-effect report")
        PASSWORD_RESET = "password_reset", _("Password reset link")

    # PROTECT: the row holds no health data, but it is the clinic's record that a patient
    # was told (new information, a reminder) or a dermatologist was alerted (an urgent
    # report); deleting the account must not erase it.
    recipient = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="mails", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    path = models.CharField(_("link"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at"]
        indexes = [
            # `recover_mail` (clinic.mail.recover) looks for unsent mails whose next attempt
            # is due; sent mails, nearly all rows, stay out of the index.
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(sent_at__isnull=True),
                name="mail_recover_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient.email}"


_HELD_CONTACT = BoundedMemo(size=1)


class ClinicContact(models.Model):
    """How patients reach the clinic; one row, edited in admin, shown with urgent advice."""

    phone = models.CharField(_("phone"), max_length=30, default="+47 22 00 00 00")
    hours_nb = models.CharField(
        _("opening hours (Norwegian)"), max_length=200, default="Mandag–fredag 08.00–15.30"
    )
    hours_en = models.CharField(
        _("opening hours (English)"), max_length=200, default="Monday–Friday 08:00–15:30"
    )

    # Every help box and every reader shows these: each process holds them for
    # HOLD_SECONDS, then reads them from the shared cache, which each save (the admin's)
    # empties. A change shows at once in the process that saved it and within HOLD_SECONDS
    # on every other one (a round trip to the cache on every reader page before). Until
    # the admin saves them, the defaults (no write on a page view).
    CACHE_KEY = "clinic:contact"
    CACHE_SECONDS = 60 * 60
    HOLD_SECONDS = 60

    class Meta:
        verbose_name = _("clinic contact details")
        verbose_name_plural = _("clinic contact details")

    def __str__(self):
        return self.phone

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.forget()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.forget()
        return result

    @classmethod
    def forget(cls) -> None:
        cache.delete(cls.CACHE_KEY)
        _HELD_CONTACT.clear()

    @classmethod
    def current(cls) -> "ClinicContact":
        now = time.monotonic()
        held = _HELD_CONTACT.get_many([cls.CACHE_KEY]).get(cls.CACHE_KEY)
        if held is not None and held[0] > now:
            return held[1]
        contact = cache.get(cls.CACHE_KEY)
        if contact is None:
            contact = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, contact, cls.CACHE_SECONDS)
        _HELD_CONTACT.set_many({cls.CACHE_KEY: (now + cls.HOLD_SECONDS, contact)})
        return contact

    @property
    def hours(self) -> str:
        return self.hours_en if (get_language() or "nb").startswith("en") else self.hours_nb


class AccessLogEntry(models.Model):
    """Someone opened a patient's data: who, in which role, what, when and from where (Normen).

    Written by `clinic.access_log.log_access` wherever a page or an export shows a patient's
    data to someone. The patient is named by their user account: the core does not know the
    patients app. `what` and the object's type and id say what was opened, never its content:
    no health data is kept here. The patient reads their own entries on "Who has looked at my
    information"; admins read all of them and change none.
    """

    class ActorRole(models.TextChoices):
        PATIENT = "patient", _("patient")
        DERMATOLOGIST = "dermatologist", _("dermatologist")
        ADMIN = "admin", _("administrator")
        STAFF = "staff", _("clinic staff")

    class What(models.TextChoices):
        PATIENT = "patient", _("Patient page with leaflets and messages")
        ASSIGNMENT = "assignment", _("Assigned leaflet")
        REPORT = "report", _("Side-effect report")
        REPORT_EXPORT = "report_export", _("Export of a side-effect report")
        THREAD = "thread", _("Conversation")
        MY_DATA = "my_data", _("Download of all your data")

    # PROTECT: the log says who looked; an account that looked is deactivated, not deleted.
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="accesses_made", verbose_name=_("who")
    )
    actor_role = models.CharField(_("role"), max_length=20, choices=ActorRole)
    # PROTECT: the patient's record of who looked stays with their account.
    patient_user = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="access_log", verbose_name=_("patient")
    )
    what = models.CharField(_("what"), max_length=20, choices=What)
    object_type = models.CharField(_("object type"), max_length=80, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-created_at", "-id"]
        indexes = [
            # "Who has looked at my information" and the patient's data download: one
            # patient's entries, newest first.
            models.Index(
                fields=["patient_user", "-created_at", "-id"], name="access_patient_newest_idx"
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.what} #{self.object_id}"
