from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from clinic.access_log import log_access, log_accesses
from clinic.admin import ListCheckboxes, ListRowLinks, ReadOnlyAdmin, deactivate_accounts
from clinic.lib.pagination import EstimatedCountPaginator
from clinic.models import AccessLogEntry, User
from patients import report_services
from patients.export import export_response
from patients.models import (
    Acknowledgement,
    Assignment,
    Dermatologist,
    Message,
    Patient,
    SideEffectReport,
    TeachBackResult,
    Thread,
)


@admin.register(Dermatologist)
class DermatologistAdmin(admin.ModelAdmin):
    list_display = ("display_name", "title", "hpr_number", "user")
    search_fields = ("display_name", "user__email", "hpr_number")
    list_select_related = ("user",)
    raw_id_fields = ("user",)


class AssignmentInline(admin.TabularInline):
    model = Assignment
    fields = ("leaflet", "assigned_by", "assigned_at", "first_opened_at", "withdrawn_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AccessLoggedAdmin(admin.ModelAdmin):
    """Opening an object's change page writes one access-log entry for its patient."""

    access_what: str

    def patient_user_of(self, obj) -> User:
        return obj.patient.user

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and not add:
            log_access(
                request=request,
                patient_user=self.patient_user_of(obj),
                what=self.access_what,
                obj=obj,
            )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Patient)
class PatientAdmin(AccessLoggedAdmin):
    """Admins manage profiles, including moving a patient to another dermatologist."""

    list_display = ("__str__", "user_email", "date_of_birth", "dermatologist", "is_active")
    list_filter = ("dermatologist",)
    search_fields = ("user__full_name", "user__email")
    list_select_related = ("user", "dermatologist")
    raw_id_fields = ("user",)
    fields = ("user", "date_of_birth", "phone", "dermatologist", "created_at")
    readonly_fields = ("created_at",)
    inlines = (AssignmentInline,)
    actions = ("deactivate",)
    access_what = AccessLogEntry.What.PATIENT

    def patient_user_of(self, patient):
        return patient.user

    def has_delete_permission(self, request, obj=None):
        """A patient's profile is part of their record: the account is deactivated instead."""
        return False

    @admin.action(description=_("Deactivate selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        deactivate_accounts(self, request, User.objects.filter(patient__in=queryset))

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def user_email(self, patient):
        return patient.user.email

    @admin.display(description=_("activated"), boolean=True)
    def is_active(self, patient):
        return patient.user.is_active


@admin.register(Acknowledgement)
class AcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "version", "language", "acknowledged_at")
    list_select_related = ("assignment__patient__user", "assignment__leaflet", "version__leaflet")
    date_hierarchy = "acknowledged_at"


@admin.register(TeachBackResult)
class TeachBackResultAdmin(ReadOnlyAdmin):
    list_display = ("assignment", "version", "first_try_correct", "question_count", "passed_at")
    list_select_related = ("assignment__patient__user", "assignment__leaflet", "version__leaflet")


class MessageInline(admin.TabularInline):
    model = Message
    fields = ("author", "created_at", "body")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(AccessLoggedAdmin, ReadOnlyAdmin):
    list_display = ("__str__", "kind", "last_message_at", "awaiting_dermatologist")
    list_filter = ("kind", "awaiting_dermatologist")
    list_select_related = ("patient__user",)
    inlines = (MessageInline,)
    access_what = AccessLogEntry.What.THREAD


@admin.register(SideEffectReport)
class SideEffectReportAdmin(ListCheckboxes, ListRowLinks, AccessLoggedAdmin, ReadOnlyAdmin):
    """Readable and exportable; what the patient wrote cannot be edited here."""

    list_display = ("reference", "patient", "medicine_name", "urgency", "status", "created_at")
    # Bounded at hundreds of thousands of reports: no count of the whole table (estimated
    # from PostgreSQL's statistics), no second "of N in all" count, a date filter of fixed
    # ranges instead of a date hierarchy (which reads every row's year), indexes for the
    # filters and the newest-first order (report_admin_*_idx), one query for the rows.
    list_filter = (
        "urgency",
        "status",
        ("created_at", admin.DateFieldListFilter),
        "patient__dermatologist",
    )
    search_fields = ("reference", "patient__user__full_name", "medicine_name")
    list_select_related = ("patient__user",)
    ordering = ("-created_at", "-pk")
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    # A quarter of Django's hundred: drawing the rows is most of the page's time (Django's
    # admin spends about 0.1 ms a cell), and the list is searched and filtered rather than
    # paged through.
    list_per_page = 25
    actions = ("export_json", "export_csv")
    access_what = AccessLogEntry.What.REPORT
    readonly_fields = [
        field.name
        for field in SideEffectReport._meta.get_fields()
        if field.concrete and not field.many_to_many and field.name != "id"
    ]

    def _export(self, request, queryset, fmt):
        reports = list(queryset.select_related("patient__user", "acknowledged_version"))
        for report in reports:
            report_services.log_export(report=report, by=request.user, fmt=fmt)
        log_accesses(
            request=request,
            what=AccessLogEntry.What.REPORT_EXPORT,
            opened=[(report.patient.user, report) for report in reports],
        )
        return export_response(reports, fmt, filename="side-effect-reports")

    @admin.action(description=_("Export as JSON"))
    def export_json(self, request, queryset):
        return self._export(request, queryset, "json")

    @admin.action(description=_("Export as CSV"))
    def export_csv(self, request, queryset):
        return self._export(request, queryset, "csv")
