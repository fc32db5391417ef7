"""Every Koers app has its place in the layers contract that `make lint` checks, so a new app
(networks, careers, teams) cannot slip past it."""

import re
import tomllib
from pathlib import Path

from django.conf import settings

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]


def test_every_app_is_named_in_the_layers_contract():
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    named = {m.strip() for layer in layers for m in re.split(r"[|:]", layer)}
    apps = {a for a in settings.INSTALLED_APPS if a.startswith("koers.") and a.count(".") == 1}
    assert apps == named, f"missing: {apps - named}, stale: {named - apps}"


def test_no_shared_helper_may_import_an_app():
    forbidden = next(c for c in _contracts() if c["type"] == "forbidden")
    apps = {a for a in settings.INSTALLED_APPS if a.startswith("koers.") and a.count(".") == 1}
    assert set(forbidden["forbidden_modules"]) == apps
    helpers = {
        f"koers.{p.stem}"
        for p in (Path(__file__).resolve().parents[1] / "src" / "koers").glob("*.py")
        if p.stem not in {"__init__", "__main__", "settings", "urls", "wsgi", "gunicorn_conf"}
    }
    assert set(forbidden["source_modules"]) == helpers
