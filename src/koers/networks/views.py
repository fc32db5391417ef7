"""The learning network pages. Every network is found through networks.access, so a network
outside the user's grants is a 404; what only its runners may do is found through run_networks."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import ical, uploads
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations.access import regions_for
from koers.pagination import paginate

from . import access, exports, selectors, services
from .forms import (
    AttendanceForm,
    CaseForm,
    CommitmentForm,
    ConversationForm,
    DocumentForm,
    EvaluationForm,
    FateForm,
    HomeworkDoneForm,
    HomeworkForm,
    KpiFormSet,
    MeetingForm,
    MemberForm,
    NetworkForm,
    OutputForm,
    PostForm,
    RoadmapForm,
    StartDocumentForm,
    StartNetworkForm,
    TopicForm,
)
from .models import FACILITATING_ROLES, Meeting, RoadmapWorksheet


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def index(request):
    """My networks, and those I can join; from a werkdocument tip, on the trajectory's theme."""
    theme = selectors.theme_named(request.GET.get("thema", ""))
    return render(
        request,
        "networks/index.html",
        {
            "theme": theme,
            "page": paginate(request, selectors.my_networks(request.user), 25),
            "regions": list(access.starting_regions(request.user)),
            "coordinated": list(regions_for(request.user)),
            "joinable": list(selectors.joinable(request.user, theme)[:10]),
        },
    )


@login_required
def new_network(request, slug: str):
    region = selectors.region_to_start_in(request.user, slug)
    theme = selectors.theme_named(request.GET.get("thema", ""))
    form = StartNetworkForm(
        _posted(request),
        schools=selectors.led_schools_in(request.user, region),
        initial={"shrm_theme": theme.pk if theme else None},
    )
    if form.is_bound and form.is_valid():
        network = services.start_network(form, region=region, by=request.user, school=form.cleaned_data.get("school"))
        messages.success(request, _("The network has been started. Add its members and plan the start meeting."))
        return redirect("networks:network", network.pk)
    return render(
        request, "networks/network_form.html", {"form": form, "region": region}, status=400 if form.errors else 200
    )


@login_required
def network(request, network_id: int):
    found = selectors.network_for(request.user, network_id)
    return render(request, "networks/network.html", {"p": selectors.network_page(found, request.user)})


@login_required
def edit_network(request, network_id: int):
    found = selectors.run_network_for(request.user, network_id)
    form = NetworkForm(_posted(request), instance=found, editing=True)
    if form.is_bound and form.is_valid():
        services.save_network(form)
        messages.success(request, _("Your changes have been saved."))
        return redirect("networks:network", found.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": found, "region": found.region},
        status=400 if form.errors else 200,
    )


@login_required
def add_member(request, network_id: int):
    found = selectors.run_network_for(request.user, network_id)
    form = MemberForm(_posted(request), schools=selectors.schools_of_region(found.region))
    if form.is_bound and form.is_valid():
        try:
            member = services.add_member(
                found, by=request.user, base_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("%(name)s takes part in the network now.") % {"name": member.user})
            return redirect("networks:network", found.pk)
    return render(
        request, "networks/member_form.html", {"form": form, "network": found}, status=400 if form.errors else 200
    )


@login_required
def commitments(request, network_id: int, member_id: int):
    """A member's own commitments; the network's runners may fill them in too."""
    found = selectors.network_for(request.user, network_id)
    member = selectors.member_for(found, member_id)
    runs = access.run_networks(request.user).filter(pk=found.pk).exists()
    if member.user_id != request.user.pk and not runs:
        raise Http404
    form = CommitmentForm(_posted(request), instance=member)
    if form.is_bound and form.is_valid():
        services.save_commitments(form)
        messages.success(request, _("Your changes have been saved."))
        return redirect("networks:network", found.pk)
    return render(
        request,
        "networks/commitments.html",
        {"form": form, "network": found, "member": member, "runs": runs},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_member(request, network_id: int, member_id: int):
    found = selectors.run_network_for(request.user, network_id)
    member = selectors.member_for(found, member_id)
    services.end_membership(member)
    messages.success(request, _("%(name)s no longer takes part.") % {"name": member.user})
    return redirect("networks:network", found.pk)


def _meeting_page(request, found, meeting, form, status=200):
    return render(
        request,
        "networks/meeting_form.html",
        {"form": form, "network": found, "meeting": meeting},
        status=status,
    )


@login_required
def new_meeting(request, network_id: int):
    found = selectors.run_network_for(request.user, network_id)
    form = MeetingForm(_posted(request), initial={"kind": Meeting.Kind.START if not found.meetings.exists() else ""})
    if form.is_bound and form.is_valid():
        try:
            meeting = services.save_meeting(form, network=found, by=request.user)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been planned; the members have been told."))
            return redirect("networks:meeting", found.pk, meeting.pk)
    return _meeting_page(request, found, None, form, 400 if form.errors else 200)


@login_required
def meeting(request, network_id: int, meeting_id: int):
    """The meeting as members see it; its runners also change it and keep its attendance."""
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    runs = access.run_networks(request.user).filter(pk=found.pk).exists()
    present = selectors.presence(held, request.user)
    seen = {
        "evaluation": selectors.evaluation_state(held, present),
        "attendee": present is not None,
        "homework": selectors.homework(held, None),
        "work_forms": list(held.work_forms.all()),
    }
    if not runs:
        return render(request, "networks/meeting.html", {"network": found, "meeting": held, **seen})
    form = MeetingForm(_posted(request), instance=held)
    if form.is_bound and form.is_valid():
        try:
            services.save_meeting(form, network=found, by=request.user)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("networks:meeting", found.pk, held.pk)
    members = selectors.current_members(found)
    attendance = AttendanceForm(members=members, states=selectors.attendance(held))
    return render(
        request,
        "networks/meeting_form.html",
        {
            "form": form,
            "network": found,
            "meeting": held,
            "attendance": attendance,
            "results": selectors.evaluation_results(held),
            **seen,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def attendance(request, network_id: int, meeting_id: int):
    found = selectors.run_network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    form = AttendanceForm(request.POST, members=selectors.current_members(found), states={})
    if form.is_valid():
        services.record_attendance(held, form.states(), by=request.user)
        messages.success(request, _("The attendance has been saved."))
    return redirect("networks:meeting", found.pk, held.pk)


def _event(request, found, held: Meeting) -> ical.Event:
    zone = timezone.get_current_timezone()
    return ical.Event(
        uid=f"bijeenkomst-{held.pk}",
        summary=f"{found.name}: {held.theme}",
        start=datetime.datetime.combine(held.date, held.start, tzinfo=zone),
        end=datetime.datetime.combine(held.date, held.end, tzinfo=zone),
        location=held.venue,
        description="\n".join(
            part
            for part in (held.agenda, request.build_absolute_uri(reverse("networks:meeting", args=[found.pk, held.pk])))
            if part
        ),
        sequence=held.version,
    )


def _calendar_response(request, found, meetings, file_name: str) -> HttpResponse:
    body = ical.calendar(
        name=found.name,
        events=[_event(request, found, m) for m in meetings if m.status != Meeting.Status.CANCELLED],
        host=request.get_host().split(":")[0],
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}.ics"'
    return response


@login_required
def meeting_calendar(request, network_id: int, meeting_id: int):
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    return _calendar_response(request, found, [held], f"{slugify(found.name) or 'netwerk'}-{held.date:%Y%m%d}")


@login_required
def calendar(request, network_id: int):
    found = selectors.network_for(request.user, network_id)
    return _calendar_response(request, found, list(found.meetings.all()), slugify(found.name) or "netwerk")


@login_required
def start_document(request, network_id: int):
    """The start document: its runners write it, every member reads and signs it."""
    found = selectors.network_for(request.user, network_id)
    runs = access.run_networks(request.user).filter(pk=found.pk).exists()
    document = selectors.start_document(found)
    form = StartDocumentForm(_posted(request), instance=document) if runs else None
    if form is not None and form.is_bound and form.is_valid():
        services.save_start_document(form, network=found)
        messages.success(request, _("The start document has been saved. The members can read and sign it."))
        return redirect("networks:start_document", found.pk)
    signed = selectors.signatures(document)
    members = selectors.current_members(found)
    return render(
        request,
        "networks/start_document.html",
        {
            "network": found,
            "document": document,
            "form": form,
            "runs": runs,
            "members": [(m, signed.get(m.pk)) for m in members],
            "me": next((m for m in members if m.user_id == request.user.pk), None),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def sign_start_document(request, network_id: int):
    found = selectors.network_for(request.user, network_id)
    document = selectors.start_document(found)
    member = found.members.filter(user=request.user, left_on__isnull=True).first()
    if document is None or member is None:
        raise Http404
    services.sign_start_document(document, member)
    messages.success(request, _("You have signed the start document."))
    return redirect("networks:start_document", found.pk)


@login_required
@require_POST
def agree_start_document(request, network_id: int):
    found = selectors.run_network_for(request.user, network_id)
    document = selectors.start_document(found)
    if document is None:
        raise Http404
    try:
        services.agree_start_document(document)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The start document is agreed; the network's facilitated meetings can begin."))
    return redirect("networks:start_document", found.pk)


@login_required
def fate(request, network_id: int):
    """After the facilitated meetings: how the network goes on."""
    found = selectors.run_network_for(request.user, network_id)
    form = FateForm(
        _posted(request),
        network=found,
        initial={"fate": found.fate, "stop_reason": found.stop_reason_id},
    )
    if form.is_bound and form.is_valid():
        try:
            services.record_fate(found, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Recorded how the network goes on."))
            return redirect("networks:network", found.pk)
    return render(request, "networks/fate.html", {"form": form, "network": found}, status=400 if form.errors else 200)


@login_required
@require_POST
def spin_off(request, network_id: int):
    found = selectors.run_network_for(request.user, network_id)
    new = services.spin_off(found, by=request.user)
    messages.success(
        request, _("A new network has been started from this one, with its members. Give it its own question.")
    )
    return redirect("networks:edit_network", new.pk)


@login_required
def evaluate(request, network_id: int, meeting_id: int):
    """The short evaluation: only for who was there, once, while it is open."""
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    present = selectors.presence(held, request.user)
    state = selectors.evaluation_state(held, present)
    if present is None or state is None:
        raise Http404
    form = EvaluationForm(_posted(request))
    if form.is_bound and form.is_valid():
        try:
            services.evaluate_meeting(held, present.member, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Thank you. Your answer is in, without your name."))
            return redirect("networks:meeting", found.pk, held.pk)
    return render(
        request,
        "networks/evaluate.html",
        {"form": form, "network": found, "meeting": held, "state": state},
        status=400 if form.errors else 200,
    )


@login_required
def region(request, slug: str):
    """The regiocoördinator's view of the region's networks."""
    found = selectors.region_for(request.user, slug)
    today = timezone.localdate()
    overview = selectors.region_overview(found, today)
    return render(
        request,
        "networks/region.html",
        {
            "o": overview,
            "charts": selectors.region_charts(overview, today),
            "page": paginate(request, overview.networks, 25),
            "region": found,
        },
    )


@login_required
def region_export(request, slug: str, kind: str):
    """The region's view as a table of its networks (CSV) or as a whole (PDF)."""
    found = selectors.region_for(request.user, slug)
    today = timezone.localdate()
    overview = selectors.region_overview(found, today)
    name = f"regio-{found.slug}-{today:%Y%m%d}"
    if kind == "csv":
        data, content_type = exports.region_csv(overview), "text/csv; charset=utf-8"
    elif kind == "pdf":
        data, content_type = exports.region_pdf(overview, selectors.region_charts(overview, today)), "application/pdf"
    else:
        raise Http404
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def intervision(request, network_id: int, meeting_id: int):
    """The meeting's intervision cases: only for who was there. Anyone else finds nothing."""
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    present = selectors.presence(held, request.user)
    cases = list(selectors.intervision_for(request.user, held, present))
    if present is None and not cases:
        raise Http404
    form = CaseForm(_posted(request) if present is not None else None)
    if present is not None and form.is_bound and form.is_valid():
        services.bring_case(form, meeting=held, member=present.member)
        messages.success(request, _("The case has been added. Only this meeting's attendees see it."))
        return redirect("networks:intervision", found.pk, held.pk)
    return render(
        request,
        "networks/intervision.html",
        {"network": found, "meeting": held, "cases": cases, "form": form if present else None},
        status=400 if form.errors else 200,
    )


@login_required
def case(request, network_id: int, meeting_id: int, case_id: int):
    """The bringer keeps their case: notes after the round, or deleting it."""
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    cases = selectors.intervision_for(request.user, held, selectors.presence(held, request.user))
    own = get_object_or_404(cases, pk=case_id, brought_by__user=request.user)
    if request.method == "POST" and "delete" in request.POST:
        services.delete_case(own)
        messages.success(request, _("The case has been deleted."))
        return redirect("networks:meeting", found.pk, held.pk)
    form = CaseForm(_posted(request), instance=own)
    if form.is_bound and form.is_valid():
        services.save_case(form)
        messages.success(request, _("Your changes have been saved."))
        return redirect("networks:intervision", found.pk, held.pk)
    return render(
        request,
        "networks/case_form.html",
        {"network": found, "meeting": held, "form": form, "case": own},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def join(request, network_id: int):
    found = selectors.joinable_for(request.user, network_id)
    school = access.joining_schools(request.user, found).first()
    if school is None:
        raise Http404
    services.join(found, user=request.user, school=school)
    messages.success(request, _("You take part in %(network)s now. Fill in what you commit to.") % {"network": found})
    return redirect("networks:network", found.pk)


@login_required
def outputs(request, network_id: int):
    """What the network brought about; every member adds to it."""
    found = selectors.network_for(request.user, network_id)
    is_member = found.members.filter(user=request.user, left_on__isnull=True).exists()
    form = OutputForm(_posted(request)) if is_member else None
    if form is not None and form.is_bound and form.is_valid():
        services.add_output(form, network=found, by=request.user)
        messages.success(request, _("The output has been added."))
        return redirect("networks:outputs", found.pk)
    return render(
        request,
        "networks/outputs.html",
        {"network": found, "form": form, "page": paginate(request, found.outputs.all(), 25)},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def homework(request, network_id: int, meeting_id: int):
    """The meeting's homework: its runners set it, each member marks their own as done."""
    found = selectors.network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    runs = access.run_networks(request.user).filter(pk=found.pk).exists()
    me = selectors.membership(found, request.user)
    if me is None and not runs:
        raise Http404
    form = HomeworkForm(_posted(request)) if runs else None
    if form is not None and form.is_bound and form.is_valid():
        services.add_homework(form, meeting=held)
        messages.success(request, _("The homework has been added to the meeting."))
        return redirect("networks:homework", found.pk, held.pk)
    return render(
        request,
        "networks/homework.html",
        {"network": found, "meeting": held, "rows": selectors.homework(held, me), "form": form, "me": me},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_POST
def homework_done(request, network_id: int, meeting_id: int, homework_id: int):
    found, me = selectors.member_network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    assignment = get_object_or_404(held.homework.all(), pk=homework_id)
    form = HomeworkDoneForm(request.POST)
    if form.is_valid():
        services.mark_homework(assignment, me, done="undo" not in request.POST, note=form.cleaned_data["note"])
        messages.success(request, _("Your changes have been saved."))
    else:  # the field holds the browser to its length; this is the server's word on it
        messages.error(request, " ".join(form.errors["note"]))
    return redirect("networks:homework", found.pk, held.pk)


@login_required
@require_POST
def delete_homework(request, network_id: int, meeting_id: int, homework_id: int):
    found = selectors.run_network_for(request.user, network_id)
    held = selectors.meeting_for(found, meeting_id)
    services.delete_homework(get_object_or_404(held.homework.all(), pk=homework_id))
    messages.success(request, _("The homework has been removed."))
    return redirect("networks:homework", found.pk, held.pk)


@login_required
def forum(request, network_id: int):
    """Questions and discussions between meetings, for the members only."""
    found, _me = selectors.member_network_for(request.user, network_id)
    form = TopicForm(_posted(request))
    if form.is_bound and form.is_valid():
        topic = services.open_topic(form, network=found, by=request.user)
        messages.success(request, _("Your question is in; the members have been told."))
        return redirect("networks:topic", found.pk, topic.pk)
    return render(
        request,
        "networks/forum.html",
        {"network": found, "form": form, "page": paginate(request, selectors.topics(found), 25)},
        status=400 if form.errors else 200,
    )


@login_required
def topic(request, network_id: int, topic_id: int):
    found, me = selectors.member_network_for(request.user, network_id)
    opened = selectors.topic_for(found, topic_id)
    form = PostForm(_posted(request))
    if form.is_bound and form.is_valid():
        services.reply(form, topic=opened, by=request.user)
        messages.success(request, _("Your reply has been placed."))
        return redirect("networks:topic", found.pk, opened.pk)
    return render(
        request,
        "networks/topic.html",
        {
            "network": found,
            "topic": opened,
            "form": form,
            "page": paginate(request, opened.posts.select_related("author"), 50),
            "may_close": access.may_moderate(me, opened.author_id),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def topic_answered(request, network_id: int, topic_id: int):
    """Whoever asked, or the network's facilitator, marks the question answered (or open again)."""
    found, me = selectors.member_network_for(request.user, network_id)
    opened = selectors.topic_for(found, topic_id)
    if not access.may_moderate(me, opened.author_id):
        raise Http404
    services.mark_answered(opened, "reopen" not in request.POST)
    return redirect("networks:topic", found.pk, opened.pk)


@login_required
def documents(request, network_id: int):
    """The network's library, for the members only."""
    found, me = selectors.member_network_for(request.user, network_id)
    form = DocumentForm(_posted(request), request.FILES or None)
    if form.is_bound and form.is_valid():
        services.add_document(form, network=found, by=request.user)
        messages.success(request, _("The document is in the library; the members have been told."))
        return redirect("networks:documents", found.pk)
    return render(
        request,
        "networks/documents.html",
        {
            "network": found,
            "form": form,
            "page": paginate(request, selectors.documents(found), 25),
            "facilitates": me.role in FACILITATING_ROLES,
        },
        status=400 if form.errors else 200,
    )


@login_required
def document_file(request, network_id: int, document_id: int):
    """A stored file, to members only, always as a download so a browser never runs it."""
    found, _me = selectors.member_network_for(request.user, network_id)
    document = selectors.document_for(found, document_id)
    return uploads.as_download(document.file, document.file_name)


@login_required
@require_POST
def delete_document(request, network_id: int, document_id: int):
    found, me = selectors.member_network_for(request.user, network_id)
    document = selectors.document_for(found, document_id)
    if not access.may_moderate(me, document.added_by_id):
        raise Http404
    services.delete_document(document)
    messages.success(request, _("The document has been removed from the library."))
    return redirect("networks:documents", found.pk)


@login_required
def conversations(request, slug: str):
    """The regiocoördinator's log of talks with the region's schools."""
    found = selectors.region_for(request.user, slug)
    form = ConversationForm(_posted(request), schools=selectors.schools_of_region(found))
    if form.is_bound and form.is_valid():
        services.log_conversation(form, region=found, by=request.user)
        messages.success(request, _("The conversation has been logged."))
        return redirect("networks:conversations", found.slug)
    return render(
        request,
        "networks/conversations.html",
        {
            "region": found,
            "form": form,
            "figures": selectors.conversation_figures(found),
            "page": paginate(request, selectors.conversations(found), 25),
        },
        status=400 if form.errors else 200,
    )


@login_required
def roadmaps(request, school_id: int):
    """A school's Roadmaps Strategisch HRM."""
    school = selectors.roadmap_school_for(request.user, school_id)
    return render(
        request,
        "networks/roadmaps.html",
        {"school": school, "page": paginate(request, selectors.roadmaps_of(request.user, school), 25)},
    )


def _roadmap_form(request, school, worksheet):
    questions = selectors.roadmap_questions()
    form = RoadmapForm(
        _posted(request),
        instance=worksheet,
        questions=questions,
        answers=selectors.roadmap_answers(worksheet),
        networks=selectors.roadmap_networks(school),
    )
    kpis = KpiFormSet(_posted(request), instance=worksheet, prefix="kpi")
    if form.is_bound and form.is_valid() and kpis.is_valid():
        saved = services.save_roadmap(form, kpis, school=school, by=request.user)
        messages.success(request, _("The Roadmap has been saved."))
        return redirect("networks:roadmap", saved.pk)
    return render(
        request,
        "networks/roadmap_form.html",
        {
            "school": school,
            "worksheet": worksheet,
            "form": form,
            "kpis": kpis,
            "sections": form.sections(selectors.roadmap_steps()),
        },
        status=400 if form.errors or kpis.total_error_count() else 200,
    )


@login_required
def new_roadmap(request, school_id: int):
    school = selectors.roadmap_school_for(request.user, school_id)
    return _roadmap_form(request, school, RoadmapWorksheet(school=school))


@login_required
def roadmap(request, worksheet_id: int):
    """The worksheet: its school changes it, a network it is shared with reads it."""
    worksheet = selectors.roadmap_for(request.user, worksheet_id)
    if access.may_change_roadmap(request.user, worksheet):
        return _roadmap_form(request, worksheet.school, worksheet)
    if request.method == "POST":
        raise Http404
    return render(
        request,
        "networks/roadmap.html",
        {"worksheet": worksheet, "sections": selectors.roadmap_sections(worksheet), "kpis": list(worksheet.kpis.all())},
    )
