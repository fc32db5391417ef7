"""A small validator for the content files, so an error names the file and the key path.

A schema is `str`, `int`, `bool`, `SLUG`, a one-element list `[item_schema]`, or a dict of keys to
schemas; a key that starts with "?" is optional. Unknown keys are errors too: a typo in a key
must not silently drop content.
"""

import re
from pathlib import Path
from typing import Any

import yaml

SLUG = "slug"
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogError(Exception):
    """Content that cannot be loaded; the message names the file and the key path."""


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def validate(value: Any, schema: Any, path: str = "") -> None:
    """Check value against schema; path is the key path so far ("" at the top of a file)."""
    where = path or "(top level)"
    if schema is SLUG:
        if not isinstance(value, str) or not _SLUG_RE.match(value):
            raise CatalogError(f"{where}: expected a slug (a-z, 0-9 and -), got {value!r}")
    elif schema is str:
        if not isinstance(value, str) or not value.strip():
            raise CatalogError(f"{where}: expected a non-empty text, got {value!r}")
    elif schema is bool:
        if not isinstance(value, bool):
            raise CatalogError(f"{where}: expected true or false, got {value!r}")
    elif schema is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise CatalogError(f"{where}: expected a whole number, got {value!r}")
    elif isinstance(schema, list):
        if not isinstance(value, list):
            raise CatalogError(f"{where}: expected a list, got {type(value).__name__}")
        for i, item in enumerate(value):
            validate(item, schema[0], f"{path}[{i}]")
    elif isinstance(schema, dict):
        if not isinstance(value, dict):
            raise CatalogError(f"{where}: expected a mapping, got {type(value).__name__}")
        known = {key.lstrip("?"): key for key in schema}
        for key in value:
            if key not in known:
                expected = ", ".join(sorted(known))
                raise CatalogError(f"{_join(path, key)}: unknown key (expected one of: {expected})")
        for name, key in known.items():
            if name in value:
                validate(value[name], schema[key], _join(path, name))
            elif not key.startswith("?"):
                raise CatalogError(f"{where}: missing key '{name}'")
    else:  # pragma: no cover - a mistake in the schema itself
        raise TypeError(f"bad schema at {path}: {schema!r}")


def read_yaml(path: Path, schema: Any) -> Any:
    """A content file, parsed and checked against its schema; errors name the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path.name}: not valid YAML: {exc}") from exc
    try:
        validate(data, schema)
    except CatalogError as exc:
        raise CatalogError(f"{path.name}: {exc}") from None
    return data


SCOPED_TEXT = {"slug": SLUG, "text": str, "?themes": [SLUG]}
TIP = {"slug": SLUG, "kind": str, "title": str, "body": str, "?url": str, "?actie": SLUG}
PRACTICE_EXAMPLE = {
    "slug": SLUG,
    "title": str,
    "where": str,
    "source": str,
    "summary": str,
    "subphases": [SLUG],
    "tags": [str],
}
QUESTION_GROUP = {"slug": SLUG, "title": str, "?intro": str, "questions": [{"slug": SLUG, "text": str}]}
SUBPHASE = {
    "slug": SLUG,
    "code": str,
    "title": str,
    "doel": str,
    "?dialoog": str,
    "reflectie": str,
    "?instrumenten": [SLUG],
    "?tips": [TIP],
    "question_groups": [QUESTION_GROUP],
}
PHASE = {
    "slug": SLUG,
    "number": int,
    "name": str,
    "doel": str,
    "?dialoog": str,
    "?tips": [TIP],
    "subphases": [SUBPHASE],
}
THEME = {
    "slug": SLUG,
    "name": str,
    "term": str,
    "?description": str,
    "?gesprek_afspraak": str,
    "urgentie": [str],
    "verwachte_effecten": [str],
    "aanknopingspunten": [str],
}
SITUATION_TABLE = {
    "slug": SLUG,
    "title": str,
    "sections": [{"title": str, "rows": [SCOPED_TEXT]}],
}
LEVER = {**SCOPED_TEXT, "?table1": [str]}
LEVER_CLUSTER = {"slug": SLUG, "name": str, "levers": [LEVER]}
AMO_FACTOR = {
    "factor": str,
    "teacher": [SCOPED_TEXT],
    "interventions": [SCOPED_TEXT],
    "leadership": [SCOPED_TEXT],
}
CONTENT_FILE = {
    "?themes": [THEME],
    "?phases": [PHASE],
    "?situation_tables": [SITUATION_TABLE],
    "?knelpunten": [SCOPED_TEXT],
    "?lever_clusters": [LEVER_CLUSTER],
    "?amo": [AMO_FACTOR],
    "?practice_examples": [PRACTICE_EXAMPLE],
}
