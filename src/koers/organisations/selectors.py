"""Reads of the organisations app: what a staff file would change (the dry run), and which
school-account provider an address signs in with."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from .models import Functie, Person, School, SignInProvider, StaffImport, Team, TeamMembership
from .staff_import import LABELS, CellError, StaffFileError

# What the file may change about a person, in the order the dry run lists changes.
COMPARED = (
    "first_name",
    "last_name",
    "email",
    "personnel_number",
    "school",
    "functie",
    "teams",
    "fte",
    "teaching_since",
)


@dataclass
class Change:
    person: Person
    row: dict
    changes: list[tuple[str, str, str]]  # (what, before, after)


@dataclass
class ImportPlan:
    new: list[dict] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    leaving: list[Person] = field(default_factory=list)
    unchanged: int = 0
    new_teams: list[tuple[int, str]] = field(default_factory=list)  # (school id, name)
    schools: dict[str, School] = field(default_factory=dict)  # by BRIN

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.new_teams)


def _shown(field_name: str, value, schools_by_id: dict[int, School]) -> str:
    if value in (None, "", []):
        return "—"
    if field_name == "school":
        return schools_by_id[value].name
    if field_name == "functie":
        return str(Functie(value).label)
    if field_name == "teams":
        return ", ".join(value)
    return str(value).replace(".", ",") if field_name == "fte" else str(value)


def import_plan(staff_import: StaffImport) -> ImportPlan:
    """New, changed and leaving people if the file were imported now, in a fixed number of
    queries whatever the file's size. Raises StaffFileError when a row cannot be matched
    safely (a person of another school in a school's own file, two rows for one person)."""
    plan = ImportPlan()
    board_schools = list(School.objects.filter(board_id=staff_import.board_id))
    plan.schools = {s.brin: s for s in board_schools}
    by_id = {s.id: s for s in board_schools}
    people = list(Person.objects.filter(board_id=staff_import.board_id, erased_at__isnull=True))
    teams_of: dict[int, list[str]] = defaultdict(list)
    for person_id, name in TeamMembership.objects.filter(person__in=[p.id for p in people]).values_list(
        "person_id", "team__name"
    ):
        teams_of[person_id].append(name)
    existing_teams = set(Team.objects.filter(school__board_id=staff_import.board_id).values_list("school_id", "name"))
    by_number = {p.personnel_number: p for p in people if p.personnel_number}
    by_email = {p.email.lower(): p for p in people if p.email}
    in_scope = {p.id for p in people if staff_import.school_id is None or p.school_id == staff_import.school_id}
    columns = set(staff_import.columns)
    matched: dict[int, int] = {}
    errors: list[CellError | str] = []
    wanted_teams: set[tuple[int, str]] = set()
    for row in staff_import.rows:
        person = by_number.get(row["personnel_number"]) if row["personnel_number"] else None
        person = person or (by_email.get(row["email"]) if row["email"] else None)
        school_id = plan.schools[row["brin"]].id if row["brin"] else None
        wanted_teams.update((school_id, name) for name in row["teams"] if school_id)
        if person is None:
            plan.new.append(row)
            continue
        if person.id not in in_scope:
            errors.append(
                CellError(
                    row["row"],
                    str(LABELS["first_name"]),
                    _("%(name)s works at another school of the board; ask the board's administrator to move them.")
                    % {"name": person},
                )
            )
            continue
        if person.id in matched:
            errors.append(
                CellError(
                    row["row"],
                    str(LABELS["first_name"]),
                    _("the same person as row %(row)s.") % {"row": matched[person.id]},
                )
            )
            continue
        matched[person.id] = row["row"]
        before = _values(person, sorted(teams_of[person.id]))
        after = {**before, **{k: v for k, v in _row_values(row, school_id).items() if k in columns or k == "school"}}
        changes = [
            (str(_label(k)), _shown(k, before[k], by_id), _shown(k, after[k], by_id))
            for k in COMPARED
            if before[k] != after[k]
        ]
        if person.left_on is not None:
            changes.append(
                (_("returns"), _("left on %(day)s") % {"day": person.left_on.strftime("%d-%m-%Y")}, _("works here"))
            )
        if changes:
            plan.changed.append(Change(person, row, changes))
        else:
            plan.unchanged += 1
    if errors:
        raise StaffFileError(errors)
    plan.leaving = [p for p in people if p.id in in_scope and p.id not in matched and p.left_on is None]
    plan.new_teams = sorted(wanted_teams - existing_teams)
    return plan


def _label(field_name: str):
    return _("school") if field_name == "school" else LABELS[field_name]


def _values(person: Person, teams: list[str]) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email.lower(),
        "personnel_number": person.personnel_number,
        "school": person.school_id,
        "functie": person.functie,
        "teams": teams,
        "fte": person.fte,
        "teaching_since": person.teaching_since,
    }


def _row_values(row: dict, school_id: int | None) -> dict:
    return {
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "email": row["email"],
        "personnel_number": row["personnel_number"],
        "school": school_id,
        "functie": row["functie"],
        "teams": row["teams"],
        "fte": Decimal(row["fte"]) if row["fte"] is not None else None,
        "teaching_since": row["teaching_since"],
    }


def sign_in_provider_for(email: str) -> SignInProvider | None:
    """The active provider of the board whose e-mail domains hold this address."""
    domain = email.strip().lower().rpartition("@")[2]
    if not domain:
        return None
    found = SignInProvider.objects.select_related("board").filter(active=True, domains__icontains=domain)
    return next((p for p in found if domain in p.domain_list()), None)


def sign_in_origins() -> list[str]:
    """The origins of the active providers: a sign-in form's redirect goes there, so the page's
    Content-Security-Policy must allow them as form targets."""
    issuers = SignInProvider.objects.filter(active=True).values_list("issuer", flat=True).distinct()
    return sorted({origin(i) for i in issuers})


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
