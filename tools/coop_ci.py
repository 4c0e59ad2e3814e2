#!/usr/bin/env python3
"""Test, demo and bench commands of the coop addons (run by the Makefile).

The Odoo ecosystem's tools do the work:

- ``manifestoo`` lists the installable addons of ``addons/`` and their Odoo
  dependencies, and checks licences and development statuses;
- ``click-odoo-initdb`` makes every database as a copy of a cached template
  holding those dependencies with demo data (cached by a hash of their files);
- ``coverage run --branch`` runs Odoo's tests (``.coveragerc``), as OCA's CI does;
- ``checklog-odoo`` fails the run on log records not allowed in
  ``checklog-odoo.cfg``; ``pytest-odoo`` runs the top-level ``tests/``.

What click-odoo-initdb cannot do here: build the template in one pass. It
installs all its modules in one pass, and ``account`` loads the chart of
accounts at the end of the pass that installs it, after the other modules' demo
data: point_of_sale's demo data then fails (no bank journal) and Odoo installs
it without. It also loads no language. So a template is built in two passes:
click-odoo-initdb installs ``account`` and the French chart with
``tools/template/coop_template_fr`` (which depends on ``base`` only, so is
installed before ``account``, and in its pre-init hook puts the company in
France, for the French chart, and loads French); then ``odoo -i`` installs the
rest. Attachments are kept in the database (``--attachments-in-db-persistent``),
so that a copy needs no filestore. click-odoo-initdb's ``DbCache`` keeps the
templates (named by the hash of their modules' files, last used first, three
kept) and copies them; the hash covers coop_template_fr's files, so bump its
version when the way a template is built changes.
"""

import fcntl
import importlib.util
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS_PATH = f"{ROOT / 'addons'},{ROOT / 'tools' / 'template'}"
# French tills must be inalterable: databases hold the French localisation and
# its POS certification.
TEMPLATE_EXTRA = ["l10n_fr", "l10n_fr_pos_cert", "coop_template_fr"]
# The template's first pass: the company in France, then accounting with the
# French chart (loaded at the end of the pass that installs l10n_fr_account).
FIRST_PASS = "coop_template_fr,account,l10n_fr_account"
ODOO_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading")
ODOO_SPEC = importlib.util.find_spec("odoo")
CORE_ADDONS = (
    Path(ODOO_SPEC.submodule_search_locations[0], "addons") if ODOO_SPEC else ""
)
MANIFESTOO = ["manifestoo", "-d", "addons", "--addons-path", CORE_ADDONS]
FRENCH_USERS = """
env["res.users"].with_context(active_test=False).search([]).write({"lang": "fr_FR"})
env.company.partner_id.lang = "fr_FR"
env.cr.commit()
"""
for _key, _value in (("PGHOST", "127.0.0.1"), ("PGPORT", "5432"), ("PGUSER", "odoo")):
    os.environ.setdefault(_key, _value)


def py(*args, check=False, **kwargs):
    """Run ``python3 -m <args>`` (Odoo and the tools share the interpreter)."""
    cmd = [sys.executable, "-m", *map(str, args)]
    return subprocess.run(cmd, cwd=ROOT, check=check, **kwargs)


def manifestoo(*args):
    out = py(*MANIFESTOO, *args, capture_output=True, text=True, check=True)
    return out.stdout.split()


def odoo(db, *args, logfile=None, coverage=False):
    """Run Odoo on ``db``, echoing its output (also to ``logfile``)."""
    cmd = [
        sys.executable,
        "-m",
        *(["coverage", "run", "-m"] if coverage else []),
        "odoo",
    ]
    cmd += ["-d", db, f"--addons-path={ADDONS_PATH}", *args]
    # Its own process group: a browser a tour left behind (Chromium that did not
    # answer in time) would otherwise hold the output pipe open after Odoo ends.
    with subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    ) as proc:  # fmt: skip
        echo = threading.Thread(target=_echo, args=(proc.stdout, logfile))
        echo.start()
        try:
            proc.wait()
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            echo.join()
    return proc.returncode


def _echo(stream, logfile):
    for line in stream:
        sys.stdout.write(line)
        if logfile:
            logfile.write(line)


def initdb(db):
    """Create ``db`` as a copy of the cached template, building the template first
    when none matches the hash of its modules' files."""
    from click_odoo_contrib._dbutils import pg_connect
    from click_odoo_contrib.initdb import DbCache, addons_hash

    from odoo.sql_db import close_db
    from odoo.tools import config

    config.parse_config(["--addons-path", ADDONS_PATH])
    modules = manifestoo("list-depends") + TEMPLATE_EXTRA
    lock = Path(tempfile.gettempdir(), "coop_initdb.lock")
    with open(lock, "w") as fh, pg_connect() as pgcr:
        fcntl.flock(fh, fcntl.LOCK_EX)  # one build at a time; others then copy it
        cache, hashsum = DbCache("cooptmpl", pgcr), addons_hash(modules, True)
        if not cache.create(db, hashsum):
            py("click_odoo_contrib.initdb", "-n", db, "-m", FIRST_PASS,
               "--no-cache", "--attachments-in-db-persistent",
               "--addons-path", ADDONS_PATH, check=True)  # fmt: skip
            with pg_connect(db) as cr:  # `-i` on an installed module reloads its
                # demo data, and mail's cannot be loaded twice
                cr.execute("SELECT name FROM ir_module_module WHERE state='installed'")
                todo = set(modules) - {name for (name,) in cr.fetchall()}
            close_db(db)  # a template is copied only when nobody is connected
            second_pass = ["-i", ",".join(sorted(todo)), "--log-level=warn"]
            if odoo(db, *second_pass, "--stop-after-init", "--no-http"):
                raise subprocess.CalledProcessError(1, "odoo -i (template)")
            cache.add(db, hashsum)
        cache.trim_size(3)


def install_addons(db):
    """Create ``db`` with every addon installed, unless it exists; True if created."""
    from click_odoo_contrib._dbutils import db_exists

    if db_exists(db):
        return False
    initdb(db)
    if odoo(db, "-i", ",".join(manifestoo("list")), "--stop-after-init", "--no-http"):
        py("click_odoo_contrib.dropdb", db)
        sys.exit(f"the database {db} could not be created")
    return True


def write_odoo_rc(db, workdir):
    path = Path(workdir) / "odoo.cfg"
    path.write_text(f"[options]\ndb_name = {db}\naddons_path = {ADDONS_PATH}\n")
    return path


def odoo_counts(log_text):
    """(passed, failed) from Odoo's last test report line."""
    found = ODOO_RESULT.findall(log_text)
    if not found:
        return 0, 1
    failed, errors, total = map(int, found[-1])
    return total - failed - errors, failed + errors


def pytest_counts(db, workdir):
    """Run tests/ with pytest-odoo under coverage; return (passed, failed)."""
    junit, rc_file = Path(workdir) / "pytest.xml", write_odoo_rc(db, workdir)
    cmd = ["coverage", "run", "-a", "-m", "pytest", "tests", "-p", "no:cacheprovider"]
    rc = py(*cmd, f"--odoo-config={rc_file}", f"--junitxml={junit}", "-q").returncode
    if not junit.exists():
        return 0, 1
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, skipped = int(suite.get("tests")), int(suite.get("skipped"))
    failed = int(suite.get("failures")) + int(suite.get("errors"))
    failed = failed or int(rc not in (0, 1, 5))  # 5: nothing collected
    return total - failed - skipped, failed


def print_coverage(addons):
    """Write the HTML/XML reports; print the line coverage of the tested addons."""
    for report in (["html"], ["xml"], ["json", "-o", "coverage.json"]):
        py("coverage", *report, "-q")
    lines = dict.fromkeys(addons, (0, 0))
    for path, data in json.loads((ROOT / "coverage.json").read_text())["files"].items():
        addon, summary = Path(path).parts[1], data["summary"]
        if addon in lines:
            covered, total = lines[addon]
            covered += summary["covered_lines"]
            lines[addon] = (covered, total + summary["num_statements"])
    total = tuple(map(sum, zip(*lines.values(), strict=True)))
    print("Line coverage (report: htmlcov/index.html, coverage.xml):")
    for name, (covered, statements) in {"addons/": total, **lines}.items():
        print(f"  {name}: {covered / (statements or 1):.1%} of {statements} lines")


def cmd_test():
    """Run the tests; print the coverage, then ``N passed, N failed`` last."""
    addons = os.environ.get("ADDONS", "").split() or manifestoo("list")
    db, workdir = f"coop_test_{os.getpid()}", tempfile.mkdtemp(prefix="coop_test_")
    log, passed, failed = Path(workdir) / "odoo.log", 0, 0
    for check in ("check-licenses", "check-dev-status"):
        failed += bool(py(*MANIFESTOO, check, "--transitive").returncode)
    py("coverage", "erase")
    tags = os.environ.get("TEST_TAGS") or ",".join(f"/{addon}" for addon in addons)
    port = f"--http-port={8169 + os.getpid() % 500}"
    try:
        initdb(db)
        with open(log, "w") as logfile:
            rc = odoo(db, "-i", ",".join(addons), "--test-enable", "--test-tags", tags,
                      "--stop-after-init", "--http-interface=127.0.0.1", port,
                      logfile=logfile, coverage=True)  # fmt: skip
        passed, odoo_failed = odoo_counts(log.read_text())
        odoo_failed = odoo_failed or int(rc != 0)
        # A failed test already logs an ERROR: the log check adds nothing then.
        log_ok = py("checklog_odoo", "--no-echo", log).returncode == 0
        failed += odoo_failed + int(not log_ok and not odoo_failed)
        if not (os.environ.get("NO_PYTEST") or os.environ.get("ADDONS")):
            py_passed, py_failed = pytest_counts(db, workdir)
            passed, failed = passed + py_passed, failed + py_failed
        print_coverage(addons)
    except subprocess.CalledProcessError as error:
        print(f"[coop] {error}")
        failed += 1
    finally:
        if not os.environ.get("KEEP_DB"):
            py("click_odoo_contrib.dropdb", "--if-exists", db)
    print(f"{passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed or not passed else 0)


def cmd_demo():
    """Create (when absent) and serve the demo database, users in French."""
    db, port = os.environ.get("DB", "coop_demo"), os.environ.get("PORT", "8069")
    odoo_args = ["odoo", "-d", db, f"--addons-path={ADDONS_PATH}"]
    if install_addons(db):
        shell = [odoo_args[0], "shell", *odoo_args[1:], "--no-http", "--log-level=warn"]
        py(*shell, input=FRENCH_USERS, text=True, check=True)
    print(f"serving http://localhost:{port} (login admin / admin)", flush=True)
    os.execv(sys.executable, [sys.executable, "-m", *odoo_args,
             f"--http-port={port}", f"--db-filter=^{db}$"])  # fmt: skip


def cmd_bench():
    """Create (when absent) and fill the bench database, then run the benchmarks."""
    install_addons("coop_bench")
    env = dict(os.environ, ODOO_RC=str(write_odoo_rc("coop_bench", tempfile.mkdtemp())))
    scripts = ["generate.py", *sorted(p.name for p in ROOT.glob("bench/bench_*.py"))]
    for script in scripts:
        extra = ["--n", os.environ.get("N", "800")] if script == "generate.py" else []
        subprocess.run(
            [sys.executable, ROOT / "bench" / script, *extra], env=env, check=True
        )


if __name__ == "__main__":
    if not ODOO_SPEC:
        sys.exit("Odoo 18.0 is not importable by python3: see README, Prerequisites.")
    commands = {"test": cmd_test, "demo": cmd_demo, "bench": cmd_bench}
    if sys.argv[1:] not in [[name] for name in commands]:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(commands)}}} (see the Makefile)")
    commands[sys.argv[1]]()
