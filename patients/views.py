from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.access_log import log_access
from clinic.lib.language import set_language_cookie
from clinic.lib.pagination import paginate
from clinic.lib.urls import url_maker
from clinic.models import AccessLogEntry
from leaflets.models import Leaflet, active_language
from leaflets.selectors import with_published_version
from patients import access, selectors, services
from patients.access import dermatologist_required, patient_required
from patients.export import patient_data
from patients.forms import (
    AcknowledgeForm,
    AssignLeafletsForm,
    MessageForm,
    PatientSearchForm,
    RegisterPatientForm,
    TeachBackForm,
)
from patients.state import AssignmentState, LeafletCard

# Activation


@require_http_methods(["GET", "POST"])
def activate(request, token):
    invitation = selectors.usable_invitation(token)
    if invitation is None:
        return render(request, "patients/activate_invalid.html", status=404)
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
        # A new patient meets the portal in the language their dermatologist chose for them.
        translation.activate(invitation.user.language)
        request.LANGUAGE_CODE = invitation.user.language
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.activate(token=token, password=form.cleaned_data["new_password1"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("login")
        login(request, user, backend="patients.backends.ProfileBackend")
        translation.activate(user.language)
        messages.success(request, _("Your account is ready. Welcome!"))
        return set_language_cookie(redirect("patients:home"), user.language)
    return render(request, "patients/activate.html", {"form": form, "invited": invitation.user})


# Patient pages


@patient_required
@require_GET
def home(request):
    assignments = selectors.home_assignments(request.patient)
    reader_url = url_maker("patients:reader", "pk")
    language = active_language()
    cards = [LeafletCard.of(AssignmentState(a, language), reader_url(pk=a.pk)) for a in assignments]
    return render(
        request,
        "patients/home.html",
        {
            "to_read": [card for card in cards if not card.state.is_current],
            "read": [card for card in cards if card.state.is_current],
            "dermatologist": request.patient.dermatologist,
        },
    )


def _reader_context(request, assignment):
    state = AssignmentState(assignment, request.GET.get("lang") or active_language())
    if state.version is None:
        raise Http404
    return state


def _render_reader(request, assignment, *, message_form=None):
    state = _reader_context(request, assignment)
    # A confirmed leaflet shows no questions; one nobody asked about has no conversations.
    questions = [] if state.is_current else selectors.questions_for(state.version, state.language)
    return render(
        request,
        "patients/reader.html",
        {
            "state": state,
            "entry": state.entry,
            "questions": questions,
            "passed": selectors.has_passed_teach_back(
                assignment=assignment,
                version=state.version,
                language=state.language,
                questions=questions,
            ),
            "threads": (
                selectors.threads_of(request.patient, assignment)
                if assignment.has_questions
                else []
            ),
            "message_form": message_form or MessageForm(),
            "fragment_key": selectors.leaflet_fragment_key(),
        },
        status=400 if message_form is not None else 200,
    )


@patient_required
@require_GET
def reader(request, pk):
    assignment = access.assignment_for_patient(request, pk)
    services.record_open(assignment=assignment)
    return _render_reader(request, assignment)


@patient_required
@require_GET
def reader_print(request, pk):
    assignment = access.assignment_for_patient(request, pk)
    state = _reader_context(request, assignment)
    return render(
        request,
        "leaflets/print.html",
        {
            "entry": state.entry,
            "share_url": request.build_absolute_uri(assignment.get_absolute_url()),
            "back_url": assignment.get_absolute_url(),
        },
    )


@patient_required
@require_http_methods(["GET", "POST"])
def teach_back(request, pk):
    assignment = access.assignment_for_patient(request, pk)
    state = _reader_context(request, assignment)
    questions = selectors.questions_for(state.version, state.language)
    if not questions:
        return redirect(assignment.get_absolute_url())
    form = TeachBackForm(request.POST or None, questions=questions, toc=state.entry.text.toc)
    wrong = []
    if request.method == "POST" and form.is_valid():
        outcome = services.check_understanding(
            assignment=assignment,
            version=state.version,
            language=state.language,
            answers=form.answers(),
        )
        if outcome.passed:
            messages.success(
                request, _("All your answers are right. You can now confirm that you have read.")
            )
            return redirect(f"{assignment.get_absolute_url()}?lang={state.language}#confirm")
        wrong = outcome.wrong
    return render(
        request,
        "patients/teach_back.html",
        {"state": state, "form": form, "items": form.items(wrong), "wrong_count": len(wrong)},
    )


@patient_required
@require_POST
def acknowledge(request, pk):
    assignment = access.assignment_for_patient(request, pk)
    form = AcknowledgeForm(request.POST, assignment=assignment)
    if not form.is_valid():
        # The reader posts these as hidden fields: another leaflet's version does not exist.
        raise Http404
    try:
        services.acknowledge(assignment=assignment, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assignment.get_absolute_url())
    messages.success(request, _("Thank you. Your confirmation is saved."))
    return redirect("patients:home")


@patient_required
@require_POST
def ask_question(request, pk):
    assignment = access.assignment_for_patient(request, pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_reader(request, assignment, message_form=form)
    services.ask_question(assignment=assignment, body=form.cleaned_data["body"])
    messages.success(request, _("Your message is sent to your dermatologist."))
    return redirect(f"{assignment.get_absolute_url()}#messages")


@patient_required
@require_GET
def access_log(request):
    """Who has looked at my information: the access log's entries about me, newest first."""
    entries = AccessLogEntry.objects.filter(patient_user=request.user).select_related("actor")
    page, filters = paginate(request, entries)
    return render(request, "patients/access_log.html", {"page": page, "filters": filters})


@never_cache
@patient_required
@require_GET
def my_data(request):
    """Everything the clinic holds on me, as one JSON file; the download is logged."""
    log_access(request=request, patient_user=request.user, what=AccessLogEntry.What.MY_DATA)
    response = JsonResponse(
        patient_data(request.patient), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


# Dermatologist pages


@dermatologist_required
@require_GET
def my_patients(request):
    form = PatientSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page, filters = paginate(request, selectors.patients_of(request.dermatologist, query))
    return render(
        request,
        "patients/my_patients.html",
        {"form": form, "page": page, "query": query, "filters": filters},
    )


@dermatologist_required
@require_http_methods(["GET", "POST"])
def register_patient(request):
    form = RegisterPatientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            patient = services.register_patient(
                dermatologist=request.dermatologist, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is registered. An activation link is on its way by e-mail.")
                % {"name": patient.name},
            )
            return redirect(patient.get_absolute_url())
    return render(request, "patients/register.html", {"form": form})


def _render_patient_detail(request, patient, *, reply_form=None, reply_thread_id=None):
    states = [AssignmentState(a, active_language()) for a in selectors.record_assignments(patient)]
    return render(
        request,
        "patients/patient_detail.html",
        {
            "patient": patient,
            "active": [s for s in states if not s.assignment.is_withdrawn],
            "withdrawn": [s for s in states if s.assignment.is_withdrawn],
            "threads": selectors.threads_of(patient),
            "reply_form": reply_form,
            "reply_thread_id": reply_thread_id,
        },
        status=400 if reply_form is not None else 200,
    )


@dermatologist_required
@require_GET
def patient_detail(request, pk):
    return _render_patient_detail(request, access.patient_for_dermatologist(request, pk))


def _assignable_leaflets():
    return with_published_version(Leaflet.objects.order_by("slug"))


@dermatologist_required
@require_http_methods(["GET", "POST"])
def assign(request, pk):
    patient = access.patient_for_dermatologist(request, pk)
    form = AssignLeafletsForm(request.POST or None, leaflets=_assignable_leaflets())
    if request.method == "POST" and form.is_valid():
        try:
            assignments = services.assign_leaflets(
                patient=patient,
                leaflets=list(form.cleaned_data["leaflets"]),
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("leaflets", error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d leaflet assigned to %(name)s.",
                    "%(count)d leaflets assigned to %(name)s.",
                    len(assignments),
                )
                % {"count": len(assignments), "name": patient.name},
            )
            return redirect(patient.get_absolute_url())
    already = set(patient.assignments.active().values_list("leaflet_id", flat=True))
    return render(
        request, "patients/assign.html", {"patient": patient, "form": form, "already": already}
    )


@dermatologist_required
@require_POST
def withdraw(request, pk, assignment_pk):
    assignment = access.assignment_for_dermatologist(request, assignment_pk, patient_pk=pk)
    services.withdraw_assignment(assignment=assignment, by=request.user)
    messages.success(request, _("The leaflet is withdrawn. The patient no longer sees it."))
    return redirect(assignment.patient.get_absolute_url())


@dermatologist_required
@require_POST
def resend_invitation(request, pk):
    patient = access.patient_for_dermatologist(request, pk)
    try:
        services.resend_invitation(patient=patient, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new activation link is on its way."))
    return redirect(patient.get_absolute_url())


@dermatologist_required
@require_POST
def reply(request, pk, thread_pk):
    thread = access.thread_for_dermatologist(request, thread_pk, patient_pk=pk)
    patient = thread.patient
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_patient_detail(request, patient, reply_form=form, reply_thread_id=thread.pk)
    services.post_message(thread=thread, author=request.user, body=form.cleaned_data["body"])
    messages.success(request, _("Your reply is sent."))
    return redirect(f"{reverse('patients:patient_detail', kwargs={'pk': patient.pk})}#messages")
