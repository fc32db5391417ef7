"""The pages everyone starts from: home, and the overview of a board and of a school."""

from django.shortcuts import render
from django.utils import timezone

from koers.auth import login_required
from koers.careers import access as career_access
from koers.networks import selectors as network_selectors
from koers.organisations import access
from koers.pagination import paginate
from koers.trajectories import selectors
from koers.visits import selectors as visit_selectors

from . import selectors as home_selectors


@login_required
def home(request):
    user = request.user
    today = timezone.localdate()
    reach = access.reach(user)
    return render(
        request,
        "home/home.html",
        {
            "home": home_selectors.home(user, today, reach),
            "reach": reach,
            "staff_boards": list(access.staff_boards(user)) if reach.staff_boards else [],
            "regions": list(home_selectors.regions_of(user)) if reach.regions else [],
            "networks": list(network_selectors.my_networks(user)[:6]),
            "visits": list(visit_selectors.commissions_of(user)[:6]),
            "boards": list(access.boards_for(user)),
            "schools": paginate(request, selectors.my_schools(user), 12, "scholen"),
            "trajectories": paginate(request, selectors.my_trajectories(user), 10, "trajecten"),
            "subphase_total": selectors.subphase_count(),
        },
    )


@login_required
def board_detail(request, board_id: int):
    board = selectors.board_for(request.user, board_id)
    return render(
        request,
        "home/board_detail.html",
        {
            "board": board,
            "schools": paginate(request, selectors.schools_of_board(request.user, board), 12, "scholen"),
            "trajectories": paginate(request, selectors.board_wide_trajectories(request.user, board), 10, "trajecten"),
            "subphase_total": selectors.subphase_count(),
        },
    )


@login_required
def school_detail(request, school_id: int):
    school = selectors.school_for(request.user, school_id)
    return render(
        request,
        "home/school_detail.html",
        {
            "school": school,
            "can_start": access.can_start_trajectory_at_school(request.user, school),
            "can_see_board": access.boards_for(request.user).filter(pk=school.board_id).exists(),
            "can_survey": access.survey_schools(request.user).filter(pk=school.pk).exists(),
            "can_privacy": access.privacy_schools(request.user).filter(pk=school.pk).exists(),
            "can_careers": career_access.career_schools(request.user).filter(pk=school.pk).exists(),
            "trajectories": paginate(request, selectors.trajectories_of_school(request.user, school), 10, "trajecten"),
            "subphase_total": selectors.subphase_count(),
        },
    )
