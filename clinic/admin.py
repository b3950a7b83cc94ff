from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from clinic import services
from clinic.lib.urls import url_maker
from clinic.models import AccessLogEntry, AuditEntry, ClinicContact, OutgoingMail, User

admin.site.site_header = format_lazy("{} · {}", settings.CLINIC_NAME, _("administration"))
admin.site.site_title = settings.CLINIC_NAME
admin.site.index_title = _("Leaflets, users and audit log")


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "language")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("email", "full_name", "role", "language", "is_active", "last_login")
    list_filter = ("role", "is_active", "is_staff", "language")
    search_fields = ("email", "full_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "role", "language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ("deactivate", "delete_selected")

    def has_delete_permission(self, request, obj=None):
        """An account that is part of a record is deactivated, never deleted."""
        if obj is not None and services.has_records([obj]):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        user = self.get_object(request, object_id)
        if user is not None and services.has_records([user]):
            self.message_user(
                request,
                _(
                    "%(name)s is part of a patient's record or of the audit log, so the "
                    "account cannot be deleted. Deactivate it instead."
                )
                % {"name": user},
                messages.ERROR,
            )
            return redirect("admin:clinic_user_change", user.pk)
        return super().delete_view(request, object_id, extra_context)

    @admin.action(description=django_delete_selected.short_description, permissions=["delete"])
    def delete_selected(self, request, queryset):
        """Django's bulk delete, refused when any selected account is part of a record."""
        if services.has_records(queryset):
            self.message_user(
                request,
                _(
                    "Some of the selected accounts are part of a patient's record or of the "
                    "audit log, so they cannot be deleted. Deactivate them instead."
                ),
                messages.ERROR,
            )
            return None
        return django_delete_selected(self, request, queryset)

    @admin.action(description=_("Deactivate selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        """Accounts that are part of a record are deactivated instead of deleted."""
        deactivate_accounts(self, request, queryset)


def deactivate_accounts(model_admin, request, users):
    """The "deactivate" admin action's body, for users and for patients."""
    try:
        deactivated = services.deactivate_users(users=users, by=request.user)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d account deactivated.", "%(count)d accounts deactivated.", len(deactivated)
        )
        % {"count": len(deactivated)},
        messages.SUCCESS,
    )


class ListCheckboxes:
    """A change list whose rows' checkboxes are written as HTML. Django's `action_checkbox`
    renders a form widget's template for each row, a fifth of the time of a 100-row list;
    this is the same input, with the same name, value and label."""

    def action_checkbox(self, obj):
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )


class _ChangeListWithMadeLinks(ChangeList):
    def get_results(self, request):
        super().get_results(request)
        self.result_list = self.model_admin.list_rows(self.result_list)

    def url_for_result(self, result):
        change = url_maker(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", "object_id"
        )
        return change(object_id=getattr(result, self.pk_attname))


class ListRowLinks:
    """A change list whose rows' links come from one reverse (`clinic.lib.urls`) instead of
    one per row: the same URLs, for models whose primary key is a number. Its page of rows
    goes through `list_rows` before it is drawn."""

    def get_changelist(self, request, **kwargs):
        return _ChangeListWithMadeLinks

    def list_rows(self, rows):
        """The page's rows (a queryset) as the columns will read them: where a model admin
        loads what its columns show, for this page's rows only. (A list with `list_editable`
        must keep the queryset: its forms are made from it.)"""
        return rows


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of what people did: readable, never added, edited or deleted by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The log is written by the services."""

    list_display = ("created_at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "actor__email", "action")
    date_hierarchy = "created_at"
    list_select_related = ("actor",)


@admin.register(ClinicContact)
class ClinicContactAdmin(admin.ModelAdmin):
    list_display = ("phone", "hours_nb", "hours_en")

    def has_add_permission(self, request):
        return not ClinicContact.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(ReadOnlyAdmin):
    """Notifications and whether they went out; `recover_mail` retries the stuck ones."""

    list_display = ("created_at", "kind", "recipient", "sent_at", "attempts", "last_error")
    list_filter = ("kind", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("recipient__email",)
    list_select_related = ("recipient",)


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    """Who opened which patient's data; written by `clinic.access_log`, never by hand."""

    list_display = ("created_at", "actor", "actor_role", "patient_user", "what", "ip_address")
    list_filter = ("what", "actor_role")
    search_fields = ("actor__email", "patient_user__email")
    date_hierarchy = "created_at"
    list_select_related = ("actor", "patient_user")
    raw_id_fields = ("actor", "patient_user")
