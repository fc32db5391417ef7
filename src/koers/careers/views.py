"""The career pages: the teacher's own (`mijn-loopbaan/`), what she shared with someone
(`loopbaan/gedeeld/`), and the school's frameworks and role offers (`scholen/<id>/`). Every
object is found through careers.access; outside it, a 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers import ical, pdf, uploads
from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations.access import boards_for
from koers.pagination import paginate
from koers.surveys import services as survey_services

from . import selectors, services
from .forms import (
    ActivityForm,
    AdaptForm,
    AppointForm,
    AssessForm,
    CycleChoiceForm,
    DecisionForm,
    EvidenceChangeForm,
    EvidenceForm,
    ExpertiseForm,
    ExpertiseSearchForm,
    FeedbackForm,
    FeedbackLinkForm,
    FollowUpForm,
    InterestForm,
    JudgementForm,
    MotivationForm,
    OfferForm,
    OrientForm,
    PopForm,
    PopGoalForm,
    PrepareForm,
    ProcedureForm,
    ReassignForm,
    RecordForm,
    RespondForm,
    ReviseForm,
    ShareForm,
    SubmitForm,
    TargetForm,
)
from .models import MIN_GROUP, PopActivity, Submission, school_year


def _posted(request, name: str | None = None):
    """The POST data for the form that was sent (`form=<name>` when a page has several)."""
    if request.method != "POST" or (name and request.POST.get("form") != name):
        return None
    return request.POST


# The teacher's own pages ---------------------------------------------------------------------


@login_required
def mine(request):
    person = selectors.person_for(request.user)
    today = timezone.localdate()
    overview = selectors.my_career(person, request.user, school_year(today), today)
    return render(request, "careers/mine.html", {"c": overview})


@login_required
@require_POST
def start_pop(request):
    person = selectors.person_for(request.user)
    pop = services.start_pop(person, school_year(timezone.localdate()))
    return redirect("careers:pop", pop.school_year)


@login_required
def roles(request):
    person = selectors.person_for(request.user)
    offers = {o.role_id: o for o in selectors.open_offers(person)}
    return render(
        request, "careers/roles.html", {"domains": selectors.domains_with_roles(), "offers": offers, "person": person}
    )


@login_required
def role(request, slug: str):
    person = selectors.person_for(request.user)
    page = selectors.role_page(person, slug)
    return render(request, "careers/role.html", {"r": page, "form": InterestForm()})


@login_required
@require_POST
def interest(request, offer_id: int):
    person = selectors.person_for(request.user)
    offer = get_object_or_404(selectors.open_offers(person), pk=offer_id)
    if request.POST.get("withdraw"):
        services.withdraw_interest(offer, person)
        messages.success(request, _("Your interest is withdrawn."))
        return redirect("careers:role", offer.role.slug)
    form = InterestForm(request.POST)
    if form.is_valid():
        services.state_interest(offer, person, motivation=form.cleaned_data["motivation"])
        messages.success(request, _("Your interest is noted; the school leader sees it."))
        return redirect("careers:role", offer.role.slug)
    page = selectors.role_page(person, offer.role.slug)
    return render(request, "careers/role.html", {"r": page, "form": form}, status=400)


@login_required
def pop(request, year: str):
    person = selectors.person_for(request.user)
    current = selectors.own_pop(person, year)
    goals = selectors.goal_choices(person)
    pop_form = PopForm(_posted(request, "pop"), instance=current, goals=goals)
    goal_form = PopGoalForm(_posted(request, "goal"), competences=selectors.competence_choices(current))
    activity_form = ActivityForm(_posted(request, "activity"))
    share_form = ShareForm(_posted(request, "share"), candidates=selectors.share_candidates(person))
    saved = _save_pop_forms(request, current, pop_form, goal_form, activity_form, share_form)
    if saved:
        messages.success(request, saved)
        return redirect("careers:pop", year)
    bound = any(f.is_bound for f in (pop_form, goal_form, activity_form, share_form))
    return render(
        request,
        "careers/pop.html",
        {
            "p": selectors.pop_page(current),
            "shares": selectors.shares_of(current),
            "pop_form": pop_form,
            "goal_form": goal_form,
            "activity_form": activity_form,
            "share_form": share_form,
            "statuses": PopActivity.Status.choices,
        },
        status=400 if bound else 200,
    )


def _save_pop_forms(request, current, pop_form, goal_form, activity_form, share_form) -> str | None:
    """Saves the one form that was sent; its success message, or None when it had errors."""
    try:
        if pop_form.is_bound and pop_form.is_valid():
            data = pop_form.cleaned_data
            services.save_pop(
                current,
                ambition=data["ambition"],
                role=data["role"],
                school_goals=list(data["school_goals"]),
                hours_agreed=data["hours_agreed"],
                hours_own_choice=data["hours_own_choice"],
                budget_agreed=data["budget_agreed"],
            )
            return _("Your POP is saved.")
        if goal_form.is_bound and goal_form.is_valid():
            services.add_pop_goal(current, **goal_form.cleaned_data)
            return _("The goal is added.")
        if activity_form.is_bound and activity_form.is_valid():
            services.add_activity(current, **activity_form.cleaned_data)
            return _("The activity is added.")
        if share_form.is_bound and share_form.is_valid():
            share = services.share(
                current,
                with_user=share_form.cleaned_data["shared_with"],
                until=share_form.cleaned_data["until"],
                today=timezone.localdate(),
            )
            return _("%(name)s can read this POP now.") % {"name": share.shared_with}
    except ValidationError as exc:
        form = next(f for f in (pop_form, goal_form, activity_form, share_form) if f.is_bound)
        show_errors(form, exc)
    return None


@login_required
@require_POST
def remove_pop_goal(request, year: str, goal_id: int):
    current = selectors.own_pop(selectors.person_for(request.user), year)
    services.remove_pop_goal(get_object_or_404(current.goals, pk=goal_id))
    messages.success(request, _("The goal is removed."))
    return redirect("careers:pop", year)


@login_required
@require_POST
def change_activity(request, year: str, activity_id: int):
    current = selectors.own_pop(selectors.person_for(request.user), year)
    activity = get_object_or_404(current.activities, pk=activity_id)
    if request.POST.get("remove"):
        services.remove_activity(activity)
        messages.success(request, _("The activity is removed."))
    else:
        try:
            services.set_activity_status(activity, request.POST.get("status", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("careers:pop", year)


@login_required
@require_POST
def revoke_share(request, share_id: int):
    person = selectors.person_for(request.user)
    share = get_object_or_404(selectors.shares_given(person), pk=share_id)
    services.revoke_share(share)
    messages.success(request, _("%(name)s can no longer read it.") % {"name": share.shared_with})
    if share.pop:
        return redirect("careers:pop", share.pop.school_year)
    if share.evidence_id:
        return redirect("careers:evidence", share.evidence_id)
    return redirect("careers:cycle", share.cycle_id)


@login_required
def shared_pop(request, pop_id: int):
    found, share = selectors.readable_pop(request.user, pop_id)
    services.record_read(share)
    return render(request, "careers/shared_pop.html", {"p": selectors.pop_page(found), "share": share})


# The portfolio -------------------------------------------------------------------------------


@login_required
def portfolio(request):
    person = selectors.person_for(request.user)
    form = EvidenceForm(_posted(request), request.FILES or None, competences=selectors.competences_for_tagging())
    if form.is_bound and form.is_valid():
        evidence = services.add_evidence(person, form)
        messages.success(request, _("%(title)s is in your portfolio; only you see it.") % {"title": evidence.title})
        return redirect("careers:portfolio")
    return render(
        request,
        "careers/portfolio.html",
        {"p": selectors.portfolio(person), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def evidence(request, item_id: int):
    person = selectors.person_for(request.user)
    item = selectors.own_evidence(person, item_id)
    form = EvidenceChangeForm(
        _posted(request, "change"), instance=item, competences=selectors.competences_for_tagging()
    )
    share_form = ShareForm(_posted(request, "share"), candidates=selectors.share_candidates(person))
    if form.is_bound and form.is_valid():
        services.change_evidence(form)
        messages.success(request, _("Your changes are saved."))
        return redirect("careers:evidence", item.pk)
    if share_form.is_bound and share_form.is_valid():
        try:
            found = services.share(
                item,
                with_user=share_form.cleaned_data["shared_with"],
                until=share_form.cleaned_data["until"],
                today=timezone.localdate(),
            )
        except ValidationError as exc:
            show_errors(share_form, exc)
        else:
            messages.success(request, _("%(name)s can read this item now.") % {"name": found.shared_with})
            return redirect("careers:evidence", item.pk)
    return render(
        request,
        "careers/evidence.html",
        {"item": item, "form": form, "share_form": share_form, "shares": selectors.shares_of(item)},
        status=400 if form.errors or share_form.errors else 200,
    )


@login_required
def evidence_file(request, item_id: int):
    item = selectors.own_evidence(selectors.person_for(request.user), item_id)
    return uploads.as_download(item.file, item.file_name)


@login_required
@require_POST
def delete_evidence(request, item_id: int):
    item = selectors.own_evidence(selectors.person_for(request.user), item_id)
    services.delete_evidence(item)
    messages.success(request, _("%(title)s is removed from your portfolio.") % {"title": item.title})
    return redirect("careers:portfolio")


@login_required
def shared_evidence(request, item_id: int):
    item, share = selectors.readable_evidence(request.user, item_id)
    services.record_read(share)
    return render(request, "careers/shared_evidence.html", {"item": item, "share": share})


@login_required
def shared_evidence_file(request, item_id: int):
    item, share = selectors.readable_evidence(request.user, item_id)
    services.record_read(share)
    return uploads.as_download(item.file, item.file_name)


@login_required
def dossier(request, fmt: str):
    """Her whole dossier as a PDF, or a ZIP of the PDF with her portfolio's files."""
    person = selectors.person_for(request.user)
    found = selectors.dossier(person)
    html = render_to_string("careers/dossier_pdf.html", {"d": found}, request=request)
    document = pdf.render(html)[0]
    name = slugify(f"loopbaandossier {person}") or "loopbaandossier"
    if fmt == "pdf":
        response = HttpResponse(document, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    if fmt != "zip":
        raise Http404
    return FileResponse(services.dossier_archive(document, found.evidence), as_attachment=True, filename=f"{name}.zip")


# The career cycle ----------------------------------------------------------------------------


@login_required
@require_POST
def start_cycle(request):
    cycle = services.start_cycle(selectors.person_for(request.user))
    return redirect("careers:cycle", cycle.pk)


@login_required
def cycle(request, cycle_id: int):
    person = selectors.person_for(request.user)
    current = selectors.own_cycle(person, cycle_id)
    page = selectors.cycle_page(current, person.school)
    orient_form = OrientForm(
        _posted(request, "orient"),
        initial={"compared": page.compared, "role": current.role_id, "motivation": current.motivation},
    )
    assess_form = AssessForm(
        _posted(request, "assess"),
        competences=page.competences,
        assessments=page.assessments,
        evidence=page.evidence_by_slug,
    )
    follow_form = FollowUpForm(
        _posted(request, "follow_up"), initial={"gaps": current.gaps, "support_needed": current.support_needed}
    )
    share_form = ShareForm(_posted(request, "share"), candidates=selectors.share_candidates(person))
    forms = (orient_form, assess_form, follow_form, share_form)
    try:
        done = _save_cycle_step(request, current, page, *forms)
    except ValidationError as exc:
        show_errors(next((f for f in forms if f.is_bound), orient_form), exc)
    else:
        if done:
            messages.success(request, done[0])
            return redirect(*done[1:])
    return render(
        request,
        "careers/cycle.html",
        {
            "c": page,
            "orient_form": orient_form,
            "assess_form": assess_form,
            "follow_form": follow_form,
            "share_form": share_form,
            "shares": selectors.shares_of(current),
        },
        status=400 if any(f.errors for f in forms) else 200,
    )


def _save_cycle_step(request, current, page, orient_form, assess_form, follow_form, share_form):
    """Saves the step that was sent: (message, *redirect) or None when nothing was saved."""
    here = ("careers:cycle", current.pk)
    step = request.POST.get("form") if request.method == "POST" else None
    if step == "orient" and orient_form.is_valid():
        services.orient(current, **orient_form.cleaned_data)
        return (_("Your choice is saved. Next: read what the role asks."), *here)
    if step == "read":
        services.read_framework(current, version=page.version)
        return (_("Next: the reality check, competence by competence."), *here)
    if step == "assess" and assess_form.is_valid():
        services.assess(current, competences=page.competences, rows=assess_form.assessed())
        return (_("Your reality check is saved. Next: what it means for your development."), *here)
    if step == "follow_up" and follow_form.is_valid():
        pop = services.follow_up(current, year=school_year(timezone.localdate()), **follow_form.cleaned_data)
        return (
            _("Your goals are in your POP now; add the activities that get you there."),
            "careers:pop",
            pop.school_year,
        )
    if step == "share" and share_form.is_valid():
        found = services.share(
            current,
            today=timezone.localdate(),
            with_user=share_form.cleaned_data["shared_with"],
            until=share_form.cleaned_data["until"],
        )
        return (_("%(name)s can read this cycle now.") % {"name": found.shared_with}, *here)
    return None


@login_required
def shared_cycle(request, cycle_id: int):
    found, share = selectors.readable_cycle(request.user, cycle_id)
    services.record_read(share)
    return render(
        request, "careers/shared_cycle.html", {"c": selectors.cycle_page(found, found.person.school), "share": share}
    )


# The conversation cycle ----------------------------------------------------------------------


@login_required
def conversation(request, conversation_id: int):
    current = selectors.conversation_for(request.user, conversation_id)
    page = selectors.conversation_page(current, request.user)
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "prepare": PrepareForm(_posted(request, "prepare"), instance=current),
        "record": RecordForm(
            _posted(request, "record"),
            instance=current,
            skills_agreement=page.skills_agreement,
            frameworks=page.frameworks,
            competences=page.competences,
            initial={"prof_manner": list(current.prof_manner.all())},
        ),
        "respond": RespondForm(_posted(request, "respond"), instance=current),
        "revise": ReviseForm(_posted(request, "revise")),
    }
    if posted:
        try:
            done = _conversation_step(request, current, page, posted, forms)
        except ValidationError as exc:
            show_errors(forms.get(posted, forms["revise"]), exc)
            if posted == "agree":
                messages.error(request, " ".join(exc.messages))
                return redirect("careers:conversation", current.pk)
        else:
            if done:
                messages.success(request, done[0])
                return redirect("careers:conversation", done[1])
    return render(
        request,
        "careers/conversation.html",
        {"c": page, "conversation": current, **{f"{k}_form": f for k, f in forms.items()}},
        status=400 if any(f.errors for f in forms.values()) else 200,
    )


def _conversation_step(request, current, page, posted, forms) -> tuple[str, int] | None:
    """The step that was sent, checked against who may take it: (message, page to go to)."""
    form = forms.get(posted)
    if posted == "prepare" and page.is_teacher and form.is_valid():
        services.prepare(current, text=form.cleaned_data["teacher_preparation"])
        return _("Your preparation is saved; your leidinggevende reads it."), current.pk
    if posted == "record" and page.is_manager and form.is_valid():
        services.record(current, by=request.user, manner=list(form.cleaned_data["prof_manner"]), **form.recorded())
        return _("The conversation is recorded; both of you agree to lock it."), current.pk
    if posted == "respond" and page.is_teacher and form.is_valid():
        services.respond(
            current,
            comment=form.cleaned_data["teacher_comment"],
            recognises=form.cleaned_data["teacher_recognises"],
        )
        return _("Your comment is saved beside the record."), current.pk
    if posted == "agree":
        services.agree(current, by=request.user)
        return _("You agreed. Once both have, the conversation is locked."), current.pk
    if posted == "revise" and form.is_valid():
        newer = services.revise(current, reason=form.cleaned_data["change_reason"], by=request.user)
        return _("Version %(n)s is open to change; the agreed version stays as it was.") % {
            "n": newer.version
        }, newer.pk
    if form is None or form.is_valid():
        raise Http404  # a step this person does not take here
    return None


@login_required
def agenda(request):
    """Her conversations for her own agenda: what and with whom, never what was said, since
    an agenda is synced to other services."""
    events = [
        ical.Event(
            # One event per conversation of the year, whatever its version, so a re-import
            # updates the agenda instead of doubling it.
            uid=f"gesprek-{c.person_id}-{c.school_year}-{c.kind}",
            summary=_("%(kind)s with %(name)s")
            % {
                "kind": c.get_kind_display(),
                "name": c.manager.full_name if c.person.user_id == request.user.pk and c.manager else c.person,
            },
            start=c.held_on or c.scheduled_on,
            end=c.held_on or c.scheduled_on,
            description=request.build_absolute_uri(reverse("careers:conversation", args=[c.pk])),
            sequence=c.version,
        )
        for c in selectors.agenda(request.user, school_year(timezone.localdate()))
    ]
    body = ical.calendar(
        name=_("My conversations"), events=events, host=request.get_host().split(":")[0], stamp=timezone.now()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gesprekken.ics"'
    return response


@login_required
def school_conversations(request, school_id: int):
    school = get_object_or_404(selectors.planning_schools(request.user), pk=school_id)
    year = school_year(timezone.localdate())
    keeps = selectors.keeps_careers(request.user, school)
    overview = selectors.planning(school, year)
    form = CycleChoiceForm(_posted(request, "cycle"), initial={"template": overview.plan and overview.plan.template_id})
    reassign = ReassignForm(
        _posted(request, "reassign"),
        people=selectors.current_staff(school),
        managers=selectors.school_managers(school),
    )
    if request.method == "POST":
        if not keeps:
            raise Http404
        if reassign.is_bound and reassign.is_valid():
            person, manager = reassign.cleaned_data["person"], reassign.cleaned_data["manager"]
            try:
                n = services.reassign(person, year, manager)
            except ValidationError as exc:
                show_errors(reassign, exc)
            else:
                messages.success(
                    request,
                    _("%(n)s conversations of %(name)s are now with %(manager)s.")
                    % {"n": n, "name": person, "manager": manager.full_name},
                )
                return redirect("careers:school_conversations", school.pk)
        if form.is_bound and form.is_valid():
            services.choose_cycle(school, form.cleaned_data["template"], by=request.user)
            messages.success(request, _("The conversation cycle is chosen; propose this year’s conversations."))
            return redirect("careers:school_conversations", school.pk)
        if request.POST.get("form") == "propose":
            try:
                n = services.propose_year(school, year)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("%(n)s conversations proposed for %(year)s.") % {"n": n, "year": year})
            return redirect("careers:school_conversations", school.pk)
    return render(
        request,
        "careers/school_conversations.html",
        {
            "school": school,
            "p": overview,
            "page": paginate(request, selectors.planning_people(school, year), 30),
            "today": timezone.localdate(),
            "form": form,
            "reassign": reassign,
            "keeps": keeps,
        },
        status=400 if form.errors or reassign.errors else 200,
    )


@login_required
def functiemix(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    mix = selectors.functiemix(school, timezone.localdate())
    form = TargetForm(_posted(request), instance=mix.target)
    if form.is_bound and form.is_valid():
        services.set_mix_target(school, **form.cleaned_data)
        messages.success(request, _("The school’s target for its functiemix is saved."))
        return redirect("careers:functiemix", school.pk)
    return render(
        request,
        "careers/functiemix.html",
        {"school": school, "m": mix, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def board_careers(request, board_id: int):
    board = get_object_or_404(boards_for(request.user), pk=board_id)
    year = school_year(timezone.localdate())
    return render(
        request,
        "careers/board.html",
        {"board": board, "year": year, "rows": selectors.board_figures(board, year), "min_group": MIN_GROUP},
    )


# The school's frameworks and roles -----------------------------------------------------------


@login_required
def school_frameworks(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    if request.method == "POST":
        framework = selectors.framework(request.POST.get("framework", ""))
        adopted = services.adopt_framework(school, framework, by=request.user)
        messages.success(request, _("Adapt the framework with your teachers, then publish it."))
        return redirect("careers:school_framework", school.pk, adopted.pk)
    return render(
        request, "careers/school_frameworks.html", {"school": school, "rows": selectors.frameworks_overview(school)}
    )


@login_required
def school_framework(request, school_id: int, adopted_id: int):
    school = selectors.school_for(request.user, school_id)
    adopted = selectors.adopted_for(school, adopted_id)
    form = AdaptForm(_posted(request), adopted=adopted)
    if form.is_bound and form.is_valid():
        try:
            services.adapt_framework(
                adopted,
                competences=form.competences(),
                context_elements=form.cleaned_data["context_elements"],
                drafted_with=form.cleaned_data["drafted_with"],
            )
            if request.POST.get("publish"):
                version = services.publish_framework(adopted, by=request.user, today=timezone.localdate())
                message = _("Version %(n)s is published; teachers read it now.") % {"n": version.number}
                messages.success(request, message)
            else:
                messages.success(request, _("Your changes are saved; publish when the framework is ready."))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect("careers:school_framework", school.pk, adopted.pk)
    return render(
        request,
        "careers/school_framework.html",
        {"school": school, "adopted": adopted, "form": form, "versions": selectors.versions(adopted)},
        status=400 if form.errors else 200,
    )


@login_required
def school_roles(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    form = OfferForm(_posted(request))
    if form.is_bound and form.is_valid():
        offer = services.offer_role(school, by=request.user, **form.cleaned_data)
        messages.success(request, _("The role is offered; teachers of the school see the open places."))
        return redirect("careers:school_offer", school.pk, offer.pk)
    offers = selectors.role_offers(school, timezone.localdate())
    return render(
        request,
        "careers/school_roles.html",
        {"school": school, "page": paginate(request, offers, 25), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def school_offer(request, school_id: int, offer_id: int):
    school = selectors.school_for(request.user, school_id)
    today = timezone.localdate()
    offer = selectors.offer_for(school, offer_id, today)
    form = AppointForm(_posted(request), people=selectors.appointable(offer), initial={"starts_on": today})
    if form.is_bound and form.is_valid():
        try:
            holding = services.appoint(offer, form.cleaned_data["person"], starts_on=form.cleaned_data["starts_on"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("%(name)s holds the role now.") % {"name": holding.person})
            return redirect("careers:school_offer", school.pk, offer.pk)
    return render(
        request,
        "careers/school_offer.html",
        {"school": school, "offer": offer, "o": selectors.offer_page(offer, today), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def end_holding(request, school_id: int, offer_id: int, holding_id: int):
    school = selectors.school_for(request.user, school_id)
    holding = selectors.holding_for(school, offer_id, holding_id)
    services.end_holding(holding, on=timezone.localdate())
    messages.success(request, _("%(name)s no longer holds the role.") % {"name": holding.person})
    return redirect("careers:school_offer", school.pk, offer_id)


@login_required
@require_POST
def close_offer(request, school_id: int, offer_id: int):
    school = selectors.school_for(request.user, school_id)
    offer = selectors.offer_for(school, offer_id, timezone.localdate())
    services.close_offer(offer)
    messages.success(request, _("The offer is closed; teachers no longer see it."))
    return redirect("careers:school_roles", school.pk)


# 360-degree feedback ------------------------------------------------------------------------


@login_required
def feedback_list(request):
    person = selectors.person_for(request.user)
    instrument = services.feedback_instrument()
    form = FeedbackForm(
        _posted(request),
        competences=selectors.feedback_competences(),
        groups=selectors.feedback_groups(instrument),
        managers=selectors.manager_choices(person),
    )
    if form.is_bound and form.is_valid():
        try:
            asked = services.request_feedback(person, **form.cleaned_data, by=request.user)
            survey_services.send_invitations(survey=asked.round, base_url=request.build_absolute_uri("/"))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your feedback round is open for two weeks. Make a link for each group."))
            return redirect("careers:feedback", asked.pk)
    return render(
        request,
        "careers/feedback_list.html",
        {"page": paginate(request, selectors.feedback_requests(person), 20), "form": form, "instrument": instrument},
        status=400 if form.errors else 200,
    )


@login_required
def feedback(request, feedback_id: int):
    asked = selectors.own_feedback(selectors.person_for(request.user), feedback_id)
    form = FeedbackLinkForm(_posted(request, "link"), survey=asked.round)
    link = ""
    if form.is_bound and form.is_valid():
        round_group = get_object_or_404(asked.round.round_groups, group__slug=form.cleaned_data["group"])
        if not asked.round.is_open(timezone.localdate()):
            raise Http404
        token = survey_services.renew_open_link(round_group=round_group, expected=form.cleaned_data["expected"])
        link = request.build_absolute_uri(reverse("surveys:open", args=[token]))
    response = render(
        request,
        "careers/feedback.html",
        {"f": selectors.feedback_page(asked, timezone.localdate()), "form": form, "open_link": link},
        status=400 if form.errors else 200,
    )
    response.headers["Cache-Control"] = "no-store"  # an open link shows only once
    return response


@login_required
@require_POST
def feedback_to_portfolio(request, feedback_id: int):
    asked = selectors.own_feedback(selectors.person_for(request.user), feedback_id)
    try:
        evidence = services.feedback_to_portfolio(asked)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("careers:feedback", asked.pk)
    messages.success(request, _("The report is in your portfolio; only you see it until you share it."))
    return redirect("careers:evidence", evidence.pk)


# The selection procedure ---------------------------------------------------------------------


@login_required
def open_procedure(request, school_id: int, offer_id: int):
    school = selectors.school_for(request.user, school_id)
    offer = selectors.offer_for(school, offer_id, timezone.localdate())
    version = selectors.published_framework(school, offer.role.framework_id)
    form = ProcedureForm(_posted(request), version=version, assessors=selectors.assessor_choices(offer))
    if form.is_bound and form.is_valid():
        try:
            procedure = services.open_procedure(
                offer, weights=form.weights(), assessors=list(form.cleaned_data["assessors"]), by=request.user
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The procedure is open. The candidates see the criteria now."))
            return redirect("careers:procedure", procedure.pk)
    return render(
        request,
        "careers/procedure_new.html",
        {
            "school": school,
            "offer": offer,
            "version": version,
            "form": form,
            "o": selectors.offer_page(offer, timezone.localdate()),
        },
        status=400 if form.errors else 200,
    )


@login_required
def procedure(request, procedure_id: int):
    found = selectors.procedure_for(request.user, procedure_id)
    keeps = selectors.keeps_procedure(request.user, found)
    page = selectors.procedure_page(found, request.user)
    decision = DecisionForm(
        _posted(request, "decide") if keeps else None,
        candidates=found.candidates.select_related("person"),
        initial={"starts_on": timezone.localdate()},
    )
    if decision.is_bound and decision.is_valid():
        try:
            services.decide(found, **decision.cleaned_data, by=request.user)
        except ValidationError as exc:
            show_errors(decision, exc)
        else:
            messages.success(request, _("The decision is recorded; the candidates read it with its reasons."))
            return redirect("careers:procedure", found.pk)
    return render(
        request,
        "careers/procedure.html",
        {
            "p": page,
            "keeps": keeps,
            "assessor": any(a.pk == request.user.pk for a in page.assessors),
            "decision": decision,
        },
        status=400 if decision.errors else 200,
    )


@login_required
def judge(request, procedure_id: int, candidate_id: int):
    """One candidate: what they submitted, and the assessor's own judgement of them."""
    found = selectors.procedure_for(request.user, procedure_id)
    candidate = selectors.candidate_for(found, candidate_id)
    if not found.assessors.filter(pk=request.user.pk).exists() or found.decided_at:
        raise Http404
    mine = next((j for j in candidate.judgements.all() if j.assessor_id == request.user.pk), None)
    form = JudgementForm(_posted(request), criteria=found.criteria, initial=_judgement_initial(mine))
    if form.is_bound and form.is_valid():
        try:
            services.judge(candidate, assessor=request.user, scores=form.scores(), note=form.cleaned_data["note"])
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your judgement of %(name)s is saved.") % {"name": candidate.person})
            return redirect("careers:procedure", found.pk)
    return render(
        request,
        "careers/judge.html",
        {"procedure": found, "c": candidate, "form": form},
        status=400 if form.errors else 200,
    )


def _judgement_initial(judgement) -> dict:
    if judgement is None:
        return {}
    return {"note": judgement.note} | {f"score_{slug}": v for slug, v in judgement.scores.items()}


@login_required
def submission_file(request, procedure_id: int, submission_id: int):
    found = selectors.procedure_for(request.user, procedure_id)
    item = get_object_or_404(Submission, candidate__procedure=found, pk=submission_id)
    return uploads.as_download(item.file, item.file_name)


@login_required
def candidacy(request, procedure_id: int):
    person = selectors.person_for(request.user)
    candidate = selectors.own_candidacy(person, procedure_id)
    submit_form = SubmitForm(_posted(request, "submit"), items=person.evidence.all())
    motivation = MotivationForm(_posted(request, "motivation"), initial={"motivation": candidate.motivation})
    try:
        if submit_form.is_bound and submit_form.is_valid():
            services.submit(candidate, submit_form.cleaned_data["evidence"])
            messages.success(request, _("A copy is submitted to the procedure."))
            return redirect("careers:candidacy", procedure_id)
        if motivation.is_bound and motivation.is_valid():
            services.write_motivation(candidate, motivation.cleaned_data["motivation"])
            messages.success(request, _("Your motivation is saved."))
            return redirect("careers:candidacy", procedure_id)
    except ValidationError as exc:
        show_errors(submit_form if submit_form.is_bound else motivation, exc)
    return render(
        request,
        "careers/candidacy.html",
        {
            "candidate": candidate,
            "procedure": candidate.procedure,
            "submit_form": submit_form,
            "motivation": motivation,
        },
        status=400 if submit_form.errors or motivation.errors else 200,
    )


@login_required
@require_POST
def withdraw_submission(request, procedure_id: int, submission_id: int):
    candidate = selectors.own_candidacy(selectors.person_for(request.user), procedure_id)
    item = get_object_or_404(candidate.submissions, pk=submission_id)
    try:
        services.withdraw_submission(item)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(title)s is withdrawn from the procedure.") % {"title": item.title})
    return redirect("careers:candidacy", procedure_id)


# --- who knows what ---------------------------------------------------------------------------


@login_required
def my_expertise(request):
    person = selectors.person_for(request.user)
    form = ExpertiseForm(request.POST or None, evidence=person.evidence.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.save_expertise(person, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Your expertise has been added."))
            return redirect("careers:expertise")
    return render(
        request,
        "careers/expertise.html",
        {"entries": selectors.my_expertise(person), "form": form, "person": person},
        status=400 if form.errors else 200,
    )


@login_required
def expertise_entry(request, entry_id: int):
    person = selectors.person_for(request.user)
    entry = selectors.expertise_entry_for(person, entry_id)
    if request.method == "POST" and request.POST.get("delete"):
        services.delete_expertise(entry)
        messages.success(request, _("The entry has been removed."))
        return redirect("careers:expertise")
    form = ExpertiseForm(request.POST or None, instance=entry, evidence=person.evidence.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.save_expertise(person, entry, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("careers:expertise")
    return render(
        request, "careers/expertise_entry.html", {"entry": entry, "form": form}, status=400 if form.errors else 200
    )


@login_required
def school_expertise(request, school_id: int):
    school = selectors.staff_school_for(request.user, school_id)
    form = ExpertiseSearchForm(request.GET or None)
    words, area = "", None
    if form.is_valid():
        words, area = form.cleaned_data["q"], form.cleaned_data["gebied"]
    found = selectors.search_expertise(request.user, school, words=words, area=area)
    return render(
        request,
        "careers/school_expertise.html",
        {
            "school": school,
            "form": form,
            "page": paginate(request, found, 25),
            "map": selectors.expertise_map(request.user, school),
            "searched": bool(words or area),
        },
    )
