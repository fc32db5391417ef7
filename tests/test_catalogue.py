"""Every interface text reaches the Dutch catalogue. makemessages misses a text it cannot
see (inside an f-string, say), and the page then shows English; this walks the source as
Python and the templates as text and checks each marked text has its Dutch."""

import ast
import re
from pathlib import Path

from babel.messages.pofile import read_po

import koers

ROOT = Path(koers.__file__).parent
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
CALLS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
TAG = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")


def _catalogue() -> dict[str, object]:
    with PO.open("rb") as fh:
        catalog = read_po(fh, locale="nl")
    return {(m.id if isinstance(m.id, str) else m.id[0]): m.string for m in catalog if m.id}


def _python_texts():
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) in CALLS:
                args = node.args[1:] if getattr(node.func, "id", "").startswith("pgettext") else node.args
                if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                    yield f"{path.relative_to(ROOT)}:{node.lineno}", args[0].value


def _template_texts():
    for path in ROOT.rglob("*.html"):
        for match in TAG.finditer(path.read_text()):
            yield str(path.relative_to(ROOT)), match.group(2).replace("%", "%%")  # as makemessages stores it


def test_every_marked_text_has_its_dutch():
    dutch = _catalogue()
    missing = sorted(
        f"{where}: {text}"
        for where, text in [*_python_texts(), *_template_texts()]
        if not (dutch.get(text) if not isinstance(dutch.get(text), tuple) else all(dutch[text]))
    )
    assert not missing, "\n".join(missing)


def test_the_walk_finds_texts_inside_f_strings(tmp_path):
    source = "label = f\"{name} ({_('always')})\"\n"
    tree = ast.parse(source)
    found = [n.args[0].value for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "_"]
    assert found == ["always"]


def test_the_dutch_writes_one_apostrophe():
    """thema’s, never thema's beside it."""
    straight = re.compile(r"[A-Za-zé]'s\b")
    texts = [t for v in _catalogue().values() for t in (v if isinstance(v, tuple) else (v,)) if t]
    assert not [t for t in texts if straight.search(t)]
