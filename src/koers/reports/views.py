"""The report pages, the PDF export with its progress, share links, and the overviews."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.organisations import access
from koers.organisations.models import AccessRecord
from koers.organisations.services import record_access
from koers.pagination import paginate
from koers.plans import selectors as plan_selectors
from koers.plans import services as plan_services
from koers.plans.views import page_context
from koers.trajectories import access as trajectory_access
from koers.trajectories import selectors as trajectory_selectors

from . import rendering, selectors, services
from .forms import OverviewFilter, ShareLinkForm


def _report_page(request, trajectory, *, share_form=None, new_link=None, status=200):
    cycle = plan_selectors.current_cycle(trajectory)
    steer = trajectory_access.can_steer(request.user, trajectory)
    every_question = request.GET.get("vragen") == "alle"
    return render(
        request,
        "reports/report.html",
        {
            "trajectory": trajectory,
            "page_label": _("Report"),
            "document": rendering.document_html(trajectory, cycle, only_answered=not every_question),
            "every_question": every_question,
            "export": selectors.latest_export(trajectory),
            "can_steer": steer,
            "links": list(selectors.share_links(trajectory)) if steer else [],
            "share_form": share_form or ShareLinkForm(),
            "new_link": new_link,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def report(request, trajectory_id: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    _record(request.user, trajectory, AccessRecord.Kind.TRAJECTORY_REPORT, trajectory.title)
    return _report_page(request, trajectory)


def _record(user, trajectory, kind: str, subject: str) -> None:
    record_access(user=user, kind=kind, subject=subject, school=trajectory.school, board_id=trajectory.board_id)


@login_required
@require_POST
def request_pdf(request, trajectory_id: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    export = services.request_pdf(trajectory=trajectory, user=request.user)
    return redirect("reports:export", trajectory_id=trajectory.pk, export_id=export.pk)


@login_required
def export_status(request, trajectory_id: int, export_id: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    export = selectors.export_for(trajectory, export_id)
    template = "reports/partials/export.html" if request.htmx else "reports/export.html"
    return render(request, template, {"trajectory": trajectory, "export": export, "page_label": _("PDF of the report")})


@login_required
def download_pdf(request, trajectory_id: int, export_id: int):
    trajectory = trajectory_selectors.trajectory_for(request.user, trajectory_id)
    export = selectors.export_for(trajectory, export_id)
    if export.status != export.Status.DONE or not export.file:
        raise Http404
    _record(request.user, trajectory, AccessRecord.Kind.PDF_DOWNLOAD, trajectory.title)
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=export.file.name.rsplit("/", 1)[-1],
        content_type="application/pdf",
    )


@login_required
@require_POST
def create_share_link(request, trajectory_id: int):
    trajectory = trajectory_selectors.steerable_trajectory_for(request.user, trajectory_id)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        try:
            link, token = services.create_share_link(trajectory=trajectory, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            url = request.build_absolute_uri(reverse("reports:share_entry", args=[token]))
            return _report_page(request, trajectory, new_link=(link, url))
    return _report_page(request, trajectory, share_form=form, status=400)


@login_required
@require_POST
def revoke_share_link(request, trajectory_id: int, link_id: int):
    trajectory = trajectory_selectors.steerable_trajectory_for(request.user, trajectory_id)
    link = get_object_or_404(selectors.share_links(trajectory), pk=link_id)
    services.revoke_share_link(link=link)
    messages.success(request, _('The link for "%(label)s" no longer works.') % {"label": link.label})
    return redirect("reports:report", trajectory_id=trajectory.pk)


SHARE_COOKIE = "koers_gedeeld_{}"


def share_entry(request, token: str):
    """A share link's token is in the address once: it is traded for a cookie (HttpOnly, for
    /gedeeld/ only) and the reader is sent on to an address without it, so no access log or
    browser history keeps the token."""
    link = selectors.share_link_by_token(token)
    if link is None:
        return _shared_gone(request, _("This link does not exist. Check that you copied all of it."), 404)
    trajectory = link.trajectory
    _record(None, trajectory, AccessRecord.Kind.SHARE_OPEN, f"{trajectory.title} — {link.label}")
    response = redirect("reports:shared", link_id=link.pk)
    response.set_cookie(
        SHARE_COOKIE.format(link.pk),
        token,
        max_age=60 * 60 * 24 * 92,
        path="/gedeeld/",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    response["Referrer-Policy"] = "no-referrer"
    return response


def _shared_gone(request, reason: str, status: int):
    response = render(request, "reports/shared_gone.html", {"reason": reason}, status=status)
    response["Referrer-Policy"] = "no-referrer"
    return response


def shared(request, link_id: int):
    """The read-only report behind a share link. Unknown, expired and revoked links all get a
    page that names nothing of the trajectory."""
    link = selectors.share_link_by_token(request.COOKIES.get(SHARE_COOKIE.format(link_id), ""))
    if link is None or link.pk != link_id:
        reason, status = _("This link does not exist. Check that you copied all of it."), 404
    elif link.revoked_at is not None:
        reason, status = _("This link has been withdrawn by whoever shared it."), 410
    elif link.expires_on < timezone.localdate():
        reason, status = _("This link has expired."), 410
    else:
        trajectory = link.trajectory
        cycle = plan_selectors.current_cycle(trajectory)
        response = render(
            request,
            "reports/shared.html",
            {
                "trajectory": trajectory,
                "link": link,
                "document": rendering.document_html(trajectory, cycle, include_stakeholders=link.include_stakeholders),
            },
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        return response
    return _shared_gone(request, reason, status)


# --- overviews -------------------------------------------------------------------------------


def _overview(request, *, board=None, school=None):
    user = request.user
    themes, schools = selectors.overview_filters(user, board or school.board)
    form = OverviewFilter(request.GET or None, themes=themes, schools=schools if board is not None else None)
    chosen = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.overview_trajectories(
            user, board=board, school=school, theme=chosen.get("theme", ""), school_id=chosen.get("school")
        ),
        25,
        "trajecten",
    )
    return render(
        request,
        "reports/overview.html",
        {
            "board": board,
            "school": school,
            "form": form,
            "page": page,
            "rows": selectors.overview_rows(page),
            "filtered": any(chosen.values()) if chosen else False,
            # Someone who does not manage the school sees only the trajectories they take part in.
            "sees_all": board is not None or access.managed_schools(user).filter(pk=school.pk).exists(),
        },
    )


@login_required
def board_overview(request, board_id: int):
    return _overview(request, board=trajectory_selectors.board_for(request.user, board_id))


@login_required
def school_overview(request, school_id: int):
    return _overview(request, school=trajectory_selectors.school_for(request.user, school_id))


# --- closing a cycle -----------------------------------------------------------------------


@login_required
def next_cycle(request, trajectory_id: int):
    """Close the open cycle as history, keeping the report as it stands, and open the next."""
    ctx = page_context(request, trajectory_id, "evaluatie", _("Start a new cycle"), steer=True)
    results = plan_selectors.goal_results(ctx["trajectory"], ctx["cycle"])
    if request.method == "POST":
        try:
            following = plan_services.start_next_cycle(
                cycle=ctx["cycle"],
                user=request.user,
                # A closed cycle's history is the report as it stood at closing.
                snapshot_html=rendering.document_html(ctx["trajectory"], ctx["cycle"], only_answered=False),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Cycle %(n)s has started. Cycle %(old)s is kept as it was, read-only.")
                % {"n": following.number, "old": ctx["cycle"].number},
            )
            return redirect("werkdocument:detail", trajectory_id=trajectory_id)
    return render(
        request, "plans/next_cycle.html", {**ctx, "results": results}, status=409 if request.method == "POST" else 200
    )
