"""Migration cases: a database made with a landed commit, upgraded with today's code.

Each ``tests/migrations/case_<name>.py`` defines::

    FROM_COMMIT = "36539da"      # the landed commit a database is made with
    ADDONS = ["coop_membership"] # installed there (dependencies follow), no demo data
    def seed(env): ...           # OLD code (odoo shell): data in the old shape;
                                 # returns a JSON-serialisable dict
    def check(env, seeded): ...  # CURRENT code, after the upgrade: assert the result

Cases with the same ``FROM_COMMIT`` and ``ADDONS`` share one database. For each
such group: ``git archive FROM_COMMIT addons`` into a temporary directory;
``click-odoo-initdb --no-demo`` with those old addons (its template cache is keyed
by the hash of the modules' files, so by the commit's code: a second run copies
the template in seconds); every seed in one ``odoo shell`` on the old code;
``odoo -u <every suite addon installed> --stop-after-init`` on the current code
(``-u X`` also upgrades what depends on X, never what X depends on: so every
installed addon of the suite is named); every check in one ``odoo shell`` on the
current code. A missing commit, a seed or check that raises, an upgrade that
fails or logs an ERROR fails the case, named. ``KEEP_DB=1`` keeps the databases.
"""

import fcntl
import functools
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "migrations"
CACHE_PREFIX = "coopmig"  # click-odoo-initdb drops unused templates of this prefix
MARK = "@@coop-migration@@"
for _key, _value in (("PGHOST", "127.0.0.1"), ("PGPORT", "5432"), ("PGUSER", "odoo")):
    os.environ.setdefault(_key, _value)

# Run by `odoo shell` (stdin): the cases' seed or check, each committed or rolled
# back alone, the outcome printed as one JSON line after MARK.
SHELL_SCRIPT = """
import importlib.util, json, traceback
from pathlib import Path
job = json.loads(Path({job!r}).read_text())
env = env(su=True)
out = {{}}
for name, path in job["cases"].items():
    spec = importlib.util.spec_from_file_location("coop_migration_" + name, path)
    case = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(case)
        if job["phase"] == "seed":
            result = {{"seeded": json.loads(json.dumps(case.seed(env)))}}
            env.cr.commit()
        else:
            case.check(env, job["seeded"][name])
            result = {{}}
            env.cr.rollback()
    except Exception:
        env.cr.rollback()
        env.invalidate_all()
        result = {{"error": traceback.format_exc()}}
    out[name] = result
print({mark!r} + json.dumps(out), flush=True)
"""


def load_cases():
    """{name: module} of tests/migrations/case_*.py."""
    cases = {}
    for path in sorted(CASES_DIR.glob("case_*.py")):
        spec = importlib.util.spec_from_file_location(f"coop_case_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        cases[path.stem.removeprefix("case_")] = module
    return cases


CASES = load_cases()


def group_key(case):
    return case.FROM_COMMIT, tuple(sorted(case.ADDONS))


def git(*args):
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def run(cmd, log_path, **kwargs):
    """Run ``cmd`` with its output in ``log_path``; (returncode, output)."""
    proc = subprocess.run(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        check=False, **kwargs,
    )  # fmt: skip
    Path(log_path).write_text(proc.stdout)
    return proc.returncode, proc.stdout


def odoo_args(db, addons_dir):
    return ["-d", db, f"--addons-path={addons_dir}", "--no-http"]


def shell(db, addons_dir, workdir, phase, cases, seeded=None):
    """Run ``phase`` (seed or check) of ``cases`` in one odoo shell; {name: result}."""
    job = Path(workdir, f"{phase}.json")
    paths = {name: str(CASES_DIR / f"case_{name}.py") for name in cases}
    job.write_text(json.dumps({"phase": phase, "cases": paths, "seeded": seeded}))
    script = SHELL_SCRIPT.format(job=str(job), mark=MARK)
    cmd = [sys.executable, "-m", "odoo", "shell", *odoo_args(db, addons_dir)]
    rc, output = run(cmd + ["--log-level=warn"], Path(workdir, f"{phase}.log"),
                     input=script)  # fmt: skip
    lines = [line for line in output.splitlines() if line.startswith(MARK)]
    if not lines:
        error = f"odoo shell ({phase}) exited with {rc}:\n{output[-4000:]}"
        return {name: {"error": error} for name in cases}
    return json.loads(lines[-1][len(MARK) :])


def make_old_db(db, commit, addons, workdir):
    """``db`` with ``addons`` of ``commit`` installed, no demo; its addons path."""
    old = Path(workdir, "old")
    old.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "addons"],
        cwd=ROOT, capture_output=True, check=True,
    )  # fmt: skip
    subprocess.run(["tar", "-x", "-C", old], input=archive.stdout, check=True)
    addons_dir = old / "addons"
    cmd = [sys.executable, "-m", "click_odoo_contrib.initdb", "-n", db,
           "-m", ",".join(addons), "--no-demo", "--cache-prefix", CACHE_PREFIX,
           "--cache-max-size", "6", "--addons-path", str(addons_dir)]  # fmt: skip
    lock = Path(tempfile.gettempdir(), "coop_migration_initdb.lock")
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)  # one build at a time; the others copy it
        rc, output = run(cmd, Path(workdir, "initdb.log"))
    if rc:
        raise RuntimeError(f"click-odoo-initdb at {commit} failed:\n{output[-4000:]}")
    return addons_dir


def suite_addons_installed(db):
    """The installed modules that are addons of the current suite."""
    query = "SELECT name FROM ir_module_module WHERE state = 'installed'"
    out = subprocess.run(["psql", "-d", db, "-tA", "-c", query],
                         capture_output=True, text=True, check=True)  # fmt: skip
    ours = {path.parent.name for path in ROOT.glob("addons/*/__manifest__.py")}
    return sorted(set(out.stdout.split()) & ours)


def upgrade(db, workdir):
    """``odoo -u`` every installed suite addon with the current code; an error or ''."""
    addons = suite_addons_installed(db)
    cmd = [sys.executable, "-m", "odoo", *odoo_args(db, ROOT / "addons"),
           "-u", ",".join(addons), "--stop-after-init"]  # fmt: skip
    rc, output = run(cmd, Path(workdir, "upgrade.log"))
    errors = [
        m.group(0)
        for m in re.finditer(r"^.* (ERROR|CRITICAL) .*$", output, re.MULTILINE)
    ]
    if rc or errors:
        shown = "\n".join(errors[:20]) or output[-4000:]
        return f"odoo -u {','.join(addons)} exited with {rc}:\n{shown}"
    return ""


def drop(db):
    subprocess.run(
        [sys.executable, "-m", "click_odoo_contrib.dropdb", "--if-exists", db],
        cwd=ROOT, capture_output=True, check=False,
    )  # fmt: skip


def migrate(db, commit, addons, names, workdir, phase):
    """Seed (old code), upgrade, check (current code): {name: error or ''}."""
    old_addons = make_old_db(db, commit, addons, workdir)
    phase("old database")
    seeds = shell(db, old_addons, workdir, "seed", names)
    phase("seed")
    results = {name: seeds[name].get("error", "") for name in names}
    error = upgrade(db, workdir)
    phase("upgrade")
    if error:
        return {name: results[name] or error for name in names}
    seeded = {name: seeds[name].get("seeded") for name in names}
    todo = [name for name in names if not results[name]]
    checks = shell(db, ROOT / "addons", workdir, "check", todo, seeded)
    phase("check")
    return {**results, **{name: checks[name].get("error", "") for name in todo}}


@functools.cache
def run_group(commit, addons):
    """Migrate the group's database once: ({name: error or ''}, the phases' timings)."""
    names = [
        name for name, case in CASES.items() if group_key(case) == (commit, addons)
    ]
    if git("cat-file", "-e", f"{commit}^{{commit}}").returncode:
        error = (f"commit {commit} is not in this repository's history: fetch it "
                 "(git fetch --unshallow) or fix FROM_COMMIT")  # fmt: skip
        return dict.fromkeys(names, error), ""
    workdir = tempfile.mkdtemp(prefix=f"coop_migration_{commit}_")
    db, timings, clock = f"coop_mig_{commit}_{os.getpid()}", [], [time.monotonic()]

    def phase(label):
        timings.append(f"{label} {time.monotonic() - clock[0]:.0f}s")
        clock[0] = time.monotonic()

    try:
        results = migrate(db, commit, list(addons), names, workdir, phase)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as error:
        results = dict.fromkeys(names, f"{type(error).__name__}: {error}")
    finally:
        if not os.environ.get("KEEP_DB"):
            drop(db)
            shutil.rmtree(Path(workdir, "old"), ignore_errors=True)
    summary = f"[migrations] {commit} {','.join(addons)}: {', '.join(timings)}"
    return results, f"{summary} (database {db}, logs in {workdir})"


@pytest.mark.parametrize("name", sorted(CASES))
def test_migration_case(name, capsys):
    """The case's data, seeded with the old code, is as ``check`` expects after
    the upgrade."""
    case = CASES[name]
    first = run_group.cache_info().currsize
    results, summary = run_group(*group_key(case))
    if summary and run_group.cache_info().currsize > first:
        with capsys.disabled():  # the phases' timings, once per group
            print(f"\n{summary}", flush=True)
    error = results[name]
    if error:
        pytest.fail(f"migration case {name} (from {case.FROM_COMMIT}):\n{error}",
                    pytrace=False)  # fmt: skip
