import hashlib
import uuid

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.lib.urls import link
from leaflets.models import LANGUAGE_CHOICES, Leaflet, LeafletVersion
from leaflets.urgency import Urgency

# A patient's record (profile, assignments, acknowledgements, teach-back results,
# conversations, reports) and the people named in it are protected: deleting a user with a
# record raises ProtectedError instead of cascading. Accounts are deactivated instead
# (`clinic.services.deactivate_user`). Invitations are not part of the record: they go with
# the account.


class Dermatologist(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="dermatologist",
        verbose_name=_("user"),
    )
    display_name = models.CharField(_("display name"), max_length=150)
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("e.g. Specialist in dermatology")
    )
    hpr_number = models.CharField(
        _("HPR number"),
        max_length=12,
        blank=True,
        help_text=_("The Norwegian health personnel register number, if you want it shown."),
    )

    class Meta:
        verbose_name = _("dermatologist")
        verbose_name_plural = _("dermatologists")
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name


def _address_to_patients_dermatologist(record) -> None:
    """A new assignment, conversation or report takes its patient's responsible
    dermatologist (`Patient.save` moves them along when the patient moves)."""
    if record.dermatologist_id is None and record.patient_id is not None:
        record.dermatologist_id = record.patient.dermatologist_id


def name_and_email(user) -> str:
    """What "My patients" sorts and searches a patient by: the user's name, a line break and
    the e-mail address, case-folded in Python (the databases' `LOWER` differ: SQLite's knows
    only ASCII, so not "Æ"). The search looks for each word of a query, case-folded too, in
    it: a word has no whitespace, so it matches the name or the address, never across."""
    return f"{user.full_name}\n{user.email}".casefold()


class PatientQuerySet(models.QuerySet):
    def refresh_names(self) -> int:
        """Store each patient's `name_and_email` from their user, where it differs; returns
        how many changed. Whatever changes users' names or addresses without `User.save()`
        (a queryset `update()`, raw SQL) calls it for their patients."""
        rows = self.select_related("user").only("name_and_email", "user__full_name", "user__email")
        changed = []
        for patient in rows.iterator(chunk_size=2000):
            copy = name_and_email(patient.user)
            if patient.name_and_email != copy:
                patient.name_and_email = copy
                changed.append(patient)
        Patient.objects.bulk_update(changed, ["name_and_email"], batch_size=1000)
        return len(changed)


class Patient(models.Model):
    """A patient of the clinic; name, e-mail and language live on the user account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="patient",
        verbose_name=_("user"),
    )
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    dermatologist = models.ForeignKey(
        Dermatologist,
        on_delete=models.PROTECT,
        related_name="patients",
        verbose_name=_("responsible dermatologist"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    # A copy of the user's name and e-mail (`name_and_email`) on the patient row, so that a
    # dermatologist's list is sorted, searched and cut from one range of my_patients_idx
    # instead of walking the users of the whole clinic. Set when the patient is saved with
    # a new account, kept by `patients.hooks.copy_name_to_patient` when the user is saved.
    name_and_email = models.CharField(
        _("name and e-mail address"), max_length=405, blank=True, editable=False
    )

    objects = PatientQuerySet.as_manager()

    class Meta:
        verbose_name = _("patient")
        verbose_name_plural = _("patients")
        # The admin's patient list walks the users' name index (migration 0014) in order.
        ordering = ["user__full_name"]
        indexes = [
            # "My patients": one dermatologist's patients in name order, so the page stops
            # after 25 rows; a search filters on the name in the index. With the other
            # columns the list reads (its accounts come in a second query), PostgreSQL
            # reads the page, the search and the count from the index alone.
            models.Index(
                fields=["dermatologist", "name_and_email", "id"],
                include=["user", "date_of_birth"],
                name="my_patients_idx",
            ),
        ]

    def __str__(self):
        return self.user.full_name or self.user.email

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self._user_changed() and (update_fields is None or "user" in update_fields):
            # A new patient, or another account (admin): copy its name. Later changes of the
            # name come from the user's save (`patients.hooks.copy_name_to_patient`).
            self.name_and_email = name_and_email(self.user)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "name_and_email"}
        super().save(*args, **kwargs)
        self._stored_user_id = self.__dict__.get("user_id")
        stored = getattr(self, "_stored_dermatologist_id", None)
        if stored is not None and stored != self.dermatologist_id:
            # A patient moved to another dermatologist (admin) takes their reports, leaflets
            # and conversations along: the new dermatologist triages what is open and sees
            # the history.
            self.reports.update(dermatologist_id=self.dermatologist_id)
            self.assignments.update(dermatologist_id=self.dermatologist_id)
            self.threads.update(dermatologist_id=self.dermatologist_id)
        self._stored_dermatologist_id = self.dermatologist_id

    def get_absolute_url(self):
        return link("patients:patient_detail", pk=self.pk)

    @classmethod
    def from_db(cls, db, field_names, values):
        patient = super().from_db(db, field_names, values)
        patient._stored_dermatologist_id = patient.__dict__.get("dermatologist_id")
        patient._stored_user_id = patient.__dict__.get("user_id")
        return patient

    def _user_changed(self) -> bool:
        if "user_id" not in self.__dict__:
            return False  # deferred, so not saved
        return self._state.adding or self.user_id != getattr(self, "_stored_user_id", None)

    @property
    def name(self) -> str:
        return Patient.name_of(self.user.full_name, self.user.email)

    @staticmethod
    def name_of(full_name: str, email: str) -> str:
        """The name a patient is shown by, from their user's columns (lists that load rows)."""
        return full_name or email


class Invitation(models.Model):
    """A one-time activation link. Only a hash of the token is stored."""

    VALID_FOR = timezone.timedelta(days=7)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def is_usable(self, now=None) -> bool:
        return self.used_at is None and (now or timezone.now()) < self.expires_at


def acknowledged_number(acknowledgements):
    """The rule for `Assignment.acknowledged_number`, as an expression for an update of
    assignments: the highest version number among the assignment's acknowledgements (None
    without one). `acknowledgements` is the Acknowledgement manager (a migration passes its
    own)."""
    latest = acknowledgements.filter(assignment=OuterRef("pk")).order_by("-version__number")
    return Subquery(latest.values("version__number")[:1])


# The state of an assignment is read from two stored numbers, `Assignment.acknowledged_number`
# and its leaflet's `confirm_from_number`: the pages filter and count on columns, without
# subqueries. (An acknowledgement is always of a published version: `services.acknowledge`.)
EVER_ACKNOWLEDGED = Q(acknowledged_number__isnull=False)
CURRENT_ACKNOWLEDGED = EVER_ACKNOWLEDGED & Q(
    acknowledged_number__gte=F("leaflet__confirm_from_number")
)
OUTDATED = Q(acknowledged_number__lt=F("leaflet__confirm_from_number"))


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(withdrawn_at__isnull=True)

    def with_state(self):
        """Annotate what the state pages need (two columns compared, no subquery).

        - `current_acknowledged`: acknowledged on the published version or on a later
          version than any that asks patients to confirm again;
        - `ever_acknowledged`: acknowledged on some version.
        """
        return self.annotate(
            ever_acknowledged=ExpressionWrapper(EVER_ACKNOWLEDGED, output_field=BooleanField()),
            current_acknowledged=ExpressionWrapper(
                CURRENT_ACKNOWLEDGED, output_field=BooleanField()
            ),
        )

    def never_acknowledged(self):
        return self.filter(acknowledged_number__isnull=True)

    def outdated(self):
        """Acknowledged, but before a version that asks patients to confirm again."""
        return self.filter(OUTDATED)

    def unacknowledged(self):
        """Not acknowledged on a current version: never acknowledged, or outdated."""
        return self.filter(Q(acknowledged_number__isnull=True) | OUTDATED)

    def refresh_acknowledged(self) -> int:
        """Store each assignment's `acknowledged_number` from its acknowledgements. Whatever
        writes acknowledgements without `Acknowledgement.save` (bulk_create, COPY) calls it
        on the assignments it wrote them for."""
        return self.update(acknowledged_number=acknowledged_number(Acknowledgement.objects))


class Assignment(models.Model):
    """A leaflet a dermatologist gave a patient to read."""

    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("patient")
    )
    # The patient's responsible dermatologist, kept on the assignment (like on the report) so
    # that the overview reads one dermatologist's waiting leaflets from one index range
    # instead of joining all their patients. Set on save, moved with the patient.
    dermatologist = models.ForeignKey(
        Dermatologist,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # the overview's indexes start with it
        verbose_name=_("responsible dermatologist"),
    )
    leaflet = models.ForeignKey(
        Leaflet, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("leaflet")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    note = models.TextField(_("note to the patient"), blank=True, max_length=2000)
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    first_opened_at = models.DateTimeField(_("first opened"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    acknowledged_number = models.PositiveIntegerField(
        _("latest version acknowledged"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The highest version number the patient has confirmed; empty until then."),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-assigned_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "leaflet"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_assignment_per_leaflet",
                violation_error_message=_("The patient already has this leaflet."),
            )
        ]
        indexes = [
            # The patient's home page (their active leaflets), the patient page and the counts
            # on "My patients" filter assignments by patient and withdrawn_at.
            models.Index(fields=["patient", "withdrawn_at"], name="assignment_home_idx"),
            # The reminder command looks for unopened, unreminded assignments by date.
            models.Index(fields=["withdrawn_at", "assigned_at"], name="assignment_reminder_idx"),
            # The overview's unconfirmed leaflets: one range of the dermatologist's, oldest
            # first (counted up to a cap, the first lines listed).
            models.Index(
                fields=["dermatologist", "assigned_at", "id"],
                condition=Q(withdrawn_at__isnull=True, acknowledged_number__isnull=True),
                name="overview_unconfirmed_idx",
            ),
            # The overview's outdated leaflets: the dermatologist's acknowledged ones of each
            # leaflet below its `confirm_from_number` (few leaflets ask to confirm again).
            models.Index(
                fields=["dermatologist", "leaflet", "acknowledged_number"],
                include=["patient", "id"],
                condition=Q(withdrawn_at__isnull=True, acknowledged_number__isnull=False),
                name="overview_outdated_idx",
            ),
        ]

    def __str__(self):
        return f"{self.patient} · {self.leaflet}"

    def save(self, *args, **kwargs):
        _address_to_patients_dermatologist(self)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return link("patients:reader", pk=self.pk)

    def latest_acknowledgement(self):
        """The acknowledgement of the highest version confirmed, or None: from the prefetch
        of `selectors.assignments_with_state` (newest first), else one query (none for an
        assignment read `with_state` that was never confirmed)."""
        if "acknowledgements" in getattr(self, "_prefetched_objects_cache", {}):
            return next(iter(self.acknowledgements.all()), None)
        if getattr(self, "ever_acknowledged", None) is False:
            return None
        return self.acknowledgements.select_related("version").order_by("-version__number").first()

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Acknowledgement(models.Model):
    """ "I have read and understood", pinned to the exact version and language."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        related_name="acknowledgements",
        verbose_name=_("assignment"),
    )
    version = models.ForeignKey(
        LeafletVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    acknowledged_at = models.DateTimeField(_("acknowledged"), default=timezone.now)

    class Meta:
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "version"], name="one_acknowledgement_per_version"
            )
        ]

    def __str__(self):
        return f"{self.assignment} v{self.version.number} ({self.language})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Only ever raised: two acknowledgements saved at once leave the higher number.
        number = self.version.number
        Assignment.objects.filter(
            Q(acknowledged_number__isnull=True) | Q(acknowledged_number__lt=number),
            pk=self.assignment_id,
        ).update(acknowledged_number=number)


class TeachBackResult(models.Model):
    """How a patient did on a leaflet's questions for one version; first try counts."""

    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        related_name="teach_back_results",
        verbose_name=_("assignment"),
    )
    version = models.ForeignKey(
        LeafletVersion, on_delete=models.PROTECT, related_name="+", verbose_name=_("version")
    )
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    question_count = models.PositiveSmallIntegerField(_("questions"))
    first_try_correct = models.PositiveSmallIntegerField(_("right at first try"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    passed_at = models.DateTimeField(_("all answered right"), null=True, blank=True)
    created_at = models.DateTimeField(_("first try"), auto_now_add=True)

    class Meta:
        verbose_name = _("teach-back result")
        verbose_name_plural = _("teach-back results")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "version"], name="one_teach_back_result_per_version"
            )
        ]

    def __str__(self):
        return f"{self.first_try_correct}/{self.question_count}"


class Thread(models.Model):
    """A conversation between a patient and their dermatologist about one subject."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question about a leaflet")
        REPORT = "report", _("Side-effect report")

    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, related_name="threads", verbose_name=_("patient")
    )
    # The patient's responsible dermatologist (see `Assignment.dermatologist`): the overview's
    # unanswered questions come from one index range. Set on save, moved with the patient.
    dermatologist = models.ForeignKey(
        Dermatologist,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # overview_questions_idx starts with it
        verbose_name=_("responsible dermatologist"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.QUESTION)
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="threads",
        verbose_name=_("assignment"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    last_message_at = models.DateTimeField(_("last message"), default=timezone.now)
    awaiting_dermatologist = models.BooleanField(_("waiting for the dermatologist"), default=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-last_message_at"]
        indexes = [
            # "My patients" counts each patient's questions awaiting the dermatologist.
            models.Index(
                fields=["patient", "awaiting_dermatologist"], name="thread_my_patients_idx"
            ),
            # The overview counts and lists the questions awaiting the dermatologist, oldest
            # first, from one range.
            models.Index(
                fields=["dermatologist", "last_message_at", "id"],
                condition=Q(awaiting_dermatologist=True, kind="question"),
                name="overview_questions_idx",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.patient}"

    def save(self, *args, **kwargs):
        _address_to_patients_dermatologist(self)
        super().save(*args, **kwargs)


class Message(models.Model):
    thread = models.ForeignKey(
        Thread, on_delete=models.PROTECT, related_name="messages", verbose_name=_("conversation")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} {self.created_at:%Y-%m-%d %H:%M}"


class SideEffectReport(models.Model):
    """A suspected side effect reported by a patient, with what they saw when they reported.

    The fields follow patient reporting schemes (Yellow Card, MedWatch 3500B, the Norwegian
    Medical Products Agency's form), so the report can be forwarded without asking again.
    """

    class Severity(models.TextChoices):
        MILD = "mild", _("Mild")
        MODERATE = "moderate", _("Moderate")
        SEVERE = "severe", _("Severe")
        VERY_SEVERE = "very_severe", _("Very severe")

    class Interference(models.TextChoices):
        NOT_AT_ALL = "not_at_all", _("Not at all")
        A_LITTLE = "a_little", _("A little bit")
        SOMEWHAT = "somewhat", _("Somewhat")
        QUITE_A_BIT = "quite_a_bit", _("Quite a bit")
        VERY_MUCH = "very_much", _("Very much")

    class Outcome(models.TextChoices):
        ONGOING = "ongoing", _("It is still going on")
        RECOVERED = "recovered", _("It has stopped: I have recovered")
        RECOVERING = "recovering", _("It has stopped, but I am still recovering")
        NOT_RECOVERED = "not_recovered", _("It has stopped, but it has left lasting problems")

    class MedicineAction(models.TextChoices):
        CONTINUED = "continued", _("I have continued as before")
        REDUCED = "reduced", _("I have taken less")
        STOPPED = "stopped", _("I have stopped taking it")
        OTHER = "other", _("Something else")

    class Consent(models.TextChoices):
        ASK_FIRST = "ask_first", _("Ask me first")
        ANONYMOUS = "anonymous", _("Yes, without my name and contact details")
        IDENTIFIED = "identified", _("Yes, with my name and contact details")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")

    class Action(models.TextChoices):
        ADVICE = "advice", _("Advice given")
        DOSE_CHANGED = "dose_changed", _("Dose changed")
        MEDICINE_STOPPED = "medicine_stopped", _("Medicine stopped")
        BLOOD_TESTS = "blood_tests", _("Blood tests ordered")
        APPOINTMENT = "appointment", _("Appointment made")
        OTHER = "other", _("Other")

    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    form_token = models.UUIDField(_("form token"), unique=True, default=uuid.uuid4, editable=False)
    patient = models.ForeignKey(
        Patient, on_delete=models.PROTECT, related_name="reports", verbose_name=_("patient")
    )
    # The patient's responsible dermatologist, kept on the report so that the inbox, the
    # navigation counts and the trends read one dermatologist's reports from an index instead
    # of joining all their patients (2,000 index probes per page at clinic-chain scale).
    # Always the patient's: set on save, and moved with the patient (`Patient.save`).
    dermatologist = models.ForeignKey(
        Dermatologist,
        on_delete=models.PROTECT,
        related_name="reports",
        editable=False,
        db_index=False,  # report_inbox_idx starts with it
        verbose_name=_("responsible dermatologist"),
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("medicine leaflet"),
    )
    # The assignment's leaflet (which never changes), kept on the report for the report
    # trends, which count a dermatologist's reports per medicine: read through the
    # assignment it costs an index lookup per report, here it is in `report_trends_idx`.
    # Set on save; empty for a medicine the patient named.
    leaflet = models.ForeignKey(
        Leaflet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("leaflet"),
    )
    medicine_name = models.CharField(_("suspected medicine"), max_length=200)
    acknowledged_version = models.ForeignKey(
        LeafletVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leaflet version the patient had confirmed"),
    )
    symptoms = models.JSONField(
        _("symptoms"),
        default=list,
        blank=True,
        help_text=_("The side effects ticked, with the wording the patient saw."),
    )
    other_symptoms = models.TextField(_("something else"), blank=True, max_length=1000)
    started_on = models.DateField(_("started on"))
    outcome = models.CharField(_("course"), max_length=20, choices=Outcome)
    stopped_on = models.DateField(_("stopped on"), null=True, blank=True)
    severity = models.CharField(_("how bad"), max_length=20, choices=Severity)
    interference = models.CharField(
        _("interference with daily activities"), max_length=20, choices=Interference
    )
    medicine_action = models.CharField(
        _("what the patient did with the medicine"), max_length=20, choices=MedicineAction
    )
    dose = models.CharField(_("dose"), max_length=100, blank=True)
    other_medicines = models.TextField(
        _("other medicines in the last three months"), blank=True, max_length=1000
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    consent = models.CharField(
        _("consent to forward to the Norwegian Medical Products Agency"),
        max_length=20,
        choices=Consent,
        default=Consent.ASK_FIRST,
    )
    urgency = models.PositiveSmallIntegerField(
        _("urgency"),
        choices=Urgency,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The most urgent level of the red flags the patient answered yes; empty when none."
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    action = models.CharField(_("action taken"), max_length=20, choices=Action, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    first_seen_at = models.DateTimeField(
        _("first opened by the dermatologist"), null=True, blank=True, editable=False
    )
    forwarded_on = models.DateField(
        _("forwarded to the Medical Products Agency on"), null=True, blank=True
    )
    forwarded_reference = models.CharField(
        _("the Medical Products Agency's reference"), max_length=50, blank=True
    )
    thread = models.OneToOneField(
        Thread, on_delete=models.PROTECT, related_name="report", verbose_name=_("conversation")
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now)

    class Meta:
        verbose_name = _("side-effect report")
        verbose_name_plural = _("side-effect reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(stopped_on__isnull=True) | Q(stopped_on__gte=F("started_on")),
                name="report_stopped_not_before_started",
                violation_error_message=_("It cannot stop before it started."),
            )
        ]
        indexes = [
            # The report inbox lists the dermatologist's reports by status (new, in progress,
            # closed), most urgent level first and oldest first within a level; the navigation
            # counts (new, urgent) and the trends (by date) read the same index. On PostgreSQL
            # it also holds the columns the inbox lists: the page is read from the index alone.
            models.Index(
                fields=["dermatologist", "status", "urgency", "created_at"],
                include=["id", "patient", "reference", "medicine_name"],
                name="report_inbox_idx",
            ),
            # "My patients" counts each patient's open reports.
            models.Index(fields=["patient", "status"], name="report_my_patients_idx"),
            # The admin's report list: newest first, whole or filtered by status or urgency.
            models.Index(fields=["created_at", "id"], name="report_admin_list_idx"),
            models.Index(fields=["status", "created_at", "id"], name="report_admin_status_idx"),
            models.Index(fields=["urgency", "created_at", "id"], name="report_admin_urgency_idx"),
            # The report trends read a dermatologist's reports in a period: one range of this
            # index, which holds every column they count or group by except the symptoms (so
            # PostgreSQL answers from the index alone). The urgency is a key, not included:
            # the red flags' query reads the symptoms of urgent reports only.
            models.Index(
                fields=["dermatologist", "created_at", "urgency"],
                include=["id", "status", "first_seen_at", "closed_at", "leaflet"],
                name="report_trends_idx",
            ),
        ]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        _address_to_patients_dermatologist(self)
        if self.leaflet_id is None and self.assignment_id is not None:
            self.leaflet_id = self.assignment.leaflet_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def urgent(self) -> bool:
        """A red flag was answered yes: the report has an urgency level."""
        return self.urgency is not None


class TeachBackAnswer(models.Model):
    """One answer a patient gave to one teach-back question, on one attempt.

    The leaflet insight counts these (first-try rates, the wrong answer chosen most often);
    it groups them by question and by the result's version and language.
    """

    result = models.ForeignKey(
        TeachBackResult,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("teach-back result"),
    )
    question = models.ForeignKey(
        "leaflets.TeachBackQuestion",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("question"),
    )
    attempt = models.PositiveSmallIntegerField(_("attempt"))
    chosen_option = models.PositiveSmallIntegerField(
        _("chosen option"), help_text=_("The number of the answer chosen, counting from 1.")
    )
    correct = models.BooleanField(_("right"))
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("teach-back answer")
        verbose_name_plural = _("teach-back answers")
        ordering = ["result", "attempt", "question"]
        constraints = [
            models.UniqueConstraint(
                fields=["result", "attempt", "question"], name="one_answer_per_attempt"
            )
        ]
        indexes = [
            # The leaflet insight counts answers per question and attempt.
            models.Index(fields=["question", "attempt", "correct"], name="teach_back_answer_idx"),
        ]

    def __str__(self):
        return f"{self.result} #{self.attempt} q{self.question_id}: {self.chosen_option}"
