"""The peer visit's pages. Every visit is found through visits.access (a 404 outside it); what
each step asks of whom is checked against selectors.VisitAccess."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import pdf, uploads
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations.models import School
from koers.pagination import paginate

from . import selectors, services
from .forms import (
    AdviceGoalForm,
    AttachForm,
    ConclusionForm,
    EvaluationForm,
    FeedbackForm,
    FindingForm,
    FixProgrammeForm,
    FollowUpForm,
    IntakeForm,
    PaperForm,
    PoolForm,
    ProgrammeItemForm,
    ReactionForm,
    ReportPartForm,
    RequestForm,
    VisitorForm,
)
from .models import Visit, VisitorProfile


def _posted(request):
    return request.POST if request.method == "POST" else None


def _require(condition: bool) -> None:
    if not condition:
        raise Http404


def _back(visit: Visit):
    return redirect("visits:visit", visit.pk)


@login_required
def school_visits(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    return render(
        request,
        "visits/school_visits.html",
        {"school": school, "page": paginate(request, selectors.school_visits(school), 20)},
    )


@login_required
def request_visit(request, school_id: int):
    """From a learning-climate scan (`?ronde=`) or typed: the question, sub-questions, own picture."""
    school = selectors.school_for(request.user, school_id)
    source = None
    initial = {}
    if round_id := request.GET.get("ronde", ""):
        source = get_object_or_404(selectors.scan_rounds(school), pk=round_id if round_id.isdigit() else 0)
        found = selectors.prefill(source)
        initial = {"question": found.question, "sub-0": found.question, "picture-0": found.self_picture}
    form = RequestForm(_posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        try:
            visit = services.request_visit(
                school,
                question=form.cleaned_data["question"],
                sub_questions=form.sub_questions(),
                preferred_dates=form.cleaned_data["preferred_dates"],
                source_round=source,
                by=request.user,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your request is in; the region's coordinator plans the intake with you."))
            return _back(visit)
    return render(
        request,
        "visits/request.html",
        {"form": form, "school": school, "source": source, "rounds": list(selectors.scan_rounds(school)[:5])},
        status=400 if form.errors else 200,
    )


@login_required
def visit(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    return render(request, "visits/visit.html", {"v": found, "visit": found.visit, **selectors.dossier(found.visit)})


@login_required
def intake(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.coordinator)
    current = found.visit
    form = IntakeForm(
        _posted(request), sub_questions=list(current.sub_questions.all()), initial={"question": current.question}
    )
    if form.is_bound and form.is_valid():
        try:
            services.save_questions(
                current,
                question=form.cleaned_data["question"],
                sub_questions=form.sub_questions(),
                agree=form.cleaned_data["agree"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The question has been saved."))
            return _back(current)
    return render(request, "visits/intake.html", {"form": form, "visit": current}, status=400 if form.errors else 200)


@login_required
def programme(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.arranges or found.school)
    current = found.visit
    form = ProgrammeItemForm(_posted(request), visit=current)
    fix = FixProgrammeForm(initial={"visit_on": current.visit_on})
    if form.is_bound:
        _require(found.arranges)
        if form.is_valid():
            try:
                services.add_programme_item(current, form)
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The item is in the programme."))
                return redirect("visits:programme", current.pk)
    return render(
        request,
        "visits/programme.html",
        {"v": found, "visit": current, "form": form, "fix": fix, **selectors.dossier(current)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_programme_item(request, visit_id: int, part_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.arranges)
    item = get_object_or_404(selectors.programme_items(found.visit), pk=part_id)
    try:
        services.remove_programme_item(found.visit, item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("visits:programme", found.visit.pk)


@login_required
@require_POST
def fix_programme(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.arranges)
    form = FixProgrammeForm(request.POST)
    if form.is_valid():
        try:
            services.fix_programme(found.visit, visit_on=form.cleaned_data["visit_on"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The programme is set. Now put the commission together."))
            return _back(found.visit)
    else:
        messages.error(request, _("Give the day of the visit."))
    return redirect("visits:programme", found.visit.pk)


@login_required
def commission(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.coordinator)
    current = found.visit
    kind = request.GET.get("soort", "")
    kind = kind if kind in VisitorProfile.Kind.values else ""
    pool = selectors.pool(current.region, current, kind=kind)
    form = VisitorForm(_posted(request), pool=selectors.pool(current.region, current))
    if form.is_bound and form.is_valid():
        try:
            notice = services.add_visitor(current, form.cleaned_data["profile"], form.cleaned_data["role"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is on the commission.") % {"name": form.cleaned_data["profile"].user})
            if notice:
                messages.warning(request, notice)
            return redirect("visits:commission", current.pk)
    return render(
        request,
        "visits/commission.html",
        {"visit": current, "form": form, "pool": pool, "kind": kind, **selectors.dossier(current)},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_visitor(request, visit_id: int, seat_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.coordinator)
    try:
        services.remove_visitor(found.visit, selectors.commission_member_of(found.visit, seat_id))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("visits:commission", found.visit.pk)


@login_required
@require_POST
def confirm_commission(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.coordinator)
    try:
        services.confirm_commission(found.visit, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("visits:commission", found.visit.pk)
    messages.success(request, _("The commission is set; its members have been told."))
    return _back(found.visit)


@login_required
def papers(request, visit_id: int):
    """What the school gives the commission to read: the school and the coordinator add."""
    found = selectors.visit_for(request.user, visit_id)
    current = found.visit
    adds = found.school or found.coordinator
    form = PaperForm(_posted(request), request.FILES or None)
    if form.is_bound:
        _require(adds)
        if form.is_valid():
            try:
                services.add_paper(current, form, by=request.user)
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The document is in the dossier for the commission."))
                return redirect("visits:papers", current.pk)
    return render(
        request,
        "visits/papers.html",
        {
            "visit": current,
            "v": found,
            "adds": adds,
            "form": form,
            "page": paginate(request, selectors.papers(current), 25),
        },
        status=400 if form.errors else 200,
    )


@login_required
def paper_file(request, visit_id: int, paper_id: int):
    """A stored file, only to whoever opens the visit, always as a download."""
    found = selectors.visit_for(request.user, visit_id)
    paper = selectors.paper_for(found.visit, paper_id)
    return uploads.as_download(paper.file, paper.file_name)


@login_required
@require_POST
def delete_paper(request, visit_id: int, paper_id: int):
    found = selectors.visit_for(request.user, visit_id)
    paper = selectors.paper_for(found.visit, paper_id)
    _require(found.school or paper.added_by_id == request.user.pk)
    services.delete_paper(paper)
    messages.success(request, _("The document has been removed from the dossier."))
    return redirect("visits:papers", found.visit.pk)


@login_required
def findings(request, visit_id: int):
    """Mobile-first: a visitor notes what they see during the day."""
    found = selectors.visit_for(request.user, visit_id)
    _require(found.reads_findings)
    current = found.visit
    form = FindingForm(_posted(request), visit=current)
    if form.is_bound:
        _require(found.member is not None)
        if form.is_valid():
            try:
                services.add_finding(current, form, by=request.user)
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("Your finding is saved."))
                return redirect("visits:findings", current.pk)
    return render(
        request,
        "visits/findings.html",
        {"v": found, "visit": current, "form": form, "found": selectors.findings(current)},
        status=400 if form.errors else 200,
    )


@login_required
def feedback(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.chair)
    current = found.visit
    form = FeedbackForm(_posted(request), instance=current, initial={"feedback_given_on": current.visit_on})
    if form.is_bound and form.is_valid():
        try:
            services.record_feedback(
                current,
                given_on=form.cleaned_data["feedback_given_on"],
                summary=form.cleaned_data["feedback_summary"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            services.draft_from_findings(current)
            messages.success(request, _("The oral feedback is recorded; the report's draft is made from the findings."))
            return redirect("visits:report", current.pk)
    return render(request, "visits/feedback.html", {"form": form, "visit": current}, status=400 if form.errors else 200)


@login_required
def report(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.reads_report)
    current = found.visit
    editing = found.chair and current.status == Visit.Status.REPORTING
    subs = list(current.sub_questions.all())
    parts = [ReportPartForm(_posted(request) if editing else None, instance=s, prefix=f"s{s.pk}") for s in subs]
    conclusion = ConclusionForm(_posted(request) if editing else None, initial={"conclusion": current.conclusion})
    reaction = ReactionForm(initial={"reaction": current.school_reaction})
    if editing and request.method == "POST":
        if all(f.is_valid() for f in parts) and conclusion.is_valid():
            services.save_report(current, parts, conclusion=conclusion.cleaned_data["conclusion"])
            messages.success(request, _("The report has been saved."))
            return redirect("visits:report", current.pk)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "visits/report.html",
        {
            "v": found,
            "visit": current,
            "editing": editing,
            "parts": list(zip(subs, parts, strict=True)),
            "conclusion": conclusion,
            "reaction": reaction,
        },
        status=400 if any(f.errors for f in parts) else 200,
    )


@login_required
def report_pdf(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.reads_report and found.visit.report_state == Visit.ReportState.FINAL)
    current = found.visit
    html = render_to_string(
        "visits/report_pdf.html", {"visit": current, "subs": list(current.sub_questions.all())}, request=request
    )
    response = HttpResponse(pdf.render(html)[0], content_type="application/pdf")
    name = slugify(f"visitatierapport {current.school.name}") or "visitatierapport"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@login_required
@require_POST
def report_step(request, visit_id: int, step: str):
    """Send to the school, react, make final: each by whom it belongs to."""
    found = selectors.visit_for(request.user, visit_id)
    current = found.visit
    try:
        if step == "naar-school" and found.chair:
            services.send_to_school(current, by=request.user)
            messages.success(request, _("The school has the draft report for its factual corrections."))
        elif step == "reactie" and found.school:
            form = ReactionForm(request.POST)
            _require(form.is_valid())
            services.react(current, reaction=form.cleaned_data["reaction"])
            messages.success(request, _("Your reaction is saved; the chair sees it."))
        elif step == "definitief" and found.chair:
            services.finalise(current, by=request.user)
            messages.success(request, _("The report is final and belongs to the school."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("visits:report", current.pk)


@login_required
def follow_up(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.school and found.visit.status == Visit.Status.DONE)
    current = found.visit
    form = FollowUpForm(
        _posted(request) if "follow_up" in request.POST else None, initial={"follow_up": current.follow_up}
    )
    attach = AttachForm(
        _posted(request) if "attach" in request.POST else None,
        trajectories=selectors.trajectories_to_attach(request.user, current),
    )
    goal = AdviceGoalForm(
        _posted(request) if "advice" in request.POST else None,
        visit=current,
        trajectories=selectors.school_trajectories(request.user, current),
    )
    if goal.is_bound and goal.is_valid():
        data = goal.cleaned_data
        try:
            made = services.goal_from_advice(
                current,
                data["advice"],
                data["trajectory"],
                by=request.user,
                level=data["level"],
                term=data["term"],
                target_date=data["target_date"],
            )
        except ValidationError as exc:
            show_errors(goal, exc)
        else:
            messages.success(request, _("The advice is a goal of the trajectory now; make it SMART here."))
            return redirect("instruments:change_goal", trajectory_id=made.trajectory_id, goal_id=made.pk)
    if form.is_bound and form.is_valid():
        services.save_follow_up(current, follow_up=form.cleaned_data["follow_up"])
        messages.success(request, _("Your follow-up is saved."))
        return redirect("visits:follow_up", current.pk)
    if attach.is_bound and attach.is_valid():
        try:
            services.attach(current, attach.cleaned_data["trajectory"], by=request.user)
        except ValidationError as exc:
            show_errors(attach, exc)
        else:
            messages.success(request, _("The report is in the trajectory's 1B."))
            return redirect("visits:follow_up", current.pk)
    return render(
        request,
        "visits/follow_up.html",
        {"visit": current, "form": form, "attach": attach, "goal": goal},
        status=400 if form.errors or attach.errors or goal.errors else 200,
    )


@login_required
def evaluation(request, visit_id: int):
    """Both sides look back once the report is final; the coordinator reads every answer."""
    found = selectors.visit_for(request.user, visit_id)
    current = found.visit
    _require(current.status == Visit.Status.DONE and (found.school or found.member or found.coordinator))
    given = selectors.evaluations(current)
    mine = next((e for e in given if e.by_id == request.user.pk), None)
    gives = (found.school or found.member is not None) and mine is None
    form = EvaluationForm(_posted(request) if gives else None)
    if form.is_bound and form.is_valid():
        try:
            services.evaluate(current, form, by=request.user, from_school=found.school)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Thank you for looking back on the visit."))
            return redirect("visits:evaluation", current.pk)
    return render(
        request,
        "visits/evaluation.html",
        {
            "visit": current,
            "form": form if gives else None,
            "mine": mine,
            "given": given if found.coordinator else [],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def cancel(request, visit_id: int):
    found = selectors.visit_for(request.user, visit_id)
    _require(found.coordinator or found.school)
    try:
        services.cancel(found.visit)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back(found.visit)


@login_required
def region_visits(request, slug: str):
    region = selectors.region_for(request.user, slug)
    return render(
        request,
        "visits/region_visits.html",
        {"region": region, "page": paginate(request, selectors.region_visits(region), 25)},
    )


@login_required
def pool(request, slug: str):
    region = selectors.region_for(request.user, slug)
    form = PoolForm(_posted(request), schools=School.objects.order_by("name"))
    if form.is_bound and form.is_valid():
        try:
            services.add_to_pool(region, by=request.user, base_url=request.build_absolute_uri("/"), **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The visitor is in the region's pool."))
            return redirect("visits:pool", region.slug)
    return render(
        request,
        "visits/pool.html",
        {
            "region": region,
            "form": form,
            "page": paginate(request, selectors.pool(region, available_only=False), 25),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def toggle_available(request, slug: str, profile_id: int):
    region = selectors.region_for(request.user, slug)
    profile = selectors.profile_for(region, profile_id)
    services.set_available(profile, not profile.available)
    return redirect("visits:pool", region.slug)
