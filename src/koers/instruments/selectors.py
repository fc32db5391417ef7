"""Reads for the instrument pages: a fixed number of queries per page, whatever the data.

Catalogue lists are small (at most a few dozen rows), so theme scoping happens in Python;
the school's own data is fetched in one query per instrument.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from koers import charts
from koers.catalog.models import (
    AmoItem,
    Bottleneck,
    Lever,
    LeverCluster,
    SituationRow,
    Subphase,
    Theme,
    for_theme,
)
from koers.organisations.models import Team
from koers.trajectories.models import Trajectory

from . import rules
from .models import (
    AmoChain,
    AmoElement,
    BottleneckAssessment,
    CoherenceLink,
    CoherenceTheme,
    Goal,
    GoalRevision,
    LeverChoice,
    SituationAssessment,
    Stakeholder,
    Streefbeeld,
    VanishedProblem,
)

# --- goals -----------------------------------------------------------------------------------


def goals_of(trajectory: Trajectory) -> QuerySet[Goal]:
    """The goals, each with whether it was sharpened (revised in the subphase that holds the
    "aanscherpen" instrument) and how many AMO chains serve it."""
    sharpening = Subphase.holding("aanscherpen")
    return trajectory.goals.annotate(
        sharpened=Exists(
            GoalRevision.objects.filter(goal=OuterRef("pk"), subphase_slug=sharpening.slug if sharpening else "")
        ),
        chain_count=Count("amo_chains"),
    ).order_by("id")


def goals_by_level(trajectory: Trajectory) -> list[tuple[str, list[Goal]]]:
    grouped: dict[str, list[Goal]] = defaultdict(list)
    for goal in goals_of(trajectory):
        grouped[goal.level].append(goal)
    return [(str(label), grouped[value]) for value, label in Goal.Level.choices]


def school_goals(school_id: int, *, measured: bool = False) -> QuerySet[Goal]:
    """The active goals of a school's trajectories, by theme: what a team plan, a priority or
    a source of figures may serve. `measured`: only those with an indicator to measure."""
    goals = Goal.objects.filter(
        trajectory__school_id=school_id, trajectory__deleted_at__isnull=True, status=Goal.Status.ACTIEF
    )
    if measured:
        goals = goals.exclude(indicator="")
    return goals.select_related("trajectory__theme").order_by("trajectory__theme__name", "id")


def goal_for(trajectory: Trajectory, goal_id: int) -> Goal:
    return get_object_or_404(Goal, trajectory=trajectory, pk=goal_id)


def goal_history(goal: Goal) -> list[GoalRevision]:
    return list(goal.revisions.select_related("edited_by"))


# --- situation map ---------------------------------------------------------------------------


@dataclass
class SituationLine:
    key: str
    text: str
    assessment: SituationAssessment | None
    own: bool = False


@dataclass
class SituationSection:
    table_title: str
    title: str
    lines: list[SituationLine] = field(default_factory=list)


@dataclass
class SituationMap:
    sections: list[SituationSection]
    own: list[SituationLine]
    gaps: Counter

    @property
    def filled(self) -> list[SituationLine]:
        """The lines the school has written something in, catalogue rows first."""
        return [
            line
            for section in self.sections
            for line in section.lines
            if line.assessment and (line.assessment.current or line.assessment.desired)
        ] + [line for line in self.own if line.assessment and (line.assessment.current or line.assessment.desired)]

    @property
    def scenarios(self) -> list[tuple[rules.Scenario, int]]:
        """The 1B scenarios that apply, with how many rated gaps lead to each."""
        return [
            (scenario, n)
            for gap, n in ((rules.Gap.KLEIN, self.gaps[rules.Gap.KLEIN]), (rules.Gap.GROOT, self.gaps[rules.Gap.GROOT]))
            if n and (scenario := rules.scenario_for(gap)) is not None
        ]


def situation_map(trajectory: Trajectory) -> SituationMap:
    assessments = list(trajectory.situation_rows.all())
    by_slug = {a.row_slug: a for a in assessments if a.row_slug}
    sections: dict[tuple[str, str], SituationSection] = {}
    for row in SituationRow.objects.all():
        if not row.applies_to(trajectory.theme):
            continue
        section = sections.setdefault((row.table, row.section), SituationSection(row.table_title, row.section))
        section.lines.append(SituationLine(row.slug, for_theme(row.text, trajectory.theme), by_slug.get(row.slug)))
    own = [SituationLine(f"eigen-{a.pk}", a.own_text, a, own=True) for a in assessments if not a.row_slug]
    gaps = Counter(a.gap for a in assessments if a.gap)
    return SituationMap(list(sections.values()), own, gaps)


def own_situation_row(trajectory: Trajectory, row_id: int) -> SituationAssessment:
    return get_object_or_404(SituationAssessment, trajectory=trajectory, pk=row_id, row_slug="")


# --- checklist knelpunten --------------------------------------------------------------------


@dataclass
class BottleneckLine:
    key: str
    text: str
    assessment: BottleneckAssessment | None
    own: bool = False


def bottleneck_lines(trajectory: Trajectory) -> list[BottleneckLine]:
    assessments = list(trajectory.bottlenecks.all())
    by_slug = {a.bottleneck_slug: a for a in assessments if a.bottleneck_slug}
    lines = [
        BottleneckLine(b.slug, for_theme(b.text, trajectory.theme), by_slug.get(b.slug))
        for b in Bottleneck.objects.all()
        if b.applies_to(trajectory.theme)
    ]
    lines += [BottleneckLine(f"eigen-{a.pk}", a.own_text, a, own=True) for a in assessments if not a.bottleneck_slug]
    return lines


def ranked_bottlenecks(lines: list[BottleneckLine]) -> list[BottleneckLine]:
    """The bottlenecks that occur, most urgent first; unrated ones last, in checklist order."""
    occurring = [line for line in lines if line.assessment and line.assessment.occurs]
    return sorted(occurring, key=lambda line: -((line.assessment.urgency if line.assessment else 0) or 0))


def own_bottleneck(trajectory: Trajectory, row_id: int) -> BottleneckAssessment:
    return get_object_or_404(BottleneckAssessment, trajectory=trajectory, pk=row_id, bottleneck_slug="")


# --- stakeholders ----------------------------------------------------------------------------


def stakeholders_of(trajectory: Trajectory) -> list[Stakeholder]:
    return list(trajectory.stakeholders.all())


def stakeholder_for(trajectory: Trajectory, stakeholder_id: int) -> Stakeholder:
    return get_object_or_404(Stakeholder, trajectory=trajectory, pk=stakeholder_id)


def stakeholder_charts(stakeholders: list[Stakeholder]) -> tuple[charts.Chart, charts.Chart]:
    S = rules.Strategy
    title = _("Stakeholder matrix: interest and influence")
    description = _(
        "Each numbered dot is a stakeholder, placed by interest (horizontal) and "
        "influence (vertical), both from 1 to 5. Scores from 3 count as large. The "
        "four areas say what to do: involve closely, keep satisfied, keep informed "
        "or monitor."
    )
    points = [charts.Point(n, s.name, s.interest, s.influence) for n, s in enumerate(stakeholders, start=1)]
    influence_chart = charts.Chart(
        title,
        description,
        charts.quadrant_plot(
            title=title,
            description=description,
            x_label=_("Interest"),
            y_label=_("Influence"),
            points=points,
            large_from=rules.LARGE_FROM,
            quadrants=(
                str(S.NAUW_BETREKKEN.label),
                str(S.TEVREDEN_HOUDEN.label),
                str(S.INFORMEREN.label),
                str(S.MONITOREN.label),
            ),
        ),
        ["#", _("Stakeholder"), _("Interest"), _("Influence"), _("Strategy")],
        [
            [str(n), s.name, str(s.interest), str(s.influence), str(s.strategy.label)]
            for n, s in enumerate(stakeholders, start=1)
        ],
        legend=[s.name for s in stakeholders],
    )
    title = _("Stakeholder matrix: alignment of interests and trustworthiness")
    description = _(
        "Figure 5 of the handreiking: each stakeholder sits in the cell of their "
        "trustworthiness (rows) and whether their interests align with yours "
        "(columns)."
    )
    cells = []
    for trust in rules.Trust:
        row = []
        for alignment in rules.Alignment:
            names = [s.name for s in stakeholders if (s.trust, s.alignment) == (trust, alignment)]
            row.append((str(rules.FIGURE_5[(trust, alignment)].label), names))
        cells.append(row)
    figure5_chart = charts.Chart(
        title,
        description,
        charts.grid_matrix(
            title=title,
            description=description,
            columns=[str(a.label) for a in rules.Alignment],
            rows=[str(t.label) for t in rules.Trust],
            cells=cells,
        ),
        [_("Stakeholder"), _("Trustworthiness"), _("Alignment of interests"), _("Classification")],
        [[s.name, s.get_trust_display(), s.get_alignment_display(), str(s.figure5.label)] for s in stakeholders],
    )
    return influence_chart, figure5_chart


# --- levers ----------------------------------------------------------------------------------


@dataclass
class LeverLine:
    key: str
    text: str
    choice: LeverChoice | None
    multi_themes: list[Theme] = field(default_factory=list)
    own: bool = False


@dataclass
class LeverClusterBlock:
    cluster: LeverCluster
    lines: list[LeverLine] = field(default_factory=list)


def lever_blocks(trajectory: Trajectory) -> list[LeverClusterBlock]:
    choices = list(trajectory.levers.all())
    by_slug = {c.lever_slug: c for c in choices if c.lever_slug}
    themes = list(Theme.objects.all())
    clusters = list(LeverCluster.objects.all())
    by_id = {c.pk: LeverClusterBlock(c) for c in clusters}
    by_cluster_slug = {c.slug: by_id[c.pk] for c in clusters}
    for lever in Lever.objects.all():
        if not lever.applies_to(trajectory.theme):
            continue
        listed = lever.table1_themes(themes)
        by_id[lever.cluster_id].lines.append(
            LeverLine(
                lever.slug,
                for_theme(lever.text, trajectory.theme),
                by_slug.get(lever.slug),
                listed if len(listed) > 1 else [],
            )
        )
    for choice in choices:
        if not choice.lever_slug and choice.cluster_slug in by_cluster_slug:
            by_cluster_slug[choice.cluster_slug].lines.append(
                LeverLine(f"eigen-{choice.pk}", choice.own_text, choice, own=True)
            )
    return list(by_id.values())


def scored_levers(blocks: list[LeverClusterBlock]) -> list[LeverLine]:
    return [line for b in blocks for line in b.lines if line.choice and line.choice.scored]


def lever_chart(scored: list[LeverLine]) -> charts.Chart:
    numbered = [(n, line, line.choice) for n, line in enumerate(scored, start=1) if line.choice]
    title = _("Levers: expected impact and chance of success")
    description = _(
        "Each numbered dot is a scored lever, placed by chance of success "
        "(horizontal) and expected impact (vertical), both from 1 to 5. Scores from "
        "3 count as large. Levers top right are the most promising."
    )
    return charts.Chart(
        title,
        description,
        charts.quadrant_plot(
            title=title,
            description=description,
            x_label=_("Chance of success"),
            y_label=_("Expected impact"),
            points=[charts.Point(n, line.text, c.success or 0, c.impact or 0) for n, line, c in numbered],
            large_from=rules.LARGE_FROM,
            quadrants=(
                str(_("Most promising")),
                str(_("Large impact, hard")),
                str(_("Quick win")),
                str(_("Least promising")),
            ),
        ),
        ["#", _("Lever"), _("Expected impact"), _("Chance of success"), _("Assessment")],
        [
            [str(n), line.text, str(c.impact), str(c.success), str(c.quadrant.label) if c.quadrant else ""]
            for n, line, c in numbered
        ],
    )


def lever_choice_for(trajectory: Trajectory, choice_id: int) -> LeverChoice:
    return get_object_or_404(LeverChoice, trajectory=trajectory, pk=choice_id)


def chosen_levers(trajectory: Trajectory) -> dict[int, tuple[LeverChoice, str]]:
    """Each chosen lever with its text, by choice id (for the AMO planner)."""
    texts = dict(Lever.objects.values_list("slug", "text"))
    return {
        c.pk: (c, for_theme(texts.get(c.lever_slug, c.own_text), trajectory.theme)) for c in trajectory.levers.all()
    }


# --- AMO planner -----------------------------------------------------------------------------


@dataclass
class AmoCell:
    texts: list[tuple[AmoElement, str]] = field(default_factory=list)


@dataclass
class AmoRow:
    factor: str
    label: str
    cells: list[AmoCell]

    @property
    def has_intervention(self) -> bool:
        return bool(self.cells[1].texts)


@dataclass
class ChainView:
    chain: AmoChain
    rows: list[AmoRow]

    @property
    def factors_without_intervention(self) -> list[str]:
        return [row.label for row in self.rows if not row.has_intervention]


KIND_ORDER: list[str] = [AmoItem.Kind.TEACHER, AmoItem.Kind.INTERVENTION, AmoItem.Kind.LEADERSHIP]


def amo_chains(trajectory: Trajectory, levers: dict[int, tuple[LeverChoice, str]]) -> list[ChainView]:
    """Each chain as a Figure 8 table: factors A, M, O by teacher / intervention / leadership.
    levers: chosen_levers(trajectory), which the page needs anyway."""
    items = {i.slug: i.text for i in AmoItem.objects.all()}
    chains = trajectory.amo_chains.select_related("goal").prefetch_related(
        Prefetch("elements", queryset=AmoElement.objects.order_by("id"))
    )
    views = []
    for chain in chains:
        rows = {f: AmoRow(f, str(label), [AmoCell() for _k in KIND_ORDER]) for f, label in AmoItem.Factor.choices}
        for el in chain.elements.all():
            text = for_theme(items.get(el.item_slug, el.own_text), trajectory.theme)
            if el.lever_id:
                text = _("%(text)s (lever: %(lever)s)") % {"text": text, "lever": levers[el.lever_id][1]}
            rows[el.factor].cells[KIND_ORDER.index(el.kind)].texts.append((el, text))
        views.append(ChainView(chain, list(rows.values())))
    return views


def chain_for(trajectory: Trajectory, chain_id: int) -> AmoChain:
    return get_object_or_404(AmoChain, trajectory=trajectory, pk=chain_id)


def element_for(chain: AmoChain, element_id: int) -> AmoElement:
    return get_object_or_404(AmoElement, chain=chain, pk=element_id)


def amo_item_choices(trajectory: Trajectory) -> list[tuple[str, list[tuple[str, str]]]]:
    """Figure 8 items grouped per factor and column, for a select with option groups."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for item in AmoItem.objects.all():
        if item.applies_to(trajectory.theme):
            groups[(item.factor, item.kind)].append((item.slug, for_theme(item.text, trajectory.theme)))
    factor_labels, kind_labels = dict(AmoItem.Factor.choices), dict(AmoItem.Kind.choices)
    return [(f"{factor_labels[f]} · {kind_labels[k]}", options) for (f, k), options in groups.items()]


# --- coherence of the themes -----------------------------------------------------------------


@dataclass
class CoherenceRow:
    key: str
    name: str
    row: CoherenceTheme | None
    own: bool = False


def coherence_rows(trajectory: Trajectory) -> list[CoherenceRow]:
    stored = list(trajectory.coherence_themes.all())
    by_slug = {r.theme_slug: r for r in stored if r.theme_slug}
    rows = [CoherenceRow(f"theme-{t.slug}", t.name, by_slug.get(t.slug)) for t in Theme.objects.all()]
    rows += [CoherenceRow(f"own-{r.pk}", r.own_name, r, own=True) for r in stored if not r.theme_slug]
    return rows


def coherence_links(trajectory: Trajectory) -> dict[tuple[str, str], str]:
    keys = {}
    for row in trajectory.coherence_themes.all():
        keys[row.pk] = f"theme-{row.theme_slug}" if row.theme_slug else f"own-{row.pk}"
    return {
        (keys[s], keys[t]): effect
        for s, t, effect in CoherenceLink.objects.filter(trajectory=trajectory).values_list(
            "source_id", "target_id", "effect"
        )
    }


def own_theme_for(trajectory: Trajectory, row_id: int) -> CoherenceTheme:
    return get_object_or_404(CoherenceTheme, trajectory=trajectory, pk=row_id, theme_slug="")


# --- target pictures and what must no longer occur -----------------------------------------------


def streefbeelden_of(trajectory: Trajectory) -> list[tuple[str, str, list[Streefbeeld]]]:
    """Per subject (pupils, teachers, school leadership, in that order) its label and rows."""
    rows: dict[str, list[Streefbeeld]] = defaultdict(list)
    for row in trajectory.streefbeelden.select_related("team", "goal"):
        rows[row.subject].append(row)
    return [(value, str(label), rows[value]) for value, label in Streefbeeld.Subject.choices]


def streefbeeld_for(trajectory: Trajectory, row_id: int) -> Streefbeeld:
    return get_object_or_404(Streefbeeld, trajectory=trajectory, pk=row_id)


def vanished_of(trajectory: Trajectory) -> list[VanishedProblem]:
    return list(trajectory.vanished_problems.select_related("goal", "bottleneck"))


def vanished_for(trajectory: Trajectory, row_id: int) -> VanishedProblem:
    return get_object_or_404(VanishedProblem, trajectory=trajectory, pk=row_id)


def occurring_bottlenecks(trajectory: Trajectory) -> list[tuple[int, str]]:
    """The bottlenecks the school said occur, as (assessment id, text) to choose from."""
    return [
        (line.assessment.pk, line.text) for line in ranked_bottlenecks(bottleneck_lines(trajectory)) if line.assessment
    ]


def trajectory_teams(trajectory: Trajectory) -> QuerySet[Team]:
    """The teams that may work out a target picture: of the trajectory's school, or of the board's schools."""
    if trajectory.school_id:
        return Team.objects.filter(school_id=trajectory.school_id)
    return Team.objects.filter(school__board_id=trajectory.board_id).select_related("school")
