"""Thin views: the beheerder's rounds and reports (login), and the respondent's pages (a link,
no login). Respondent pages send their address (with the token) to no other site."""

import functools

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from koers import ratelimit
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations import access
from koers.organisations.language import known_or_default
from koers.organisations.models import AccessRecord
from koers.organisations.services import record_access
from koers.pagination import paginate
from koers.trajectories import selectors as trajectory_selectors

from . import exports, presenters, selectors, services
from .forms import (
    AnswerPageForm,
    EvidenceForm,
    ExtendForm,
    GoalFromSurveyForm,
    NetworkEvaluationForm,
    OpenLinkForm,
    OwnQuestionForm,
    RegionBenchmarkForm,
    RoundForm,
    SharedPictureForm,
    StaffInviteForm,
    UploadForm,
)
from .models import MAX_OWN_QUESTIONS, Evidence, Round


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _round_url(survey: Round) -> str:
    return reverse("surveys:round", args=[survey.pk])


# --- rounds ---------------------------------------------------------------------------------


@login_required
def rounds(request, school_id: int):
    school = selectors.survey_school_for(request.user, school_id)
    return render(
        request,
        "surveys/rounds.html",
        {
            "school": school,
            "today": timezone.localdate(),
            "page": paginate(request, selectors.rounds_of(school), 20, "pagina"),
            "region_form": RegionBenchmarkForm(initial={"share": school.region_benchmark}),
        },
    )


@login_required
def own_questions(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    form = OwnQuestionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_own_question(survey=survey, **form.cleaned_data)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The question has been added."))
                return redirect("surveys:own_questions", round_id=survey.pk)
        status = 400
    return render(
        request,
        "surveys/own_questions.html",
        {
            "round": survey,
            "school": survey.school,
            "questions": selectors.own_questions(survey),
            "form": form,
            "editable": survey.takes_own_questions(timezone.localdate()),
            "maximum": MAX_OWN_QUESTIONS,
        },
        status=status,
    )


@login_required
@require_POST
def remove_own_question(request, round_id: int, item_id: int):
    return _act(
        request,
        round_id,
        lambda survey: services.remove_own_question(survey=survey, item_id=item_id),
        _("The question has been removed."),
        to="surveys:own_questions",
    )


@login_required
@require_POST
def region_sharing(request, school_id: int):
    school = selectors.survey_school_for(request.user, school_id)
    form = RegionBenchmarkForm(request.POST)
    if form.is_valid():
        try:
            services.set_region_benchmark(school=school, share=form.cleaned_data["share"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request,
                _("The school now compares its survey results within the region.")
                if school.region_benchmark
                else _("The school no longer compares its survey results within the region."),
            )
    return redirect("surveys:rounds", school_id=school.pk)


@login_required
def region_benchmark(request, slug: str):
    region = selectors.benchmark_region_for(request.user, slug)
    comparisons, sharing = selectors.region_comparisons(region, timezone.localdate())
    return render(
        request,
        "surveys/region.html",
        {"region": region, "comparisons": comparisons, "sharing": sharing, "minimum": selectors.REGION_MINIMUM},
    )


@login_required
def choose_instrument(request, school_id: int):
    school = selectors.survey_school_for(request.user, school_id)
    return render(
        request,
        "surveys/choose_instrument.html",
        {"school": school, "instruments": selectors.instruments_for_new_rounds()},
    )


@login_required
def new_round(request, school_id: int, instrument_id: int):
    school = selectors.survey_school_for(request.user, school_id)
    instrument = get_object_or_404(selectors.instruments_for_new_rounds(), pk=instrument_id)
    # A team's page starts its own round: ?team= chooses the team beforehand.
    form = RoundForm(request.POST or None, instrument=instrument, school=school, team=request.GET.get("team"))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey = services.create_round(
                    school=school,
                    instrument=instrument,
                    title=data["title"],
                    modules=data.get("modules", []),
                    groups=[g for g in instrument.groups.all() if g.slug in data["groups"]],
                    opens_on=data["opens_on"],
                    closes_on=data["closes_on"],
                    min_group_size=data["min_group_size"],
                    user=request.user,
                    team=data.get("team"),
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The round is ready. Invite the respondents."))
                small = selectors.team_below_minimum(survey)
                if small is not None:
                    messages.warning(
                        request,
                        _(
                            "%(team)s has %(n)s members, fewer than the minimum of %(min)s per group: "
                            "its report will say there are too few responses to show."
                        )
                        % {"team": survey.team, "n": small, "min": survey.min_group_size},
                    )
                return redirect(_round_url(survey))
        status = 400
    return render(
        request, "surveys/round_form.html", {"school": school, "instrument": instrument, "form": form}, status=status
    )


@login_required
def round_detail(request, round_id: int, *, open_link: str = "", status: int = 200, forms: dict | None = None):
    survey = selectors.round_for(request.user, round_id)
    forms = forms or {}
    return render(
        request,
        "surveys/round.html",
        {
            "round": survey,
            "school": survey.school,
            "today": timezone.localdate(),
            "state": survey.state(timezone.localdate()),
            "counts": selectors.group_counts(survey),
            "totals": selectors.invitation_totals(survey),
            "staff_form": forms.get("staff") or StaffInviteForm(survey=survey),
            "upload_form": forms.get("upload") or UploadForm(),
            "extend_form": forms.get("extend") or ExtendForm(initial={"closes_on": survey.closes_on}),
            "link_form": forms.get("link") or OpenLinkForm(survey=survey),
            "open_link": open_link,
            "own_count": len(selectors.own_questions(survey)),
            "retention_days": settings.KOERS_RETENTION["invitation_addresses"],
        },
        status=status,
    )


def _act(request, round_id: int, action, success: str, to: str = ""):
    """Run a POST action on a round and come back to its page (or `to`) with a message."""
    survey = selectors.round_for(request.user, round_id)
    try:
        result = action(survey)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, success.format(result))
    return redirect(to, round_id=survey.pk) if to else redirect(_round_url(survey))


@login_required
@require_POST
def invite_staff(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    form = StaffInviteForm(request.POST, survey=survey)
    if not form.is_valid():
        return round_detail(request, round_id, status=400, forms={"staff": form})
    wanted = set(form.cleaned_data["groups"])
    people = [
        p
        for p in access.people_for_school(survey.school).filter(school=survey.school).select_related("user")
        if services.GROUP_FOR_FUNCTIE.get(p.functie) in wanted
    ]
    try:
        result = services.invite_staff(survey=survey, people=people)
    except ValidationError as exc:
        show_errors(form, exc)
        return round_detail(request, round_id, status=400, forms={"staff": form})
    messages.success(
        request,
        _("%(added)s added, %(already)s were already invited.") % {"added": result.added, "already": result.already},
    )
    for reason in result.skipped:
        messages.warning(request, reason)
    return redirect(_round_url(survey))


@login_required
@require_POST
def upload(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = services.import_invitations(survey=survey, rows=form.cleaned_data["file"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(added)s added, %(already)s were already invited.")
                % {"added": result.added, "already": result.already},
            )
            return redirect(_round_url(survey))
    return round_detail(request, round_id, status=400, forms={"upload": form})


@login_required
@require_POST
def send(request, round_id: int):
    return _act(
        request,
        round_id,
        lambda s: services.send_invitations(survey=s, base_url=_base_url(request)),
        _("Invitations sent: {}."),
    )


@login_required
@require_POST
def remind(request, round_id: int):
    return _act(
        request,
        round_id,
        lambda s: services.send_reminders(survey=s, base_url=_base_url(request)),
        _("Reminders sent to {} people who have not responded yet."),
    )


@login_required
@require_POST
def close(request, round_id: int):
    return _act(
        request, round_id, lambda s: services.close_early(survey=s), _("The round is closed. The report is ready.")
    )


@login_required
@require_POST
def extend(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.extend(survey=survey, closes_on=form.cleaned_data["closes_on"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The round now runs until the chosen day."))
            return redirect(_round_url(survey))
    return round_detail(request, round_id, status=400, forms={"extend": form})


@login_required
@require_POST
def open_link(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    form = OpenLinkForm(request.POST, survey=survey)
    if not form.is_valid():
        return round_detail(request, round_id, status=400, forms={"link": form})
    round_group = get_object_or_404(survey.round_groups, group__slug=form.cleaned_data["group"])
    token = services.renew_open_link(round_group=round_group, expected=form.cleaned_data["expected"])
    link = request.build_absolute_uri(reverse("surveys:open", args=[token]))
    response = round_detail(request, round_id, open_link=link)
    response.headers["Cache-Control"] = "no-store"
    return response


@login_required
def delete(request, round_id: int):
    survey = selectors.round_for(request.user, round_id)
    if request.method == "POST":
        services.delete_round(survey=survey)
        messages.success(request, _("The round has been deleted. An administrator can restore it within 30 days."))
        return redirect("surveys:rounds", school_id=survey.school_id)
    return render(request, "surveys/delete.html", {"round": survey, "school": survey.school})


# --- the report -----------------------------------------------------------------------------


def _finalised(survey: Round) -> Round:
    """Rounds that closed since the nightly run get their stored counts now, so this report,
    its trend and its benchmark read them (usually there are none)."""
    if services.finalise_closed_rounds():
        survey.refresh_from_db(fields=["finalised"])
    return survey


def _closed_round(request, round_id: int) -> Round:
    survey = selectors.readable_round_for(request.user, round_id)
    if survey.state(timezone.localdate()) != Round.State.CLOSED:
        raise Http404
    return _finalised(survey)


@login_required
def report(request, round_id: int):
    survey = selectors.readable_round_for(request.user, round_id)
    if survey.state(timezone.localdate()) != Round.State.CLOSED:
        return render(
            request,
            "surveys/report_pending.html",
            {"round": survey, "school": survey.school, "counts": selectors.group_counts(survey)},
        )
    _record(request, survey, AccessRecord.Kind.SURVEY_REPORT)
    _finalised(survey)
    goals = selectors.measurable_goals(survey) if selectors.runs_round(request.user, survey) else None
    return render(
        request,
        "surveys/report.html",
        {
            "round": survey,
            "school": survey.school,
            "view": presenters.report_view(selectors.report(survey)),
            "goal_form": GoalFromSurveyForm(goals=goals, dimensions=selectors.scored_dimensions(survey))
            if goals
            else None,
        },
    )


def _record(request, survey: Round, kind: str, detail: str = "") -> None:
    subject = f"{survey.title} ({detail})" if detail else survey.title
    record_access(user=request.user, kind=kind, subject=subject, school=survey.school)


@login_required
def report_export(request, round_id: int, fmt: str):
    survey = _closed_round(request, round_id)
    rep = selectors.report(survey)
    name = slugify(survey.title) or "enquete"
    if fmt == "csv":
        data, content_type = exports.as_csv(rep), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data = exports.as_xlsx(rep)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        data, content_type = exports.as_pdf(presenters.report_view(rep)), "application/pdf"
    else:
        raise Http404
    _record(request, survey, AccessRecord.Kind.SURVEY_EXPORT, fmt.upper())
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def open_answers(request, round_id: int, item_id: int):
    survey = _closed_round(request, round_id)
    item, answers = selectors.open_answers(survey, item_id)
    _record(request, survey, AccessRecord.Kind.SURVEY_REPORT, item.text[:80])
    return render(
        request,
        "surveys/open_answers.html",
        {"round": survey, "school": survey.school, "item": item, "page": paginate(request, answers, 25, "pagina")},
    )


# --- evidence in 1B -------------------------------------------------------------------------


@login_required
def attach(request, trajectory_id: int):
    trajectory = trajectory_selectors.steerable_trajectory_for(request.user, trajectory_id)
    rounds = list(selectors.attachable_rounds(request.user, trajectory, timezone.localdate()))
    chosen = request.POST.get("round") or request.GET.get("ronde")
    initial = {"round": chosen}
    if chosen and chosen in {str(r.pk) for r in rounds} and request.method == "GET":
        found = selectors.proposal(selectors.report(next(r for r in rounds if str(r.pk) == chosen)))
        initial["question"] = found.question if found else ""
    form = EvidenceForm(request.POST or None, rounds=rounds, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.attach_evidence(
                    trajectory=trajectory,
                    survey=form.rounds[data["round"]],
                    note=data["note"],
                    question=data["question"],
                    user=request.user,
                )
            except ValidationError as exc:
                show_errors(form, exc)
            else:
                messages.success(request, _("The survey results are attached to 1B."))
                return redirect(_evidence_url(trajectory))
        status = 400
    return render(
        request, "surveys/attach.html", {"trajectory": trajectory, "form": form, "rounds": rounds}, status=status
    )


def _evidence_url(trajectory) -> str:
    subphase = trajectory_selectors.subphase_holding("enquetes")
    return reverse("werkdocument:subphase", args=[trajectory.pk, subphase.slug]) + "#enquetes"


@login_required
@require_POST
def detach(request, trajectory_id: int, evidence_id: int):
    trajectory = trajectory_selectors.steerable_trajectory_for(request.user, trajectory_id)
    evidence = get_object_or_404(Evidence, trajectory=trajectory, pk=evidence_id)
    services.detach_evidence(evidence=evidence)
    messages.success(request, _("The survey results are no longer attached."))
    return redirect(_evidence_url(trajectory))


# --- the respondent -------------------------------------------------------------------------
# A link's token is in the address once: the first request trades it for a cookie (HttpOnly,
# for /enquete/ only) and redirects to the round's pages, whose addresses hold no token. So no
# access log, browser history or Referer carries it past that first line, which koers.logs
# masks as well.

COOKIE = "koers_enquete_{}"
# The language a respondent chose for this round's questionnaire: nothing else in it.
LANGUAGE_COOKIE = "koers_taal_{}"
COOKIE_DAYS = 92


def _in_chosen_language(view):
    """Run a respondent's page in the language chosen for the round, else the installation's,
    whatever a logged-in visitor chose for their account: the questionnaire's texts exist in the
    round's languages only. The choice is set only where the instrument has every text in it
    (`language`)."""

    @functools.wraps(view)
    def wrapped(request, round_id: int, *args, **kwargs):
        with translation.override(known_or_default(request.COOKIES.get(LANGUAGE_COOKIE.format(round_id), ""))):
            return view(request, round_id, *args, **kwargs)

    return wrapped


@require_POST
def language(request, round_id: int):
    """Switch the questionnaire's language and come back to the same page; the answers are
    saved per question, whatever the language."""
    visit, problem = _visit(request, round_id)
    if problem:
        return problem
    back = request.POST.get("next", "")
    if not back.startswith(reverse("surveys:respond", args=[round_id])):
        back = reverse("surveys:respond", args=[round_id])
    response = redirect(back)
    chosen = request.POST.get("taal", "")
    if chosen in visit.survey.instrument.languages:
        response.set_cookie(
            LANGUAGE_COOKIE.format(round_id),
            chosen,
            max_age=60 * 60 * 24 * COOKIE_DAYS,
            path="/enquete/",
            samesite="Lax",
            secure=request.is_secure(),
        )
    return _private(response)


def _private(response):
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on the
    # form posts and the CSRF check refuses them.
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _problem(request, kind: str, survey: Round | None = None, status: int = 410):
    return _private(render(request, "surveys/respond/problem.html", {"kind": kind, "round": survey}, status=status))


def _enter(request, survey: Round, token: str):
    response = redirect("surveys:respond", round_id=survey.pk)
    response.set_cookie(
        COOKIE.format(survey.pk),
        token,
        max_age=60 * 60 * 24 * COOKIE_DAYS,
        path="/enquete/",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return _private(response)


@never_cache
def link(request, token: str):
    """A personal link from an e-mail (or an open visitor's own link)."""
    visit = selectors.visit_for(token)
    if visit is None:
        return _problem(request, "unknown", status=404)
    return _enter(request, visit.survey, token)


@never_cache
def open_entry(request, token: str):
    """An open link for a group: each visitor gets a personal session to resume by."""
    round_group = selectors.open_link_for(token)
    if round_group is None:
        return _problem(request, "unknown", status=404)
    survey = round_group.round
    problem = survey.state(timezone.localdate())
    if problem != Round.State.OPEN:
        return _problem(request, problem, survey)
    personal = request.COOKIES.get(COOKIE.format(survey.pk))
    if not personal or selectors.visit_for(personal) is None:
        personal = services.start_open_session(round_group=round_group)
    return _enter(request, survey, personal)


def _visit(request, round_id: int):
    """The visit behind this round's cookie, or the page that explains why there is none."""
    token = request.COOKIES.get(COOKIE.format(round_id), "")
    visit = selectors.visit_for(token) if token else None
    if visit is None or visit.survey.pk != round_id:
        return None, _problem(request, "unknown", status=404)
    problem = visit.problem(timezone.localdate())
    if problem:
        return None, _problem(request, problem, visit.survey, status=409 if problem == "used" else 410)
    return visit, None


@never_cache
@_in_chosen_language
def respond(request, round_id: int):
    visit, problem = _visit(request, round_id)
    if problem:
        return problem
    pages = selectors.seen(selectors.round_pages(visit.survey), visit.answers)
    return _private(
        render(
            request,
            "surveys/respond/intro.html",
            {
                "visit": visit,
                "pages": pages,
                "progress": presenters.progress(pages, visit.answers),
                "personal_link": request.build_absolute_uri(reverse("surveys:link", args=[visit.token])),
            },
        )
    )


@never_cache
@_in_chosen_language
def respond_page(request, round_id: int, number: int):
    visit, problem = _visit(request, round_id)
    if problem:
        return problem
    questionnaire = selectors.round_pages(visit.survey)
    if not 1 <= number <= len(questionnaire):
        raise Http404
    pages = selectors.seen(questionnaire, visit.answers)
    page = next((p for p in pages if p.number == number), None)
    if page is None:  # skipped by an earlier answer: on to the next page this respondent sees
        return _next_page(round_id, pages, number)
    status = 200
    if request.method == "POST":
        later = "later" in request.POST
        going_back = "terug" in request.POST
        form = AnswerPageForm(request.POST, items=page.items, strict=not (later or going_back))
        valid = form.is_valid()
        first_save = visit.round_group_id and not visit.answers
        if first_save and not ratelimit.allow(request, "open-start", settings.KOERS_OPEN_LINK_STARTS):
            return _problem(request, "busy", visit.survey, status=429)
        answers = services.save_draft(
            token=visit.token,
            round_id=visit.survey.pk,
            group_id=visit.group.pk,
            saved=visit.answers,
            answers=form.answers(),
        )
        if later:
            messages.success(request, _("Your answers are saved. Use the same link to go on later."))
            return redirect("surveys:respond", round_id=round_id)
        if going_back:
            before = [p.number for p in pages if p.number < number]
            return redirect("surveys:respond_page", round_id=round_id, number=before[-1] if before else number)
        if valid:  # this page's answers may show or skip what follows
            return _next_page(round_id, selectors.seen(questionnaire, answers), number)
        status = 400
    else:
        form = AnswerPageForm(
            items=page.items, strict=True, initial={f"item-{i.pk}": visit.answers.get(str(i.pk)) for i in page.items}
        )
    return _private(
        render(
            request,
            "surveys/respond/page.html",
            {
                "visit": visit,
                "page": page,
                "pages": pages,
                "form": form,
                # Part n of the pages this respondent sees, not of the whole questionnaire.
                "progress": presenters.progress(pages, visit.answers, current=pages.index(page) + 1),
            },
            status=status,
        )
    )


def _next_page(round_id: int, pages: list, after: int):
    following = [p.number for p in pages if p.number > after]
    if following:
        return redirect("surveys:respond_page", round_id=round_id, number=following[0])
    return redirect("surveys:review", round_id=round_id)


@never_cache
@_in_chosen_language
def review(request, round_id: int):
    visit, problem = _visit(request, round_id)
    if problem:
        return problem
    # Only what this respondent sees is sent: an answer to something an answer later hid goes.
    pages = selectors.seen(selectors.round_pages(visit.survey), visit.answers)
    status = 200
    if request.method == "POST":
        if visit.round_group_id and not ratelimit.allow(request, "open-submit", settings.KOERS_OPEN_LINK_SUBMITS):
            return _problem(request, "busy", visit.survey, status=429)
        items = [i for p in pages for i in p.items]
        try:
            services.submit(
                token=visit.token,
                survey=visit.survey,
                group_id=visit.group.pk,
                items=items,
                answers=visit.answers,
                invitation_id=visit.invitation_id,
                round_group_id=visit.round_group_id,
            )
        except services.AlreadySubmitted:
            return _problem(request, "used", visit.survey, status=409)
        except services.GroupFull:
            return _problem(request, "full", visit.survey, status=409)
        except ValidationError:
            status = 400
            messages.error(request, _("Some required questions are still open; they are marked below."))
        else:
            # The thanks page knows no round: it is told the language in which to thank.
            response = redirect(f"{reverse('surveys:thanks')}?taal={translation.get_language()}")
            response.delete_cookie(COOKIE.format(round_id), path="/enquete/")
            response.delete_cookie(LANGUAGE_COOKIE.format(round_id), path="/enquete/")
            return _private(response)
    return _private(
        render(
            request,
            "surveys/respond/review.html",
            {
                "visit": visit,
                "pages": pages,
                "progress": presenters.progress(pages, visit.answers, current=len(pages) + 1),
            },
            status=status,
        )
    )


def thanks(request):
    with translation.override(known_or_default(request.GET.get("taal", ""))):
        return _private(render(request, "surveys/respond/thanks.html"))


# --- a learning network's in-depth evaluation ---------------------------------------------------


def _runs_or_404(found: selectors.EvaluationAccess) -> None:
    if not found.runs:
        raise Http404


@login_required
def network_evaluations(request, network_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    today = timezone.localdate()
    return render(
        request,
        "surveys/network/evaluations.html",
        {
            "found": found,
            "network": found.network,
            "today": today,
            "page": paginate(request, selectors.network_evaluations(found.network), 10),
            "proposal": selectors.proposed_window(found.network, today) if found.runs else None,
        },
    )


@login_required
def plan_network_evaluation(request, network_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    _runs_or_404(found)
    instrument = selectors.network_instrument()
    if instrument is None:
        raise Http404
    today = timezone.localdate()
    proposal = selectors.proposed_window(found.network, today)
    initial = {"opens_on": proposal[0], "closes_on": proposal[1]} if proposal else {"opens_on": today}
    form = NetworkEvaluationForm(request.POST or None, initial=initial)
    if form.is_bound and form.is_valid():
        url = reverse("surveys:network_evaluations", args=[found.network.pk])
        try:
            evaluation = services.plan_network_evaluation(
                found.network, instrument=instrument, by=request.user, url=url, **form.cleaned_data
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The in-depth evaluation is planned; the members have been told."))
            return redirect("surveys:network_evaluation", found.network.pk, evaluation.pk)
    return render(
        request,
        "surveys/network/plan.html",
        {"form": form, "network": found.network, "instrument": instrument, "proposal": proposal},
        status=400 if form.errors else 200,
    )


@login_required
def network_evaluation(request, network_id: int, evaluation_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    evaluation = selectors.network_evaluation_for(found, evaluation_id)
    today = timezone.localdate()
    result = selectors.evaluation_result(evaluation, found.member, today)
    return render(
        request,
        "surveys/network/evaluation.html",
        {
            "found": found,
            "network": found.network,
            "evaluation": evaluation,
            "result": result,
            "is_open": evaluation.is_open(today),
            "is_closed": evaluation.is_closed(today),
            "chart": presenters.shared_picture_chart(result),
        },
    )


@login_required
def answer_network_evaluation(request, network_id: int, evaluation_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    evaluation = selectors.network_evaluation_for(found, evaluation_id)
    if found.member is None or not evaluation.is_open(timezone.localdate()):
        raise Http404
    items = selectors.evaluation_items(evaluation)
    form = AnswerPageForm(request.POST or None, items=items, strict=True)
    if form.is_bound and form.is_valid():
        try:
            services.answer_network_evaluation(evaluation, found.member, form.answers())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Thank you. Your crosses are in, without your name."))
        return redirect("surveys:network_evaluation", found.network.pk, evaluation.pk)
    dimensions: dict[int, tuple] = {}
    for field in form:
        item = field.field.item
        dimensions.setdefault(item.dimension_id, (item.dimension, []))[1].append(field)
    return render(
        request,
        "surveys/network/answer.html",
        {"form": form, "network": found.network, "evaluation": evaluation, "dimensions": list(dimensions.values())},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def close_network_evaluation(request, network_id: int, evaluation_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    _runs_or_404(found)
    evaluation = selectors.network_evaluation_for(found, evaluation_id)
    services.close_network_evaluation(evaluation)
    messages.success(request, _("The evaluation is closed; the distribution can be discussed."))
    return redirect("surveys:network_evaluation", found.network.pk, evaluation.pk)


@login_required
def shared_picture(request, network_id: int, evaluation_id: int):
    found = selectors.evaluation_access(request.user, network_id)
    _runs_or_404(found)
    evaluation = selectors.network_evaluation_for(found, evaluation_id)
    pictures = {p.item_id: p for p in evaluation.pictures.all()}
    form = SharedPictureForm(
        request.POST or None,
        items=selectors.evaluation_items(evaluation),
        pictures=pictures,
        initial={"conclusions": evaluation.conclusions, "agreements": evaluation.agreements},
    )
    if form.is_bound and form.is_valid():
        services.record_shared_picture(
            evaluation,
            form.pictures(),
            conclusions=form.cleaned_data["conclusions"],
            agreements=form.cleaned_data["agreements"],
        )
        messages.success(request, _("The shared picture is saved."))
        return redirect("surveys:network_evaluation", found.network.pk, evaluation.pk)
    return render(
        request,
        "surveys/network/shared_picture.html",
        {"form": form, "network": found.network, "evaluation": evaluation},
        status=400 if form.errors else 200,
    )
