"""Repository checks: packaging, manifests and French translations of every addon."""

import re
import subprocess
import sys

import polib
import pytest
from _suite import ADDONS, ROOT, manifest


#: Addons that stand on Odoo alone: the member base itself, and the purchasing
#: addons, which a coop (or a purchasing centre) uses without members.
STANDALONE = {"coop_membership", "coop_purchase", "coop_purchase_centre"}


def _coop_depends(addon):
    """The coop addons ``addon`` depends on, directly or through each other."""
    found, todo = set(), [addon]
    while todo:
        for dep in manifest(todo.pop())["depends"]:
            if dep in ADDONS and dep not in found:
                found.add(dep)
                todo.append(dep)
    return found


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_follows_oca_conventions(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] == "AGPL-3"
    assert data["author"] == "Coop Communs"
    assert data["installable"] is True
    if addon not in STANDALONE:
        assert "coop_membership" in _coop_depends(addon)


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_is_packaged_with_whool(addon):
    folder = ROOT / "addons" / addon
    assert 'build-backend = "whool.buildapi"' in (folder / "pyproject.toml").read_text()
    assert (folder / "readme" / "DESCRIPTION.md").read_text().strip()
    if _defines_models(folder):
        assert (folder / "security" / "ir.model.access.csv").exists()


def _defines_models(folder):
    """A new model (``_name``) that is not abstract needs access rights."""
    for path in (folder / "models").glob("*.py"):
        text = path.read_text()
        if re.search(r"^\s+_name = ", text, re.M) and "AbstractModel" not in text:
            return True
    return False


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


def test_harness_installs_every_installable_addon():
    """`make test` and `make demo` install what manifestoo selects in addons/."""
    cmd = [sys.executable, "-m", "manifestoo", "-d", "addons", "list"]
    found = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    assert found.stdout.split() == ADDONS
    assert {"coop_membership", "coop_shift", "coop_ssa", "coop_training"} <= set(ADDONS)
