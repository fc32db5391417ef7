"""Every read of the survey engine, scoped to the user. The report aggregates in SQL (GROUP BY
group, dimension and value) and only combines those small rows in Python."""

from __future__ import annotations

import copy
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, cast

from django.core import signing
from django.db.models import Count, F, Min, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from koers.instruments import selectors as instruments
from koers.instruments.models import Goal
from koers.networks.models import FACILITATING_ROLES, Meeting, Network, NetworkMember
from koers.networks.selectors import membership, network_for
from koers.organisations import access
from koers.organisations.models import Region, School, Team, User
from koers.tokens import hash_token, unseal
from koers.trajectories.models import Trajectory

from . import stats
from .models import (
    MIN_GROUP_FLOOR,
    OPEN_SESSION_SALT,
    SCORED,
    Answer,
    Dimension,
    Draft,
    Evidence,
    GroupSummary,
    Instrument,
    Invitation,
    Item,
    ItemCount,
    NetworkAnswer,
    NetworkEvaluation,
    RespondentGroup,
    Response,
    Round,
    RoundGroup,
    Scale,
    SharedPicture,
    draft_lookup,
)

# Groups whose answers show the intended policy, and those that show how it is perceived.
LEADING_GROUPS = ("directie", "pno", "teamleiders")
PERCEIVING_GROUPS = ("leraren", "oop")
ALL_SCHOOLS_MINIMUM = 3  # schools in the all-schools benchmark, so no one school shows through
REGION_MINIMUM = 5  # schools that share in a region before its benchmark shows (issue 18)


# --- scope --------------------------------------------------------------------------------------


def survey_school_for(user: User, school_id: int) -> School:
    return get_object_or_404(access.survey_schools(user).select_related("board"), pk=school_id)


def rounds_of(school: School) -> QuerySet[Round]:
    """The school's rounds and its teams'; a person's feedback round is only theirs."""
    return (
        school.survey_rounds.filter(deleted_at__isnull=True, subject__isnull=True)
        .select_related("instrument", "team")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("-opens_on", "-id")
    )


def _runs(user: User) -> Q:
    """Rounds the user runs: those of the schools whose surveys they run, except a person's
    feedback round, which only that person runs and reads."""
    return Q(school__in=access.survey_schools(user), subject__isnull=True) | Q(subject__user=user)


def runs_round(user: User, survey: Round) -> bool:
    """Whether the user runs the round, rather than only reads it as a member of its team."""
    return Round.objects.filter(_runs(user), pk=survey.pk).exists()


def round_for(user: User, round_id: int) -> Round:
    """A round the user runs (invites, closes, reads)."""
    return get_object_or_404(
        Round.objects.select_related("instrument", "school__board", "team").filter(
            _runs(user), deleted_at__isnull=True
        ),
        pk=round_id,
    )


def team_below_minimum(survey: Round) -> int | None:
    """For a team's round: the team's size when it is under the round's minimum, else None."""
    team = survey.team
    if team is None:
        return None
    size = team.members.filter(erased_at__isnull=True, left_on__isnull=True).count()
    return size if size < survey.min_group_size else None


def readable_round_for(user: User, round_id: int) -> Round:
    """A round whose report the user reads: one they run, or their own team's round."""
    teams = Team.objects.filter(members__user=user, members__left_on__isnull=True).values("pk")
    return get_object_or_404(
        Round.objects.select_related("instrument", "school__board", "team").filter(
            _runs(user) | Q(team__in=teams, subject__isnull=True), deleted_at__isnull=True
        ),
        pk=round_id,
    )


def instruments_for_new_rounds() -> QuerySet[Instrument]:
    return Instrument.objects.filter(active=True, for_networks=False, for_people=False).prefetch_related(
        "modules", "groups"
    )


def closed_filter(today: datetime.date) -> Q:
    """Closed and not deleted: the rounds whose results count."""
    return (Q(closed_early_on__isnull=False) | Q(closes_on__lt=today)) & Q(deleted_at__isnull=True)


# --- the round page: interim counts per group ---------------------------------------------------


@dataclass
class GroupCount:
    group: RespondentGroup
    invited: int
    responded: int
    has_open_link: bool
    expected: int | None = None  # for an open link
    minimum: int = 0  # responses before the group shows in the report

    @property
    def by_open_link(self) -> bool:
        """Answered through an open link: one is open, or responses came without invitations
        (a finalised round no longer keeps its link)."""
        return self.has_open_link or (self.responded > 0 and not self.invited)

    @property
    def rate(self) -> int | None:
        """Responses against those invited, or for an open link against those expected."""
        base = self.invited or (self.expected if self.by_open_link else None)
        return round(100 * self.responded / base) if base else None


def _shown_as(rg: RoundGroup) -> RespondentGroup:
    """The group as the round shows it: a named respondent's group carries the name, on a
    copy, so the shared group row is never changed."""
    if not rg.named:
        return rg.group
    group = copy.copy(rg.group)
    group.name = f"{rg.group.name}: {rg.named}"
    return group


def group_counts(survey: Round) -> list[GroupCount]:
    """Per group: how many were invited and how many responded. Never who."""
    if survey.finalised:  # what finalise kept
        invited = responded = {}
    else:
        invited = dict(survey.invitations.values_list("group_id").annotate(n=Count("id")))
        responded = dict(survey.responses.values_list("group_id").annotate(n=Count("id")))
    return [
        GroupCount(
            _shown_as(rg),
            (rg.invited or 0) if survey.finalised else invited.get(rg.group_id, 0),
            (rg.responded or 0) if survey.finalised else responded.get(rg.group_id, 0),
            bool(rg.open_token_hash),
            rg.expected,
            1 if rg.named else survey.min_group_size,
        )
        for rg in survey.round_groups.select_related("group").order_by("group__order")
    ]


@dataclass
class OpenRound:
    survey: Round
    counts: list[GroupCount]

    @property
    def responded(self) -> int:
        return sum(c.responded for c in self.counts)


def open_rounds(user: User, today: datetime.date) -> list[OpenRound]:
    """The rounds open today at the schools whose surveys the user runs, with the response per
    group so far: four queries however many rounds and groups."""
    rounds = list(
        Round.objects.filter(_runs(user), deleted_at__isnull=True)
        .filter(opens_on__lte=today, closes_on__gte=today, closed_early_on__isnull=True)
        .select_related("school", "instrument")
        .order_by("closes_on", "id")
    )
    ids = [r.pk for r in rounds]
    per_group = defaultdict(list)
    for rg in RoundGroup.objects.filter(round_id__in=ids).select_related("group").order_by("group__order"):
        per_group[rg.round_id].append(rg)
    invited = {
        (r, g): n
        for r, g, n in Invitation.objects.filter(round_id__in=ids)
        .values_list("round_id", "group_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    responded = {
        (r, g): n
        for r, g, n in Response.objects.filter(round_id__in=ids)
        .values_list("round_id", "group_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    return [
        OpenRound(
            r,
            [
                GroupCount(
                    _shown_as(rg),
                    invited.get((r.pk, rg.group_id), 0),
                    responded.get((r.pk, rg.group_id), 0),
                    bool(rg.open_token_hash),
                    rg.expected,
                    1 if rg.named else r.min_group_size,
                )
                for rg in per_group[r.pk]
            ],
        )
        for r in rounds
    ]


def invitation_totals(survey: Round) -> dict[str, int]:
    return survey.invitations.aggregate(
        total=Count("id"),
        unsent=Count("id", filter=Q(sent_on__isnull=True)),
        waiting=Count("id", filter=Q(sent_on__isnull=False, responded=False)),
    )


# --- answering ----------------------------------------------------------------------------------


# An earlier item's id and the answers to it that show a page or an item (issue 18 item 5).
Condition = tuple[int, frozenset[int]]


@dataclass
class Page:
    number: int  # in the whole questionnaire, also when pages before it are skipped
    dimension: Dimension
    items: list[Item]
    condition: Condition | None = None
    conditions: dict[int, Condition] = field(default_factory=dict)  # per item id


def _condition(show_if: dict, ids: dict[str, int]) -> Condition | None:
    """An item left out of the round (its module not chosen) is never answered: id 0."""
    return (ids.get(show_if["item"], 0), frozenset(show_if["values"])) if show_if else None


def seen(pages: list[Page], answers: dict) -> list[Page]:
    """The pages, and the items on them, that a respondent with these answers sees. Read in
    order, so an answer given to something no longer shown shows nothing further."""
    shown: dict[str, int | str] = {}

    def met(condition: Condition | None) -> bool:
        return condition is None or shown.get(str(condition[0])) in condition[1]

    result = []
    for page in pages:
        items = [i for i in page.items if met(page.conditions.get(i.pk))] if met(page.condition) else []
        shown.update((str(i.pk), answers[str(i.pk)]) for i in items if str(i.pk) in answers)
        if items:
            result.append(page if len(items) == len(page.items) else replace(page, items=items))
    return result


_PAGES: dict[tuple, list[Page]] = {}


def round_pages(survey: Round) -> list[Page]:
    """One page per dimension of the chosen modules (and those outside any module), then the
    page of the school's own questions for this round, if it has them.

    Every respondent request needs these, so they are kept per process, keyed by the
    instrument's last change: an edit anywhere moves `updated_at` and the next request
    builds them afresh, on every app server. Treated as read-only."""
    key = (survey.pk, survey.instrument_id, survey.instrument.updated_at, tuple(survey.modules))
    pages = _PAGES.get(key)
    if pages is None:
        dimensions = list(
            Dimension.objects.filter(instrument_id=survey.instrument_id)
            .filter(Q(module__isnull=True) | Q(module__slug__in=survey.modules))
            .filter(Q(round__isnull=True) | Q(round=survey.pk))  # the school's own questions last
            .prefetch_related("items")
        )
        ids = {i.slug: i.pk for d in dimensions for i in d.items.all()}
        pages = [
            Page(
                n,
                d,
                list(d.items.all()),
                _condition(d.show_if, ids),
                {i.pk: c for i in d.items.all() if (c := _condition(i.show_if, ids))},
            )
            for n, d in enumerate(dimensions, start=1)
        ]
        if len(_PAGES) > 200:
            _PAGES.clear()
        _PAGES[key] = pages
    return pages


@dataclass
class Visit:
    """Who is at a respondent link: the round and group, the answers saved under the link, and
    whether the link still works. The link is an invitation's or an open link's session."""

    survey: Round
    group: RespondentGroup
    token: str
    answers: dict = field(default_factory=dict)
    used: bool = False
    invitation_id: int | None = None
    round_group_id: int | None = None

    @property
    def named(self) -> bool:
        return self.survey.names(self.group)

    def problem(self, today: datetime.date) -> str | None:
        if self.used:
            return "used"
        state = self.survey.state(today)
        return None if state == Round.State.OPEN else state


# What the respondent's pages read of a round: fetching only these, in the same query as the
# link, keeps the most frequent request of a survey to two light lookups.
_VISIT_FIELDS = [
    "round__title",
    "round__opens_on",
    "round__closes_on",
    "round__closed_early_on",
    "round__min_group_size",
    "round__modules",
    "round__instrument__name",
    "round__instrument__summary",
    "round__instrument__minutes",
    "round__instrument__updated_at",
    "round__instrument__named_group",
    "round__instrument__languages",
    "round__instrument__translations",
    "round__subject",
    "round__school__name",
    "group__name",
    "group__slug",
    "group__translations",
]


def _open_session(token: str) -> int | None:
    """The RoundGroup id inside an open link's personal session token, if it is one."""
    try:
        round_group_id, _nonce = signing.loads(token, salt=OPEN_SESSION_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return round_group_id if isinstance(round_group_id, int) else None


def visit_for(token: str) -> Visit | None:
    """The link's round, group and saved answers in one query (the draft comes along as a
    subquery): the most frequent request of a survey makes one round trip to find its visit."""
    sealed = Subquery(Draft.objects.filter(lookup=draft_lookup(token)).values("sealed")[:1])
    link = (
        Invitation.objects.filter(links__token_hash=hash_token(token), round__deleted_at__isnull=True)
        .select_related("round__instrument", "round__school", "group")
        .only("responded", *_VISIT_FIELDS)
        .annotate(sealed=sealed)
        .order_by()[:1]
    )
    invitation = next(iter(link), None)
    if invitation is not None:
        visit = Visit(invitation.round, invitation.group, token, used=invitation.responded, invitation_id=invitation.pk)
        draft = invitation.sealed
    elif (round_group_id := _open_session(token)) is not None:
        open_link = next(
            iter(
                RoundGroup.objects.filter(pk=round_group_id, round__deleted_at__isnull=True)
                .select_related("round__instrument", "round__school", "group")
                .only(*_VISIT_FIELDS)
                .annotate(sealed=sealed)
            ),
            None,
        )
        if open_link is None:
            return None
        visit = Visit(open_link.round, open_link.group, token, round_group_id=open_link.pk)
        draft = open_link.sealed
    else:
        return None
    if not visit.used and draft:
        visit.answers = unseal(token, draft)
    return visit


def open_link_for(token: str) -> RoundGroup | None:
    return (
        RoundGroup.objects.select_related("round__instrument", "round__school", "group")
        .filter(open_token_hash=hash_token(token), round__deleted_at__isnull=True)
        .first()
    )


# --- the report ---------------------------------------------------------------------------------


@dataclass
class ItemResult:
    """One statement of a dimension: its answers per group shown and in all. A statement not
    everyone answered could single someone out, so a group's figures of it show only from the
    group's minimum of answers, and the total only from the round's (see `_hide_small_items`)."""

    item: Item
    by_group: dict[int, stats.Stat] = field(default_factory=dict)
    total: stats.Stat = field(default_factory=stats.Stat)
    seen: int | None = None  # for a question shown on a condition: how many were asked it


@dataclass
class Row:
    """One dimension (and facet) of the report."""

    dimension: Dimension
    facet: str
    scale: str
    by_group: dict[int, stats.Stat] = field(default_factory=dict)
    total: stats.Stat = field(default_factory=stats.Stat)
    items: dict[int, ItemResult] = field(default_factory=dict)  # in the questionnaire's order
    leading: stats.Stat = field(default_factory=stats.Stat)
    perceiving: stats.Stat = field(default_factory=stats.Stat)
    previous: float | None = None
    board: float | None = None
    everyone: float | None = None
    region: float | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.dimension.slug, self.facet)

    @property
    def gap(self) -> tuple[int, int, float] | None:
        """The highest and the lowest group and the difference between their means."""
        means = [(gid, m) for gid, s in self.by_group.items() if (m := s.mean) is not None]
        if len(means) < 2:
            return None
        high = max(means, key=lambda m: m[1])
        low = min(means, key=lambda m: m[1])
        return high[0], low[0], high[1] - low[1]

    @property
    def notable(self) -> bool:
        gap = self.gap
        return gap is not None and stats.notable(gap[2], self.scale)

    @property
    def intended_gap(self) -> float | None:
        leading, perceiving = self.leading.mean, self.perceiving.mean
        if leading is None or perceiving is None:
            return None
        return leading - perceiving

    @property
    def intended_notable(self) -> bool:
        gap = self.intended_gap
        return gap is not None and stats.notable(abs(gap), self.scale)

    @property
    def trend(self) -> float | None:
        mean = self.total.mean
        if self.previous is None or mean is None:
            return None
        return mean - self.previous


@dataclass
class ChoiceRow:
    item: Item
    by_group: dict[int, stats.Stat]
    total: stats.Stat
    seen: int | None = None


@dataclass
class Report:
    survey: Round
    counts: list[GroupCount]
    visible: list[RespondentGroup]
    hidden: list[RespondentGroup]
    rows: list[Row]
    choices: list[ChoiceRow]
    open_items: list[tuple[Item, int]]
    previous: Round | None
    board_schools: int
    all_schools: int
    final: bool
    region_schools: int = 0  # 0: the school does not share, or too few schools in its region do
    # Earlier closed rounds of the instrument in the same scope, oldest first, with their means
    # per (dimension slug, facet) from the stored summaries: the trend beyond the last round.
    history: list[tuple[Round, dict[tuple[str, str], float]]] = field(default_factory=list)

    @property
    def respondents(self) -> int:
        return sum(c.responded for c in self.counts if c.group in self.visible)

    @property
    def notable_rows(self) -> list[Row]:
        return [r for r in self.rows if r.notable]

    @property
    def intended_rows(self) -> list[Row]:
        return [r for r in self.rows if r.intended_gap is not None]

    def facet_rows(self, facet: str) -> list[Row]:
        return [r for r in self.rows if r.facet == facet]


def visible_groups(survey: Round, counts: list[GroupCount]) -> tuple[list, list]:
    shown = [c.group for c in counts if c.responded >= c.minimum]
    hidden = [c.group for c in counts if 0 < c.responded < c.minimum]
    return shown, hidden


def report(survey: Round, *, today: datetime.date | None = None) -> Report:
    today = today or timezone.localdate()
    counts = group_counts(survey)
    shown, hidden = visible_groups(survey, counts)
    shown_ids = [g.pk for g in shown]
    slug_of = {g.pk: g.slug for g in shown}
    pages = round_pages(survey)
    items = {i.pk: i for p in pages for i in p.items}
    dims = {p.dimension.pk: p.dimension for p in pages}

    rows: dict[tuple[int, str], Row] = {}
    for page in pages:
        for item in page.items:
            if item.scale in SCORED:
                row = rows.setdefault((page.dimension.pk, item.facet), Row(page.dimension, item.facet, item.scale))
                row.items[item.pk] = ItemResult(item)
    choices: dict[int, ChoiceRow] = {}
    open_counts: dict[int, int] = defaultdict(int)
    # Per group, item and value: a closed round's stored counts, else one GROUP BY over its
    # answers. Per item already, so the results per statement cost no query of their own.
    tallies = _tallies(survey, shown_ids, items)
    for group_id, item_id, value, n in tallies:
        item = items[item_id]
        if value is None:
            open_counts[item_id] += n
        elif item.scale == Scale.CHOICE:
            choice = choices.setdefault(item_id, ChoiceRow(item, {}, stats.Stat()))
            choice.by_group.setdefault(group_id, stats.Stat()).add(value, n)
            choice.total.add(value, n)
        elif item.scale in SCORED:
            row = rows[(item.dimension_id, item.facet)]
            row.by_group.setdefault(group_id, stats.Stat()).add(value, n)
            row.total.add(value, n)
            result = row.items[item_id]
            result.by_group.setdefault(group_id, stats.Stat()).add(value, n)
            result.total.add(value, n)
            if slug_of[group_id] in LEADING_GROUPS:
                row.leading.add(value, n)
            elif slug_of[group_id] in PERCEIVING_GROUPS:
                row.perceiving.add(value, n)

    _hide_small_items(rows.values(), {c.group.pk: c.minimum for c in counts}, survey.min_group_size)
    _count_seen(pages, tallies, [r for row in rows.values() for r in row.items.values()] + list(choices.values()))
    open_items = [
        (item, open_counts[pk]) for pk, item in items.items() if item.scale == Scale.OPEN and pk in open_counts
    ]

    ordered = [rows[k] for k in sorted(rows, key=lambda k: (dims[k[0]].order, k[1] != "huidig"))]
    previous = _previous_round(survey, today)
    if previous:
        means = _means_of([previous.pk])
        for row in ordered:
            row.previous = means.get(row.key)
    board_schools, all_schools, region_schools = _benchmark(survey, ordered, today)
    return Report(
        survey,
        counts,
        shown,
        hidden,
        ordered,
        [choices[pk] for pk in items if pk in choices],  # in the questionnaire's order
        open_items,
        previous,
        board_schools,
        all_schools,
        survey.state(today) == Round.State.CLOSED,
        region_schools,
        _history(survey, today) if previous else [],
    )


def _history(survey: Round, today: datetime.date) -> list[tuple[Round, dict[tuple[str, str], float]]]:
    """The closed rounds before this one with the same instrument (by slug, across versions)
    and scope: two queries however many there are."""
    earlier = list(
        Round.objects.filter(
            school_id=survey.school_id,
            team=survey.team,
            subject=survey.subject,
            instrument__slug=survey.instrument.slug,
            closes_on__lt=survey.opens_on,
            finalised=True,
        )
        .filter(closed_filter(today))
        .order_by("closes_on", "id")
    )
    sums = _sums([r.pk for r in earlier])
    return [
        (r, {key: m for key, s in sums[r.pk].items() if (m := s.mean) is not None}) for r in earlier if r.pk in sums
    ]


def _count_seen(pages: list[Page], tallies, results: list[ItemResult | ChoiceRow]) -> None:
    """How many were asked a question shown on a condition: those who gave the condition's
    answers, summed over the groups whose figures of the question show. Everyone asked it
    answered what shows it, so no count appears of a group whose figures are hidden."""
    conditions = {i.pk: c for p in pages for i in p.items if (c := p.conditions.get(i.pk) or p.condition)}
    if not conditions:
        return
    chosen = {(g, i, v): n for g, i, v, n in tallies}
    for result in results:
        condition = conditions.get(result.item.pk)
        if condition is not None and result.total.n:
            item_id, values = condition
            result.seen = sum(chosen.get((g, item_id, v), 0) for g in result.by_group for v in values)


def _hide_small_items(rows, minimum: dict[int, int], round_minimum: int) -> None:
    """The total of a statement hides too when one group's figures of it do, or the hidden
    group's answers would follow from the total minus the groups shown."""
    for row in rows:
        for result in row.items.values():
            shown = {g: stat for g, stat in result.by_group.items() if stat.n >= minimum[g]}
            if len(shown) < len(result.by_group) or result.total.n < round_minimum:
                result.total = stats.Stat()
            result.by_group = shown


def _tallies(survey: Round, group_ids: list[int], items: dict[int, Item]) -> list[tuple[int, int, int | None, int]]:
    """(group, item, value, count) of the round's answers in the given groups, with `value`
    None for the number of texts written to an open item. A finalised round reads what
    `services.finalise` stored and never the answers; filtering on item ids spares the join
    to items."""
    if not group_ids or not items:
        return []
    if survey.finalised:
        return list(
            ItemCount.objects.filter(round=survey, group_id__in=group_ids, item_id__in=items).values_list(
                "group_id", "item_id", "value", "n"
            )
        )
    answers = Answer.objects.filter(response__round=survey, response__group_id__in=group_ids)
    values = (
        answers.filter(item_id__in=[pk for pk, i in items.items() if i.scale != Scale.OPEN], value__isnull=False)
        .values_list("response__group_id", "item_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    )
    open_ids = [pk for pk, i in items.items() if i.scale == Scale.OPEN]
    texts = (
        answers.filter(item_id__in=open_ids)
        .exclude(text="")
        .values_list("response__group_id", "item_id")
        .annotate(n=Count("id"))
        .order_by()
        if open_ids
        else []
    )
    return list(values) + [(group_id, item_id, None, n) for group_id, item_id, n in texts]


def _previous_round(survey: Round, today: datetime.date) -> Round | None:
    return (
        Round.objects.filter(
            school_id=survey.school_id,
            team=survey.team,  # a team's trend is its own rounds', a school's its own
            subject=survey.subject,
            instrument__slug=survey.instrument.slug,
            closes_on__lt=survey.opens_on,
        )
        .filter(closed_filter(today))
        .exclude(pk=survey.pk)
        .order_by("-closes_on", "-id")
        .first()
    )


def _sums(round_ids: list[int]) -> dict[int, dict[tuple[str, str], stats.Sum]]:
    """Per finalised round, per (dimension slug, facet): n and total over the groups that met
    the round's minimum, read from the stored summaries (services.finalise writes them)."""
    result: dict[int, dict[tuple[str, str], stats.Sum]] = defaultdict(dict)
    for round_id, slug, facet, n, total in (
        GroupSummary.objects.filter(round_id__in=round_ids)
        .values_list("round_id", "dimension_slug", "facet")
        .annotate(n=Sum("n"), total=Sum("total"))
        .order_by()
    ):
        result[round_id][(slug, facet)] = stats.Sum(n, total)
    return result


def _means_of(round_ids: list[int]) -> dict[tuple[str, str], float]:
    sums = _sums(round_ids)
    return _pool(sums, list(sums))


def _latest_rounds(instrument_slug: str, today: datetime.date, where: Q) -> QuerySet:
    """Per school: its latest closed and finalised school-wide round of the instrument, as a
    subquery, so pooling the schools' summaries stays one query however many schools there
    are (2,000 in bench/national.py)."""
    return (
        Round.objects.filter(where, instrument__slug=instrument_slug, team__isnull=True, subject__isnull=True)
        .filter(closed_filter(today), finalised=True)
        .annotate(
            latest=Window(RowNumber(), partition_by=[F("school_id")], order_by=[F("closes_on").desc(), F("id").desc()])
        )
        .filter(latest=1)
        .values("pk")
    )


def _pooled(summaries: QuerySet[GroupSummary], scopes: dict[str, Q | None]) -> tuple[dict, dict[str, int]]:
    """Per scope, the mean per (dimension slug, facet) over the summaries in it, and the
    number of rounds (schools) that give figures to it: two queries, summed in SQL."""
    sums = {}
    for name, where in scopes.items():
        sums[f"{name}_n"] = Sum("n", filter=where)
        sums[f"{name}_total"] = Sum("total", filter=where)
    means: dict[str, dict[tuple[str, str], float]] = {name: {} for name in scopes}
    # The annotations' names are made here, so the type checker cannot know them.
    for row in cast(Iterable[dict[str, Any]], summaries.values("dimension_slug", "facet").annotate(**sums).order_by()):
        for name in scopes:
            if row[f"{name}_n"]:
                means[name][(row["dimension_slug"], row["facet"])] = row[f"{name}_total"] / row[f"{name}_n"]
    counts = summaries.aggregate(
        **{name: Count("round", distinct=True, filter=where) for name, where in scopes.items()}
    )
    return means, counts


def _benchmark(survey: Round, rows: list[Row], today: datetime.date) -> tuple[int, int, int]:
    """The latest closed school-wide round of the same instrument at every school: the board's
    other schools, all schools (this one included) once there are enough of them, and the
    schools of the region that share (this one too, and only when it shares itself) from five.
    Team and person rounds compare with nothing."""
    if survey.team_id or survey.subject_id:
        return 0, 0, 0
    school = survey.school
    included = Q(round__in=_latest_rounds(survey.instrument.slug, today, ~Q(school=school)))
    if survey.state(today) == Round.State.CLOSED:  # its summaries, if stored by now
        included |= Q(round=survey)
    scopes: dict[str, Q | None] = {
        "board": Q(round__school__board_id=school.board_id) & ~Q(round__school=school),
        "all": None,
    }
    if school.region_id and school.region_benchmark:
        scopes["region"] = Q(round__school__region_id=school.region_id, round__school__region_benchmark=True)
    means, counts = _pooled(GroupSummary.objects.filter(included), scopes)
    shown = {
        "board": counts["board"] > 0,
        "all": counts["all"] >= ALL_SCHOOLS_MINIMUM,
        "region": counts.get("region", 0) >= REGION_MINIMUM,
    }
    for row in rows:
        row.board = means["board"].get(row.key) if shown["board"] else None
        row.everyone = means["all"].get(row.key) if shown["all"] else None
        row.region = means.get("region", {}).get(row.key) if shown["region"] else None
    return (
        counts["board"],
        counts["all"] if shown["all"] else 0,
        counts.get("region", 0) if shown["region"] else 0,
    )


def benchmark_region_for(user: User, slug: str) -> Region:
    """A region whose survey benchmark the user reads: one they coordinate, or that of a
    school whose surveys they run and that shares in it."""
    sharing = access.survey_schools(user).filter(region_benchmark=True).values("region_id")
    return get_object_or_404(Region.objects.filter(Q(pk__in=access.regions_for(user)) | Q(pk__in=sharing)), slug=slug)


@dataclass
class RegionComparison:
    """One instrument's means per dimension over the schools of a region that share."""

    instrument: Instrument
    schools: int
    means: list[tuple[Dimension, str, float]]  # dimension, facet, mean


def region_comparisons(region: Region, today: datetime.date) -> tuple[list[RegionComparison], int]:
    """For the region's coordinator and its sharing schools: per instrument the pooled means
    of the sharing schools' latest closed rounds, shown from five schools; never a school's
    own figures. Also how many schools of the region share. A handful of queries whatever
    the number of schools or rounds."""
    sharing = School.objects.filter(region=region, region_benchmark=True).count()
    slugs = (
        Round.objects.filter(school__region=region, school__region_benchmark=True, finalised=True)
        .filter(team__isnull=True, subject__isnull=True, deleted_at__isnull=True)
        .values_list("instrument__slug", flat=True)
        .distinct()
    )
    comparisons = []
    for slug in sorted(set(slugs)):
        latest = _latest_rounds(slug, today, Q(school__region=region, school__region_benchmark=True))
        means, counts = _pooled(GroupSummary.objects.filter(round__in=latest), {"region": None})
        if counts["region"] < REGION_MINIMUM:
            continue
        instrument = Instrument.objects.filter(slug=slug).order_by("-version")[0]  # the rounds' own, or newer
        dimensions = {d.slug: d for d in Dimension.objects.filter(instrument=instrument)}
        comparisons.append(
            RegionComparison(
                instrument,
                counts["region"],
                sorted(
                    ((dimensions[d], facet, m) for (d, facet), m in means["region"].items() if d in dimensions),
                    key=lambda x: (x[0].order, x[1] != "huidig"),
                ),
            )
        )
    return comparisons, sharing


def _pool(sums, round_ids: list[int]) -> dict[tuple[str, str], float]:
    pooled: dict[tuple[str, str], stats.Sum] = {}
    for round_id in round_ids:
        for key, s in sums[round_id].items():
            pooled.setdefault(key, stats.Sum()).add(s.n, s.total)
    return {key: m for key, s in pooled.items() if (m := s.mean) is not None}


def open_answers(survey: Round, item_id: int) -> tuple[Item, QuerySet[Answer]]:
    """The open answers to one item, from groups that met the minimum only."""
    counts = group_counts(survey)
    shown, _hidden = visible_groups(survey, counts)
    item = get_object_or_404(
        Item.objects.filter(Q(dimension__round__isnull=True) | Q(dimension__round=survey)),
        pk=item_id,
        scale=Scale.OPEN,
        dimension__instrument_id=survey.instrument_id,
    )
    answers = (
        Answer.objects.filter(response__round=survey, item=item, response__group__in=shown)
        .exclude(text="")
        .select_related("response__group")
        .order_by("response__group__order", "id")
    )
    return item, answers


# --- school concept and development question ----------------------------------------------------


@dataclass
class Profile:
    facet: str
    means: dict[str, float]
    ranked: list[stats.Nearest]

    @property
    def nearest(self) -> stats.Nearest | None:
        return self.ranked[0] if self.ranked else None


def profiles(rep: Report) -> list[Profile]:
    instrument = rep.survey.instrument
    if instrument.kind != Instrument.Kind.SCHOOLCONCEPT:
        return []
    names = {r.dimension.slug: r.dimension.name for r in rep.rows}
    result = []
    for facet in ("huidig", "gewenst"):
        means = {r.dimension.slug: m for r in rep.facet_rows(facet) if (m := r.total.mean) is not None}
        if means:
            result.append(Profile(facet, means, stats.nearest_variant(means, instrument.variants, names)))
    return result


def poles(dimensions: list[Dimension]) -> dict[int, Item]:
    """Per school-concept dimension its item, which names the two poles of the schema."""
    return {i.dimension_id: i for i in Item.objects.filter(dimension__in=dimensions, facet="huidig")}


@dataclass
class Proposal:
    dimension: Dimension
    mean: float
    question: str


def proposal(rep: Report) -> Proposal | None:
    """The draft ontwikkelvraag: the question of the dimension that scores lowest."""
    if not rep.survey.instrument.proposes_question:
        return None
    candidates = [(m, r) for r in rep.rows if (m := r.total.mean) is not None and r.dimension.question]
    if not candidates:
        return None
    mean, weakest = min(candidates, key=lambda c: (c[0], c[1].dimension.order))
    return Proposal(weakest.dimension, mean, weakest.dimension.question)


# --- what stays of a closed round ---------------------------------------------------------------


@dataclass
class ClosedRow:
    dimension: Dimension
    facet: str
    scale: str
    by_group: dict[int, stats.Sum] = field(default_factory=dict)
    total: stats.Sum = field(default_factory=stats.Sum)

    @property
    def notable(self) -> bool:
        """The highest and lowest group differ by a notable share of the scale."""
        means = [m for s in self.by_group.values() if (m := s.mean) is not None]
        return len(means) > 1 and stats.notable(max(means) - min(means), self.scale)


@dataclass
class ClosedResult:
    survey: Round
    visible: list[RespondentGroup]
    respondents: int
    rows: list[ClosedRow]


def closed_results(scope: QuerySet[Round]) -> dict[int, ClosedResult]:
    """Means per group and dimension of the rounds in `scope`, from their stored summaries and
    response counts (a round not yet finalised has none): four queries however many rounds."""
    rounds = list(scope.select_related("instrument"))
    summaries = list(
        GroupSummary.objects.filter(round__in=scope).select_related("group").order_by("group__order", "group_id")
    )
    dimensions = {
        (d.instrument_id, d.slug): d
        for d in Dimension.objects.filter(instrument__in=scope.values("instrument")).annotate(scale=Min("items__scale"))
    }
    responded = {
        (round_id, group_id): n or 0
        for round_id, group_id, n in RoundGroup.objects.filter(round__in=scope).values_list(
            "round_id", "group_id", "responded"
        )
    }
    by_round: dict[int, list[GroupSummary]] = defaultdict(list)
    for summary in summaries:
        by_round[summary.round_id].append(summary)
    results = {}
    for survey in rounds:
        rows: dict[tuple[str, str], ClosedRow] = {}
        groups: dict[int, RespondentGroup] = {}
        for summary in by_round[survey.pk]:
            dimension = dimensions.get((survey.instrument_id, summary.dimension_slug))
            if dimension is None:
                continue
            groups[summary.group_id] = summary.group
            row = rows.setdefault(
                (summary.dimension_slug, summary.facet), ClosedRow(dimension, summary.facet, dimension.scale)
            )
            row.by_group.setdefault(summary.group_id, stats.Sum()).add(summary.n, summary.total)
            row.total.add(summary.n, summary.total)
        ordered = sorted(rows.values(), key=lambda r: (r.dimension.order, r.facet != "huidig", r.facet))
        visible = list(groups.values())
        results[survey.pk] = ClosedResult(
            survey, visible, sum(responded.get((survey.pk, g.pk), 0) for g in visible), ordered
        )
    return results


# --- evidence in the werkdocument ---------------------------------------------------------------


def attachable_rounds(user: User, trajectory: Trajectory, today: datetime.date) -> QuerySet[Round]:
    """Closed rounds at the trajectory's school (or the board's schools for a board-wide one)
    that the user may read, not yet attached."""
    schools = access.survey_schools(user)
    where = Q(school=trajectory.school) if trajectory.school_id else Q(school__board=trajectory.board)
    return (
        Round.objects.filter(where, school__in=schools, subject__isnull=True)
        .filter(closed_filter(today))
        .exclude(evidence__trajectory=trajectory)
        .select_related("instrument", "school")
    )


def attached_rounds(trajectory: Trajectory) -> QuerySet[Round]:
    return Round.objects.filter(evidence__trajectory=trajectory, deleted_at__isnull=True)


def evidence_of(trajectory: Trajectory) -> list[Evidence]:
    return list(
        trajectory.survey_evidence.filter(round__deleted_at__isnull=True).select_related(
            "round__instrument", "round__school"
        )
    )


# --- a learning network's in-depth evaluation ---------------------------------------------------

PROPOSAL_WINDOW_DAYS = 14


@dataclass
class EvaluationAccess:
    """Who opens a network's in-depth evaluations. A member answers and sees the distribution;
    the network's facilitators plan it and record the shared picture; the region's coordinator
    (no member) reads only the shared picture, and only when the network chose to share it."""

    network: Network
    member: NetworkMember | None

    @property
    def runs(self) -> bool:
        return self.member is not None and self.member.role in FACILITATING_ROLES


def evaluation_access(user: User, network_id: int) -> EvaluationAccess:
    network = network_for(user, network_id)
    member = membership(network, user)
    if member is not None and member.role != NetworkMember.Role.GAST:
        return EvaluationAccess(network, member)
    if network.share_evaluations_with_region and access.regions_for(user).filter(networks=network).exists():
        return EvaluationAccess(network, None)
    raise Http404


def network_instrument() -> Instrument | None:
    """The newest active instrument made for networks (the Dimensies van sociaal leren)."""
    return Instrument.objects.filter(for_networks=True, active=True).order_by("-version").first()


def network_evaluations(network: Network) -> QuerySet[NetworkEvaluation]:
    return network.deep_evaluations.annotate(responses=Count("taken")).order_by("-opens_on", "-id")


def network_evaluation_for(found: EvaluationAccess, evaluation_id: int) -> NetworkEvaluation:
    return get_object_or_404(network_evaluations(found.network).select_related("instrument"), pk=evaluation_id)


def evaluation_items(evaluation: NetworkEvaluation) -> list[Item]:
    return list(
        Item.objects.filter(dimension__instrument_id=evaluation.instrument_id)
        .select_related("dimension")
        .order_by("dimension__order", "dimension__id", "order", "id")
    )


@dataclass
class IndicatorRow:
    item: Item
    counts: list[int]  # per value of the scale, from 1
    picture: SharedPicture | None

    @property
    def cells(self) -> list[tuple[int, int, str]]:
        """Per value: the value, how many chose it, and that many dots."""
        return [(v, c, "●" * c) for v, c in enumerate(self.counts, start=1)]

    @property
    def mean(self) -> float | None:
        n = sum(self.counts)
        return round(sum(v * c for v, c in enumerate(self.counts, start=1)) / n, 1) if n else None


@dataclass
class EvaluationResult:
    evaluation: NetworkEvaluation
    responses: int
    members: int
    enough: bool  # at least the minimum answered
    # Members see the distribution once it has closed with enough answers; the region's
    # coordinator never does, so for them the answers are not even read.
    visible: bool
    dimensions: list[tuple[Dimension, list[IndicatorRow]]]
    examples: list[str]
    taken_by_me: bool


def evaluation_result(
    evaluation: NetworkEvaluation, member: NetworkMember | None, today: datetime.date
) -> EvaluationResult:
    """Counts per indicator and value from SQL; nothing is shown per person, below the minimum
    nothing of the answers at all, and while it is open nothing either, so no one can tell a
    member's crosses from how the counts moved after they answered."""
    responses = evaluation.taken.count()
    enough = responses >= MIN_GROUP_FLOOR
    visible = member is not None and enough and evaluation.is_closed(today)
    counts: dict[tuple[int, int], int] = {}
    examples: list[str] = []
    if visible:
        answers = NetworkAnswer.objects.filter(evaluation=evaluation)
        counts = {
            (item_id, value): n
            for item_id, value, n in answers.filter(value__isnull=False)
            .values_list("item_id", "value")
            .annotate(n=Count("id"))
            .order_by()
        }
        # Random keys: this order says nothing of who wrote what, or when.
        examples = list(
            answers.filter(value__isnull=True).exclude(text="").order_by("id").values_list("text", flat=True)
        )
    pictures = {p.item_id: p for p in evaluation.pictures.all()}
    by_dimension: dict[int, tuple[Dimension, list[IndicatorRow]]] = {}
    for item in evaluation_items(evaluation):
        if item.scale == Scale.OPEN:
            continue
        row = IndicatorRow(item, [counts.get((item.pk, v), 0) for v in item.values], pictures.get(item.pk))
        by_dimension.setdefault(item.dimension_id, (item.dimension, []))[1].append(row)
    return EvaluationResult(
        evaluation=evaluation,
        responses=responses,
        members=evaluation.network.members.filter(left_on__isnull=True).exclude(role=NetworkMember.Role.GAST).count(),
        enough=enough,
        visible=visible,
        dimensions=list(by_dimension.values()),
        examples=examples,
        taken_by_me=member is not None and evaluation.taken.filter(member=member).exists(),
    )


PICTURE_DUE_DAYS = 30


def pictures_due_for(user: User, today: datetime.date) -> QuerySet[NetworkEvaluation]:
    """Closed in-depth evaluations of networks the user facilitates whose shared picture is
    not recorded yet, for a month after closing."""
    facilitated = NetworkMember.objects.filter(user=user, left_on__isnull=True, role__in=FACILITATING_ROLES)
    since = today - datetime.timedelta(days=PICTURE_DUE_DAYS)
    closed = Q(closed_early_on__gte=since) | Q(closed_early_on__isnull=True, closes_on__lt=today, closes_on__gte=since)
    return (
        NetworkEvaluation.objects.filter(
            closed, network__members__in=facilitated, pictures__isnull=True, conclusions=""
        )
        .select_related("network")
        .distinct()
    )


def open_evaluations_for(user: User, today: datetime.date) -> QuerySet[NetworkEvaluation]:
    """The in-depth evaluations open now that this user, as a member, has yet to fill in."""
    mine = NetworkMember.objects.filter(user=user, left_on__isnull=True).exclude(role=NetworkMember.Role.GAST)
    return (
        NetworkEvaluation.objects.filter(
            network__members__in=mine, opens_on__lte=today, closes_on__gte=today, closed_early_on__isnull=True
        )
        .exclude(taken__member__in=mine)
        .select_related("network")
        .distinct()
    )


def proposed_window(network: Network, today: datetime.date) -> tuple[datetime.date, datetime.date, Meeting] | None:
    """Two in-depth evaluations in the facilitated run: before the meeting halfway (⌈N/2⌉) and
    before the last one. The next of the two is open for two weeks up to the day before its
    meeting, so that meeting discusses it."""
    targets = [-(-network.facilitated_max // 2), network.facilitated_max]
    done = network.deep_evaluations.count()
    meetings = list(
        network.meetings.filter(facilitated=True).exclude(status=Meeting.Status.CANCELLED).order_by("date", "start")
    )
    if done >= len(targets) or targets[done] > len(meetings):
        return None
    meeting = meetings[targets[done] - 1]
    closes = meeting.date - datetime.timedelta(days=1)
    if closes < today:
        return None
    return max(today, closes - datetime.timedelta(days=PROPOSAL_WINDOW_DAYS)), closes, meeting


def measurable_goals(survey: Round) -> QuerySet[Goal]:
    """The active goals with an indicator of the round's school, which a dimension may measure."""
    if survey.school_id is None or survey.subject_id:
        return Goal.objects.none()
    return instruments.school_goals(survey.school_id, measured=True)


def scored_dimensions(survey: Round) -> QuerySet[Dimension]:
    return (
        survey.instrument.dimensions.filter(items__scale__in=SCORED, round__isnull=True)
        .distinct()
        .order_by("order", "id")
    )


def own_questions(survey: Round) -> list[Item]:
    """The school's own questions in this round, in their order."""
    return list(Item.objects.filter(dimension__round=survey).order_by("order", "id"))
