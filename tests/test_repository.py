"""Repository checks: packaging, manifests and French translations of every addon."""

import ast
import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ["coop_membership", "coop_shift", "coop_ssa", "coop_training"]


def manifest(addon):
    return ast.literal_eval((ROOT / "addons" / addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_follows_oca_conventions(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] == "AGPL-3"
    assert data["author"] == "Coop Communs"
    assert data["installable"] is True
    if addon != "coop_membership":
        assert "coop_membership" in data["depends"]


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_is_packaged_with_whool(addon):
    folder = ROOT / "addons" / addon
    assert 'build-backend = "whool.buildapi"' in (folder / "pyproject.toml").read_text()
    assert (folder / "readme" / "DESCRIPTION.md").read_text().strip()
    assert (folder / "security" / "ir.model.access.csv").exists()


def test_metapackage_depends_on_every_addon():
    text = (ROOT / "setup" / "_metapackage" / "pyproject.toml").read_text()
    for addon in ADDONS:
        assert f"odoo-addon-{addon}" in text


def _pot_and_po(addon):
    i18n = ROOT / "addons" / addon / "i18n"
    return polib.pofile(str(i18n / f"{addon}.pot")), polib.pofile(str(i18n / "fr.po"))


@pytest.mark.parametrize("addon", ADDONS)
def test_french_translation_is_complete(addon):
    """Every string of the addon's template has a French translation."""
    pot, po = _pot_and_po(addon)
    translated = {(e.msgctxt, e.msgid) for e in po if e.msgstr and not e.obsolete}
    missing = [e.msgid for e in pot if (e.msgctxt, e.msgid) not in translated]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("addon", ADDONS)
def test_french_placeholders_match(addon):
    """A translation keeps the named placeholders of its source string."""
    _pot, po = _pot_and_po(addon)
    placeholder = re.compile(r"%\(\w+\)s|\{\{.*?\}\}")
    wrong = [
        e.msgid
        for e in po
        if e.msgstr
        and sorted(placeholder.findall(e.msgid))
        != sorted(placeholder.findall(e.msgstr))
    ]
    assert not wrong, wrong[:5]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "exec make test" in ci
    assert "make test" in readme and "make demo" in readme
