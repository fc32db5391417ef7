"""Reading a staff file as HR and administration systems export it (AFAS, Youforce, ParnasSys,
Magister): the columns are found by their heading, in any order and under the names these
systems use, and every cell is checked. A file with one bad cell yields its errors (row and
column named) and no rows, so nothing is ever half imported.

Each system names its columns differently; the headings below are the ones their standard
exports use, compared without case, spaces or punctuation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Functie

MAX_ROWS = 10_000
MAX_ERRORS = 50  # a file that is wrong throughout needs its first errors, not ten thousand

HEADINGS = {
    "first_name": ("voornaam", "roepnaam", "voornamen", "firstname", "givenname"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels", "infix"),
    "last_name": ("achternaam", "geslachtsnaam", "lastname", "surname", "familienaam"),
    "email": ("email", "emailadres", "emailwerk", "emailadreswerk", "zakelijkemail", "werkemail", "mail"),
    "personnel_number": (
        "personeelsnummer",
        "personeelsnr",
        "persnr",
        "medewerkernummer",
        "medewerkernr",
        "medewerker",
        "werknemersnummer",
        "employeenumber",
        "employeeid",
    ),
    "brin": ("brin", "brincode", "brinnummer", "schoolbrin", "instellingscode", "vestigingbrin"),
    "functie": ("functie", "functienaam", "functieomschrijving", "position", "function", "jobtitle"),
    "teams": ("teams", "team", "secties", "sectie", "teamsensecties", "afdeling"),
    "fte": ("fte", "wtf", "deeltijdfactor", "betrekkingsomvang", "werktijdfactor"),
    "teaching_since": (
        "inonderwijssinds",
        "inhetonderwijssinds",
        "startjaaronderwijs",
        "startjaar",
        "ervaringsinds",
        "jaargestart",
        "teachingsince",
    ),
}
# How a column is named in an error: the Dutch heading Koers's own template uses.
LABELS = {
    "first_name": gettext_lazy("first name"),
    "infix": gettext_lazy("infix"),
    "last_name": gettext_lazy("last name"),
    "email": gettext_lazy("e-mail"),
    "personnel_number": gettext_lazy("personnel number"),
    "brin": "BRIN",
    "functie": gettext_lazy("position"),
    "teams": gettext_lazy("teams"),
    "fte": "fte",
    "teaching_since": gettext_lazy("teaching since"),
}
# The positions' names in exports: Koers's own labels and values, and what the systems write.
# PO's scales (L10-L13) are left out on purpose: L10 is LA in po but LB's scale in vo.
POSITIONS = {
    Functie.DOCENT_LB: ("lb", "docentlb", "leraarlb", "leerkrachtlb"),
    Functie.DOCENT_LC: ("lc", "docentlc", "leraarlc", "leerkrachtlc"),
    Functie.DOCENT_LD: ("ld", "docentld", "leraarld", "leerkrachtld"),
    Functie.OOP: ("oop", "onderwijsondersteunendpersoneel", "onderwijsondersteuner", "ondersteunendpersoneel"),
    Functie.TEAMLEIDER: ("teamleider", "afdelingsleider"),
    Functie.SCHOOLLEIDER: ("schoolleider", "directeur", "schooldirecteur", "locatiedirecteur", "rector"),
    Functie.BESTUURDER: ("bestuurder", "collegevanbestuur", "lidcollegevanbestuur", "voorzittercollegevanbestuur"),
    Functie.HR_ADVISEUR: ("hradviseur", "poadviseur", "personeelsadviseur", "hrmadviseur"),
}
TEAM_SEPARATORS = re.compile(r"[,;|]")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


_HEADING_FIELD = {_key(alias): name for name, aliases in HEADINGS.items() for alias in aliases}
_POSITION = {
    **{_key(alias): value for value, aliases in POSITIONS.items() for alias in aliases},
    **{_key(value): value for value in Functie.values},
    **{_key(str(label)): value for value, label in Functie.choices},
}


@dataclass
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class StaffFileError(Exception):
    def __init__(self, errors: list[CellError | str]):
        super().__init__("; ".join(map(str, errors)))
        self.errors = errors


def _position(text: str) -> str | None:
    key = _key(text)
    return _POSITION.get(key) or _POSITION.get(re.sub(r"^(docent|leraar|leerkracht)", "", key))


def read_staff(table: list[list[str]], *, brins: set[str], school_brin: str | None = None) -> tuple[list, list]:
    """The checked rows of a table (heading first) and the fields it has columns for.

    `brins` are the BRIN codes of the board's schools; `school_brin` is set for a school's own
    import, where every row belongs to that school (and the BRIN column may be left out)."""
    if not table or not any(cell.strip() for cell in table[0]):
        raise StaffFileError([_("The file is empty: the first row should name the columns.")])
    columns: dict[str, int] = {}
    for index, heading in enumerate(table[0]):
        field = _HEADING_FIELD.get(_key(heading))
        if field and field not in columns:
            columns[field] = index
    missing = [LABELS[f] for f in ("first_name", "last_name", "functie") if f not in columns]
    if "email" not in columns and "personnel_number" not in columns:
        missing.append(_("e-mail or personnel number"))
    if school_brin is None and "brin" not in columns:
        missing.append("BRIN")
    if missing:
        raise StaffFileError(
            [
                _("The file has no column for: %(columns)s. The first row should name the columns.")
                % {"columns": ", ".join(map(str, missing))}
            ]
        )
    errors: list[CellError | str] = []
    rows: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cell = {f: (cells[i].strip() if i < len(cells) else "") for f, i in columns.items()}
        row, row_errors = _check_row(number, cell, brins, school_brin)
        for field in ("email", "personnel_number"):
            value = row.get(field)
            if value:
                earlier = seen.setdefault((field, value.lower()), number)
                if earlier != number:
                    row_errors.append(
                        CellError(number, str(LABELS[field]), _("the same as in row %(row)s.") % {"row": earlier})
                    )
        errors.extend(row_errors)
        if len(errors) >= MAX_ERRORS:
            errors = errors[:MAX_ERRORS]
            errors.append(_("Koers stopped checking after %(n)s errors.") % {"n": MAX_ERRORS})
            break
        rows.append(row)
    if errors:
        raise StaffFileError(errors)
    if not rows:
        raise StaffFileError([_("The file has column headings but no people.")])
    fields = sorted(set(columns) - {"infix"})
    return rows, fields


def _check_row(number: int, cell: dict, brins: set[str], school_brin: str | None) -> tuple[dict, list]:
    errors: list[CellError] = []

    def fail(field: str, message: str) -> None:
        errors.append(CellError(number, str(LABELS[field]), message))

    row: dict = {"row": number}
    for field in ("first_name", "last_name"):
        if not cell[field]:
            fail(field, _("this cell is empty."))
    last = " ".join(part for part in (cell.get("infix", ""), cell["last_name"]) if part)
    row["first_name"], row["last_name"] = cell["first_name"][:100], last[:150]
    email = cell.get("email", "").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            fail("email", _("“%(value)s” is not an e-mail address.") % {"value": email})
    row["email"] = email
    row["personnel_number"] = cell.get("personnel_number", "")[:30]
    if not email and not row["personnel_number"]:
        fail("email" if "email" in cell else "personnel_number", _("give an e-mail address or a personnel number."))
    functie = _position(cell["functie"])
    if functie is None:
        fail(
            "functie",
            _("“%(value)s” is not a position Koers knows. Use one of: %(known)s.")
            % {"value": cell["functie"], "known": ", ".join(str(label) for _v, label in Functie.choices)},
        )
    row["functie"] = functie
    brin = cell.get("brin", "").upper()
    if school_brin is not None:
        if brin and brin != school_brin:
            fail("brin", _("%(value)s is not your school (%(school)s).") % {"value": brin, "school": school_brin})
        brin = school_brin
    elif brin and brin not in brins:
        fail("brin", _("%(value)s is not a school of this board.") % {"value": brin})
    row["brin"] = brin  # empty: the board office
    row["teams"] = sorted({t.strip()[:200] for t in TEAM_SEPARATORS.split(cell.get("teams", "")) if t.strip()})
    if row["teams"] and not brin:
        fail("teams", _("teams belong to a school; fill in the BRIN code too."))
    row["fte"] = _fte(cell.get("fte", ""), fail)
    row["teaching_since"] = _year(cell.get("teaching_since", ""), fail)
    return row, errors


def _fte(text: str, fail) -> str | None:
    if not text:
        return None
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        fail("fte", _("“%(value)s” is not a number such as 0,8.") % {"value": text})
        return None
    if not Decimal("0") < value <= Decimal("1.5"):
        fail("fte", _("%(value)s is outside 0 to 1.5.") % {"value": text})
        return None
    return str(value.quantize(Decimal("0.01")))


def _year(text: str, fail) -> int | None:
    if not text:
        return None
    year = text.split(".")[0]  # a spreadsheet may write 2015 as 2015.0
    if not year.isdigit() or not 1950 <= int(year) <= date.today().year:
        fail("teaching_since", _("“%(value)s” is not a year between 1950 and now.") % {"value": text})
        return None
    return int(year)
