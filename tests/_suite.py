"""The suite's installable addons, as ``make test`` and ``make demo`` find them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manifest(addon):
    return ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())


ADDONS = sorted(
    path.parent.name
    for path in (ROOT / "addons").glob("*/__manifest__.py")
    if manifest(path.parent.name).get("installable", True)
)
