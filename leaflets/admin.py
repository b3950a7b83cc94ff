from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clinic.admin import ListCheckboxes, ListRowLinks
from clinic.models import User
from leaflets import services
from leaflets.forms import LeafletVersionForm, TeachBackQuestionForm
from leaflets.languages import active_language
from leaflets.models import (
    Category,
    KnownSideEffect,
    Leaflet,
    LeafletText,
    LeafletVersion,
    TeachBackQuestion,
)
from leaflets.selectors import with_versions_and_titles

Status = LeafletVersion.Status


def _current_version(leaflet):
    """The leaflet's current version, worked out once per row of the list (three columns
    show it; each `current_version()` copies the prefetched versions anew)."""
    if not hasattr(leaflet, "_list_current_version"):
        leaflet._list_current_version = leaflet.current_version()
    return leaflet._list_current_version


def _languages_text(version):
    return ", ".join(version.languages()) or "–"


def _review_date_html(version):
    if version is None:
        return "–"
    if version.is_overdue_for_review():
        return format_html(
            '<strong class="review-overdue">{} ⚠ {}</strong>', version.next_review, _("overdue")
        )
    return version.next_review


class ReadOnlyInlineMixin:
    """Inline rows that cannot be added, changed or deleted while `is_read_only(obj)`."""

    def is_read_only(self, obj) -> bool:
        return True

    def has_add_permission(self, request, obj=None):
        return not self.is_read_only(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self.is_read_only(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self.is_read_only(obj) and super().has_delete_permission(request, obj)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name_nb", "name_en", "slug", "position")
    list_editable = ("position",)
    prepopulated_fields = {"slug": ("name_en",)}


class VersionContentInline(ReadOnlyInlineMixin, admin.StackedInline):
    """Part of what patients see of a version: editable only while the version is."""

    extra = 0

    def is_read_only(self, version) -> bool:
        return version is not None and not version.is_editable


class KnownSideEffectInline(VersionContentInline):
    model = KnownSideEffect
    fields = (
        ("key", "position", "frequency"),
        ("red_flag", "level"),
        ("name_nb", "name_en"),
        ("ask_nb", "ask_en"),
        ("advice_nb", "advice_en"),
    )
    classes = ("collapse",)


class TeachBackQuestionInline(VersionContentInline):
    model = TeachBackQuestion
    form = TeachBackQuestionForm
    fields = (
        ("language", "position"),
        "question",
        "options",
        "correct_option",
        "explanation",
        "section",
    )
    classes = ("collapse",)


class VersionInline(ReadOnlyInlineMixin, admin.TabularInline):
    """The leaflet's versions; each opens in the version admin, where the work is done."""

    model = LeafletVersion
    fields = ("number", "status", "next_review", "approved_by", "approved_at")
    readonly_fields = fields
    extra = 0
    show_change_link = True


class CurrentStatusFilter(admin.SimpleListFilter):
    title = _("current status")
    parameter_name = "current_status"

    def lookups(self, request, model_admin):
        return [
            ("published", _("Published")),
            ("unpublished", _("Not published")),
            ("in_review", _("Waiting for review")),
            ("overdue", _("Review overdue")),
        ]

    def queryset(self, request, queryset):
        versions = LeafletVersion.objects.filter(leaflet=OuterRef("pk"))
        published = versions.filter(status=Status.PUBLISHED)
        if self.value() == "published":
            return queryset.filter(Exists(published))
        if self.value() == "unpublished":
            return queryset.exclude(Exists(published))
        if self.value() == "in_review":
            return queryset.filter(Exists(versions.filter(status=Status.IN_REVIEW)))
        if self.value() == "overdue":
            return queryset.filter(Exists(published.filter(next_review__lt=timezone.localdate())))
        return queryset


@admin.register(Leaflet)
class LeafletAdmin(ListCheckboxes, ListRowLinks, admin.ModelAdmin):
    list_display = (
        "title",
        "slug",
        "category",
        "current_status",
        "languages",
        "next_review",
        "public",
    )
    list_filter = (CurrentStatusFilter, "category", "is_medicine", "public")
    search_fields = ("slug", "versions__texts__title")
    # As the report list: drawing the rows is most of the page's time (~0.1 ms a cell in
    # Django's admin; a library of a hundred leaflets took ~90 ms), and editors find a
    # leaflet by searching and filtering rather than paging.
    list_per_page = 25
    fields = ("slug", "category", "is_medicine", "public", "created_at")
    readonly_fields = ("created_at",)
    inlines = (VersionInline,)

    class Media:
        css = {"all": ["clinic/css/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("category")

    def list_rows(self, rows):
        # The columns read each leaflet's versions and their titles.
        return with_versions_and_titles(rows)

    def get_readonly_fields(self, request, obj=None):
        # The slug is the leaflet's public address and the key in import files.
        return ("slug", "created_at") if obj else ("created_at",)

    @admin.display(description=_("title"))
    def title(self, leaflet):
        return leaflet.title_in(active_language())

    @admin.display(description=_("status"))
    def current_status(self, leaflet):
        version = _current_version(leaflet)
        if version is None:
            return _("no version")
        waiting = [v for v in leaflet.versions.all() if v.is_editable and v.pk != version.pk]
        label = f"v{version.number} {Status(version.status).label}"
        if waiting:
            label += f" (+ v{waiting[0].number} {Status(waiting[0].status).label})"
        return label

    @admin.display(description=_("languages"))
    def languages(self, leaflet):
        version = _current_version(leaflet)
        return _languages_text(version) if version else "–"

    @admin.display(description=_("next review"))
    def next_review(self, leaflet):
        return _review_date_html(_current_version(leaflet))


class LeafletTextInline(VersionContentInline):
    """A version's texts, editable while the version is (draft or in review)."""

    model = LeafletText
    min_num = 1
    max_num = 2
    fields = (
        "language",
        "title",
        "summary",
        "body",
        "change_note",
        "reviewed_by",
        "readability",
        "preview",
    )
    readonly_fields = ("readability", "preview")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "reviewed_by":
            kwargs["queryset"] = User.objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("readability"))
    def readability(self, text):
        score = text.readability() if text.pk else None
        if score is None:
            return _("Shown after saving.")
        return format_html(
            '<span class="{}">{} {} – {}</span>',
            "readability-hard" if score.hard else "readability-ok",
            score.index,
            score.score,
            score.verdict,
        )

    @admin.display(description=_("preview"))
    def preview(self, text):
        if not text.pk:
            return _("Shown after saving.")
        # body_html was sanitised with nh3 when the text was saved.
        return format_html(
            '<div class="leaflet-preview" lang="{}">{}</div>',
            text.language,
            mark_safe(text.body_html),
        )


@admin.register(LeafletVersion)
class LeafletVersionAdmin(admin.ModelAdmin):
    form = LeafletVersionForm
    list_display = (
        "__str__",
        "title",
        "status",
        "languages",
        "review_date",
        "approved_by",
        "approved_at",
    )
    list_filter = ("status", "leaflet__category", "requires_reacknowledgement")
    search_fields = ("leaflet__slug", "texts__title")
    list_select_related = ("leaflet", "approved_by")
    inlines = (LeafletTextInline, KnownSideEffectInline, TeachBackQuestionInline)
    actions = ("submit_for_review", "approve_and_publish", "new_draft_from_version")

    class Media:
        css = {"all": ["clinic/css/admin.css"]}

    readonly_fields = (
        "number",
        "status",
        "created_by",
        "last_edited_by",
        "approved_by",
        "approved_at",
        "retired_at",
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("texts")

    def get_fields(self, request, obj=None):
        editable = ["leaflet", "requires_reacknowledgement", "next_review"]
        if obj is None:
            return editable
        return ["number", *editable, *self.readonly_fields[1:]]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return [*self.get_fields(request, obj)]
        if obj is not None:
            return ["leaflet", *self.readonly_fields]
        return self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.is_editable) and super().has_delete_permission(request, obj)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault(
            "next_review", timezone.localdate().replace(year=timezone.localdate().year + 1)
        )
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            draft = services.start_draft(
                leaflet=obj.leaflet,
                by=request.user,
                next_review=obj.next_review,
                requires_reacknowledgement=obj.requires_reacknowledgement,
            )
            # The text inlines were built around `obj`: make it the saved draft.
            obj.pk = draft.pk
            obj.refresh_from_db()
            obj._state.adding = False
            return
        if not obj.is_editable:
            return  # every field is read-only; the workflow buttons act in response_change
        super().save_model(request, obj, form, change)
        if form.has_changed():
            services.record_edit(version=obj, by=request.user)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.has_changed() and form.instance.is_editable:
            services.record_edit(version=form.instance, by=request.user)

    @admin.display(description=_("title"))
    def title(self, version):
        return version.title_in(active_language()) or "–"

    @admin.display(description=_("languages"))
    def languages(self, version):
        return _languages_text(version)

    @admin.display(description=_("next review"), ordering="next_review")
    def review_date(self, version):
        return _review_date_html(version)

    def _run(self, request, queryset, service, done_message):
        done = 0
        for version in queryset:
            try:
                service(version=version, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Submit for review"))
    def submit_for_review(self, request, queryset):
        self._run(
            request,
            queryset,
            services.submit_for_review,
            lambda n: (
                ngettext(
                    "%(count)d version submitted for review.",
                    "%(count)d versions submitted for review.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("Approve and publish"))
    def approve_and_publish(self, request, queryset):
        self._run(
            request,
            queryset,
            services.publish,
            lambda n: (
                ngettext(
                    "%(count)d version approved and published.",
                    "%(count)d versions approved and published.",
                    n,
                )
                % {"count": n}
            ),
        )

    @admin.action(description=_("New draft from this version"))
    def new_draft_from_version(self, request, queryset):
        self._run(
            request,
            queryset,
            services.new_draft_from,
            lambda n: (
                ngettext("%(count)d new draft made.", "%(count)d new drafts made.", n)
                % {"count": n}
            ),
        )

    def response_change(self, request, obj):
        """Buttons on the change page run the same services as the list actions."""
        for name, service, message in (
            ("_submit", services.submit_for_review, _("Submitted for review.")),
            ("_publish", services.publish, _("Approved and published.")),
            ("_new_draft", services.new_draft_from, _("New draft made.")),
        ):
            if name in request.POST:
                try:
                    result = service(version=obj, by=request.user)
                except ValidationError as error:
                    self.message_user(request, " ".join(error.messages), messages.ERROR)
                    return super().response_change(request, obj)
                self.message_user(request, message, messages.SUCCESS)
                return self._redirect_to(result)
        return super().response_change(request, obj)

    def _redirect_to(self, version):
        return HttpResponseRedirect(
            reverse("admin:leaflets_leafletversion_change", args=[version.pk])
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_buttons"] = self._workflow_buttons(obj) if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    @staticmethod
    def _workflow_buttons(version):
        buttons = []
        if version.status == Status.DRAFT:
            buttons.append(("_submit", _("Submit for review")))
        if version.status == Status.IN_REVIEW:
            buttons.append(("_publish", _("Approve and publish")))
        if version.status in (Status.PUBLISHED, Status.RETIRED):
            buttons.append(("_new_draft", _("New draft from this version")))
        return buttons
