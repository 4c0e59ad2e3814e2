#!/usr/bin/env python3
"""Build, test, demo and bench harness for the coop addons (called by the Makefile).

Databases are made from a cached *template* holding Odoo's own dependencies of the
four addons, installed in passes (company in France first, so that the French chart
of accounts is loaded, then accounting, then POS and the rest). Test and demo
databases are copies of it (``createdb -T``), so only our addons are installed, and
tested, on top.
"""

import argparse
import ast
import configparser
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
COOP_ADDONS = ["coop_membership", "coop_shift", "coop_ssa", "coop_training"]
# French tills must be inalterable: the demo coop and the tests run with the
# French localisation and its POS certification module installed.
LOCALISATION = ["l10n_fr", "l10n_fr_pos_cert"]
TEMPLATE_LANG = "fr_FR"
PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PG_USER = os.environ.get("PGUSER", "odoo")
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>WARNING|ERROR|CRITICAL) "
)
# Lines reporting a failed test, already counted by Odoo's own test result.
TEST_REPORT = re.compile(r" (FAIL|ERROR): |odoo\.tests\.result: \d+ failed")
ODOO_RESULT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<total>\d+) tests "
    r"when loading database"
)

SET_COMPANY_FR = """
fr = env.ref("base.fr")
env.company.write({"country_id": fr.id, "currency_id": env.ref("base.EUR").id})
env.company.partner_id.write({"country_id": fr.id, "city": "Paris", "zip": "75011",
                              "street": "65 boulevard de Charonne"})
env.cr.commit()
"""

CHECK_TEMPLATE = """
import sys
chart = env.company.chart_template
domain = [("state", "=", "installed"), ("demo", "=", False)]
no_demo = env["ir.module.module"].search(domain)
print("chart:", chart, "- modules without demo data:", no_demo.mapped("name"))
sys.exit(0 if chart == "fr" and not no_demo else 3)
"""

SET_FRENCH_USERS = """
env["res.lang"]._activate_lang("fr_FR")
env["res.users"].with_context(active_test=False).search([]).write({"lang": "fr_FR"})
env.company.partner_id.lang = "fr_FR"
env.cr.commit()
"""


def log(msg):
    print(f"[coop] {msg}", flush=True)


def check_odoo():
    """Exit with one clear line when Odoo 18 cannot be imported."""
    code = "import odoo.release as r, sys; sys.exit(r.serie != '18.0')"
    if subprocess.run([sys.executable, "-c", code], capture_output=True).returncode:
        print(
            "Odoo 18.0 is not importable by this Python: install Odoo 18.0 Community "
            "(https://www.odoo.com/documentation/18.0/administration/on_premise/"
            "source.html: pip install -r requirements.txt && pip install -e .) "
            "then run again.",
            flush=True,
        )
        sys.exit(2)


def pg_env():
    env = dict(os.environ)
    env.update(PGHOST=PG_HOST, PGPORT=PG_PORT, PGUSER=PG_USER)
    return env


def psql(sql, db="postgres"):
    out = subprocess.run(
        ["psql", "-d", db, "-Atqc", sql],
        env=pg_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def db_exists(name):
    return bool(psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def installed_modules(db):
    if not psql("SELECT to_regclass('ir_module_module')", db=db):
        return set()  # an empty database
    sql = "SELECT name FROM ir_module_module WHERE state = 'installed'"
    return set(psql(sql, db=db).split())


def filestore(db):
    from odoo.tools import config  # noqa: PLC0415  (importable once checked)

    return Path(config.filestore(db))


def dropdb(name):
    subprocess.run(["dropdb", "--if-exists", "--force", name], env=pg_env(), check=True)
    shutil.rmtree(filestore(name), ignore_errors=True)


def createdb(name, template="template0"):
    """Create a database, as a copy of ``template`` with its filestore."""
    subprocess.run(
        ["createdb", "-E", "UTF8", "-T", template, name], env=pg_env(), check=True
    )
    shutil.rmtree(filestore(name), ignore_errors=True)
    if filestore(template).is_dir():
        shutil.copytree(filestore(template), filestore(name))


def renamedb(old, new):
    psql(f'ALTER DATABASE "{old}" RENAME TO "{new}"')
    if filestore(old).is_dir():
        filestore(old).rename(filestore(new))


def odoo_cmd(db, *args, subcommand=None):
    return [
        sys.executable,
        "-m",
        "odoo",
        *([subcommand] if subcommand else []),
        "-d",
        db,
        f"--addons-path={ADDONS_DIR}",
        f"--db_host={PG_HOST}",
        f"--db_port={PG_PORT}",
        f"--db_user={PG_USER}",
        *args,
    ]


def run_odoo(db, *args, logfile=None):
    """Run Odoo, echo its output, and return (returncode, log lines)."""
    cmd = odoo_cmd(db, *args)
    lines = []
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as proc:
        for line in proc.stdout:
            lines.append(line)
            if logfile:
                logfile.write(line)
            sys.stdout.write(line)
    return proc.returncode, lines


def odoo_shell(db, code):
    proc = subprocess.run(
        odoo_cmd(db, "--no-http", "--log-level=warn", subcommand="shell"),
        input=code,
        text=True,
        capture_output=True,
    )
    sys.stdout.write(proc.stdout)
    return proc.returncode


def manifest(addon):
    return ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())


def odoo_dependencies(addons):
    """Odoo (non-coop) modules our addons depend on, directly or through each other."""
    deps, seen, todo = set(), set(), list(addons)
    while todo:
        addon = todo.pop()
        if addon in seen:
            continue
        seen.add(addon)
        for dep in manifest(addon).get("depends", []):
            if (ADDONS_DIR / dep).is_dir():
                todo.append(dep)
            else:
                deps.add(dep)
    return sorted(deps)


def template_name():
    import odoo.release  # noqa: PLC0415  (only importable once check_odoo passed)

    deps = odoo_dependencies(COOP_ADDONS)
    key = "|".join([odoo.release.version, "demo", TEMPLATE_LANG, *LOCALISATION, *deps])
    return "coop_tmpl_" + hashlib.sha1(key.encode()).hexdigest()[:10], deps


@contextlib.contextmanager
def template_lock():
    with open(os.path.join(tempfile.gettempdir(), "coop_template.lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def build_template():
    """Return the template database's name, building it first when absent."""
    name, deps = template_name()
    with template_lock():
        if db_exists(name):
            log(f"template database {name} is ready")
            return name
        building = name + "_building"
        log(f"building template database {name} ({len(deps)} Odoo modules)")
        dropdb(building)
        createdb(building)
        common = ["--stop-after-init", "--no-http", "--log-level=warn"]
        # Each pass names only modules not installed yet: `-i` on an installed
        # module reloads its data and demo data, and mail's demo data cannot be
        # loaded twice (Odoo then installs every later module without demo).
        # French is loaded last, once for all.
        steps = [
            ["base"],
            ["account"],
            deps + LOCALISATION,
        ]
        for i, modules in enumerate(steps):
            step = ["-i", ",".join(sorted(set(modules) - installed_modules(building)))]
            rc, _lines = run_odoo(building, *step, *common)
            if rc:
                sys.exit(f"template step {step} failed ({rc})")
            if i == 0 and odoo_shell(building, SET_COMPANY_FR):
                sys.exit("could not set the company in France")
        rc, _lines = run_odoo(building, f"--load-language={TEMPLATE_LANG}", *common)
        if rc:
            sys.exit(f"loading {TEMPLATE_LANG} failed ({rc})")
        if odoo_shell(building, CHECK_TEMPLATE):
            sys.exit("the template lacks the French chart or demo data")
        renamedb(building, name)
        log(f"template database {name} built")
        return name


def checklog(lines):
    """Return the WARNING/ERROR lines not on the allow-list of checklog-odoo.cfg.

    Lines that only report a failed test are left out: the test is already
    counted as failed.
    """
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "checklog-odoo.cfg")
    raw = cfg.get("checklog-odoo", "ignore", fallback="")
    ignores = [re.compile(p.strip()) for p in raw.splitlines() if p.strip()]
    bad = []
    for line in lines:
        match = LOG_LINE.match(line)
        if not match:
            continue
        if match["level"] == "WARNING" and any(p.search(line) for p in ignores):
            continue
        if TEST_REPORT.search(line):
            continue
        bad.append(line.rstrip())
    return bad


def odoo_counts(lines):
    for line in reversed(lines):
        match = ODOO_RESULT.search(line)
        if match:
            failed = int(match["failed"]) + int(match["errors"])
            return int(match["total"]) - failed, failed
    return 0, 0


def write_odoo_rc(db, path):
    path.write_text(
        "[options]\n"
        f"db_name = {db}\n"
        f"db_host = {PG_HOST}\n"
        f"db_port = {PG_PORT}\n"
        f"db_user = {PG_USER}\n"
        f"addons_path = {ADDONS_DIR}\n"
    )


def run_pytest(db, workdir):
    """Run the top-level tests/ with pytest-odoo; return (passed, failed)."""
    rc_file = workdir / "odoo.cfg"
    write_odoo_rc(db, rc_file)
    junit = workdir / "pytest.xml"
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(ROOT / "tests"),
        f"--odoo-config={rc_file}",
        f"--junitxml={junit}",
        "-p",
        "no:cacheprovider",
        "-q",
    ]
    proc = subprocess.run(cmd, cwd=ROOT)
    if not junit.exists():
        return 0, 1
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    if proc.returncode not in (0, 1, 5) and not failed:
        failed = 1
    return total - failed - skipped, failed


def cmd_template(_args):
    check_odoo()
    build_template()


def cmd_test(args):
    check_odoo()
    addons = args.addons.split() if args.addons else COOP_ADDONS
    template = build_template()
    db = f"coop_test_{os.getpid()}"
    port = args.port or str(8169 + os.getpid() % 500)
    workdir = Path(tempfile.mkdtemp(prefix="coop_test_"))
    start = time.time()
    createdb(db, template)
    try:
        with open(workdir / "odoo.log", "w") as logfile:
            rc, lines = run_odoo(
                db,
                "-i",
                ",".join(addons),
                "--test-enable",
                "--test-tags",
                args.test_tags or ",".join(f"/{a}" for a in addons),
                "--stop-after-init",
                "--http-interface=127.0.0.1",
                f"--http-port={port}",
                "--log-level=info",
                logfile=logfile,
            )
        passed, failed = odoo_counts(lines)
        bad = checklog(lines)
        py_passed, py_failed = run_pytest(db, workdir) if not args.no_pytest else (0, 0)
    finally:
        if not args.keep_db:
            dropdb(db)
        else:
            log(f"database kept: {db}")
    print()
    log(f"Odoo tests: {passed} passed, {failed} failed (odoo exit code {rc})")
    log(f"pytest (tests/): {py_passed} passed, {py_failed} failed")
    if bad:
        log(f"{len(bad)} log line(s) at WARNING or above not on the allow-list:")
        for line in bad:
            print("    " + line)
    log(f"total time {time.time() - start:.0f} s")
    total_failed = failed + py_failed + (1 if (rc and not failed) else 0) + len(bad)
    print(f"{passed + py_passed} passed, {total_failed} failed", flush=True)
    if total_failed or not passed:
        sys.exit(1)


def cmd_demo(args):
    check_odoo()
    if not db_exists(args.db):
        template = build_template()
        log(f"creating demo database {args.db}")
        createdb(args.db, template)
        rc, _lines = run_odoo(
            args.db, "-i", ",".join(COOP_ADDONS), "--stop-after-init", "--no-http"
        )
        if rc or odoo_shell(args.db, SET_FRENCH_USERS):
            dropdb(args.db)
            sys.exit("demo database could not be created")
    else:
        log(f"reusing demo database {args.db}")
    log(f"serving http://localhost:{args.port} (login admin / admin)")
    os.execv(
        sys.executable,
        odoo_cmd(args.db, f"--http-port={args.port}", f"--db-filter=^{args.db}$"),
    )


def cmd_bench(args):
    check_odoo()
    db = "coop_bench"
    if not db_exists(db):
        createdb(db, build_template())
        rc, _lines = run_odoo(
            db, "-i", ",".join(COOP_ADDONS), "--stop-after-init", "--no-http"
        )
        if rc:
            dropdb(db)
            sys.exit("bench database could not be created")
    rc_file = Path(tempfile.mkdtemp(prefix="coop_bench_")) / "odoo.cfg"
    write_odoo_rc(db, rc_file)
    env = dict(os.environ, ODOO_RC=str(rc_file))
    scripts = [ROOT / "bench" / "generate.py"] + sorted(
        (ROOT / "bench").glob("bench_*.py")
    )
    for script in scripts:
        log(f"running {script.relative_to(ROOT)}")
        extra = ["--n", str(args.n)] if script.name == "generate.py" else []
        subprocess.run([sys.executable, str(script), *extra], env=env, check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("template").set_defaults(func=cmd_template)
    test = sub.add_parser("test")
    test.add_argument("--addons", default=os.environ.get("ADDONS", ""))
    test.add_argument("--port", default=os.environ.get("TEST_PORT", ""))
    test.add_argument("--test-tags", default=os.environ.get("TEST_TAGS", ""))
    test.add_argument(
        "--keep-db", action="store_true", default=bool(os.environ.get("KEEP_DB"))
    )
    test.add_argument(
        "--no-pytest", action="store_true", default=bool(os.environ.get("NO_PYTEST"))
    )
    test.set_defaults(func=cmd_test)
    demo = sub.add_parser("demo")
    demo.add_argument("--db", default="coop_demo")
    demo.add_argument("--port", default="8069")
    demo.set_defaults(func=cmd_demo)
    bench = sub.add_parser("bench")
    bench.add_argument("--n", type=int, default=800)
    bench.set_defaults(func=cmd_bench)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
