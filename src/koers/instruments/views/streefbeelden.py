"""Target pictures (art:10-14) and the problems that must no longer occur (art:15-17), in 1A:
one page with both lists and a form for each."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.auth import login_required
from koers.form_errors import show_errors
from koers.instruments.models import BottleneckAssessment

from .. import selectors, services
from ..forms import StreefbeeldForm, VanishedForm
from . import pages


def _posted(request, name: str):
    return request.POST if request.method == "POST" and request.POST.get("form") == name else None


@login_required
def page(request, trajectory_id: int):
    ctx = pages.context(request, trajectory_id, "streefbeelden", _("Target pictures"))
    trajectory = ctx["trajectory"]
    goals = trajectory.goals.all()
    picture = StreefbeeldForm(_posted(request, "picture"), goals=goals, teams=selectors.trajectory_teams(trajectory))
    bottlenecks = selectors.occurring_bottlenecks(trajectory)
    problem = VanishedForm(_posted(request, "problem"), goals=goals, bottlenecks=bottlenecks)
    try:
        if picture.is_bound and picture.is_valid():
            services.add_streefbeeld(trajectory=trajectory, **picture.cleaned_data)
            messages.success(request, _("The target picture has been added."))
            return redirect("instruments:streefbeelden", trajectory.pk)
        if problem.is_bound and problem.is_valid():
            data = dict(problem.cleaned_data)
            chosen = data.pop("bottleneck")
            data["bottleneck"] = BottleneckAssessment.objects.filter(trajectory=trajectory, pk=chosen).first()
            services.add_vanished(trajectory=trajectory, **data)
            messages.success(request, _("The problem has been added."))
            return redirect(pages.url("streefbeelden", trajectory, anchor="h-vanished"))
    except ValidationError as exc:
        show_errors(picture if picture.is_bound else problem, exc)
    return render(
        request,
        "instruments/streefbeelden.html",
        {
            **ctx,
            "pictures": selectors.streefbeelden_of(trajectory),
            "vanished": selectors.vanished_of(trajectory),
            "picture_form": picture,
            "problem_form": problem,
        },
        status=400 if picture.errors or problem.errors else 200,
    )


@login_required
@require_POST
def delete_picture(request, trajectory_id: int, row_id: int):
    ctx = pages.context(request, trajectory_id, "streefbeelden", _("Target pictures"))
    services.delete_streefbeeld(row=selectors.streefbeeld_for(ctx["trajectory"], row_id))
    messages.success(request, _("The target picture has been removed."))
    return redirect("instruments:streefbeelden", trajectory_id)


@login_required
@require_POST
def delete_problem(request, trajectory_id: int, row_id: int):
    ctx = pages.context(request, trajectory_id, "streefbeelden", _("Target pictures"))
    services.delete_vanished(row=selectors.vanished_for(ctx["trajectory"], row_id))
    messages.success(request, _("The problem has been removed."))
    return redirect(pages.url("streefbeelden", ctx["trajectory"], anchor="h-vanished"))
