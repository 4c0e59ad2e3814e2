"""Member self-service (issue #18) at bench size: portal pages, the iCal feed
and the watch notification of a freed seat.

    ODOO_RC=odoo.cfg python3 bench/bench_portal.py [--samples 30] [--port 8769]

1. Setup (committed, idempotent): the member with the longest history gets a
   portal user, a calendar token, a watch and a reminder preference;
   ``--watchers`` other members watch the weekday of one shift.
2. Portal pages: an Odoo server is started on the bench database (one
   process, no cron) and each page is fetched ``--samples`` times as that
   member. The time reported is the server's, read from Odoo's request log
   (werkzeug line: query time + the rest, from the WSGI entry to the response
   written), beside a do-nothing route (``/web/webclient/version_info``) so
   the framework's own share is visible; the client's round trip is printed
   too. Goal: each page <= 150 ms of server time.
3. iCal feed in-process: ``coop.calendar.token._coop_feed`` against the SQL
   floor (the one query that reads the same events). Goal <= 50 ms.
4. Watch notification in-process: cancelling a registration of the watched
   shift (the write and its hook: the news of every watcher recorded, their
   mails left to the cron it triggers), against the same write with no watch
   in the database (rolled back each time). Goal <= 100 ms.
"""

import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, parse_args, report, timed

LOGIN = "bench_portal_member"
PAGES = [
    "/my/coop",
    "/my/calendar",
    "/my/watch",
    "/my/reminders",
    "/my/allowance",
    "/my/trainings",
    "/my/data",
    "/my/data/download",
    "/my/card",
    "/my/shifts",
]


def busiest_member(env):
    """The member with the most shift registrations and wallet lines."""
    env.cr.execute(
        """SELECT partner_id, count(*) FROM (
               SELECT partner_id FROM coop_shift_registration
               UNION ALL
               SELECT b.partner_id FROM coop_ssa_wallet_line l
                 JOIN coop_ssa_beneficiary b ON b.id = l.beneficiary_id) h
            JOIN res_partner p ON p.id = h.partner_id
           WHERE p.coop_state NOT IN ('not_member', 'candidate', 'former')
           GROUP BY partner_id ORDER BY 2 DESC LIMIT 1"""
    )
    pid, rows = env.cr.fetchone()
    return env["res.partner"].browse(pid), rows


def setup(env, watchers):
    """The bench member's portal user, token, watch and preference; the
    watched shift and its watchers. Returns (partner, password, token,
    history rows)."""
    partner, rows = busiest_member(env)
    password = "bench-portal-" + secrets.token_hex(4)
    user = (
        env["res.users"].with_context(active_test=False).search([("login", "=", LOGIN)])
    )
    if user and user.partner_id != partner:
        user.login = f"{LOGIN}_{user.id}"
        user = user.browse()
    if not user:
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": LOGIN,
                    "partner_id": partner.id,
                    "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
                }
            )
        )
    user.write({"password": password, "active": True})
    token = env["coop.calendar.token"]._coop_issue(partner)
    Pref = env["coop.shift.reminder.preference"]
    if not Pref.search([("partner_id", "=", partner.id)]):
        Pref.create({"partner_id": partner.id, "days_first": 7, "days_second": 1})
    shift = watched_shift(env)
    Watch = env["coop.shift.watch"]
    weekday = str(shift.date.weekday())
    have = Watch.search_count([("kind", "=", "weekday"), ("weekday", "=", weekday)])
    if have < watchers:
        others = env["res.partner"].search(
            [("coop_state", "=", "up_to_date"), ("id", "!=", partner.id)],
            limit=watchers - have,
            offset=have,
        )
        Watch.create(
            [
                {"partner_id": p.id, "kind": "weekday", "weekday": weekday}
                for p in others
            ]
        )
    if not Watch.search_count([("partner_id", "=", partner.id)]):
        Watch.create({"partner_id": partner.id, "kind": "understaffed"})
    env.cr.commit()
    return partner, password, token, rows


def watched_shift(env):
    """An open shift in a week's time, with planned registrations."""
    env.cr.execute(
        """SELECT s.id FROM coop_shift s
             JOIN coop_shift_registration r ON r.shift_id = s.id
            WHERE s.state = 'open' AND s.date_begin > now() + interval '5 days'
              AND r.state = 'planned'
            GROUP BY s.id ORDER BY s.date_begin, count(*) DESC LIMIT 1"""
    )
    return env["coop.shift"].browse(env.cr.fetchone()[0])


def free_port(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def serve(port, logfile):
    """An Odoo server on the bench database (the ODOO_RC config), logging
    each request with its server time to ``logfile``."""
    cmd = [
        sys.executable, "-m", "odoo", f"--http-port={port}",
        "--http-interface=127.0.0.1", "--max-cron-threads=0", "--workers=0",
        "--log-level=warn", "--log-handler=werkzeug:INFO", f"--logfile={logfile}",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _i in range(240):
        try:
            requests.get(f"http://127.0.0.1:{port}/web/health", timeout=2)
            return proc
        except requests.RequestException:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError("the bench server did not start")


# werkzeug's request line, then Odoo's perf info: queries, query s, other s
REQUEST_LOG = re.compile(
    r'"(?:GET|POST) (\S+) HTTP/[\d.]+" \d+ \S+ (\d+) ([\d.]+) ([\d.]+)'
)


def server_times(logfile, path, samples):
    """The last ``samples`` server times (s) and query counts of ``path``."""
    rows = [
        (float(match[3]) + float(match[4]), int(match[2]))
        for match in REQUEST_LOG.finditer(Path(logfile).read_text())
        if match[1] == path
    ][-samples:]
    return [row[0] for row in rows], max((row[1] for row in rows), default=0)


def bench_pages(db, port, password, token, samples, logfile):
    base = f"http://127.0.0.1:{port}"
    session = requests.Session()
    auth = session.post(
        f"{base}/web/session/authenticate",
        json={"params": {"db": db, "login": LOGIN, "password": password}},
        timeout=60,
    )
    assert auth.json().get("result"), auth.text[:300]
    floor_path = "/web/webclient/version_info"

    def get(url):
        response = session.get(url, timeout=60)
        assert response.status_code == 200, (url, response.status_code)
        return response

    def post_floor():
        session.post(base + floor_path, json={"params": {}}, timeout=60)

    for _i in range(3):
        post_floor()
    client = {floor_path: [timed(post_floor)[1] for _i in range(samples)]}
    pages = [*PAGES, f"/coop/calendar/{token}.ics"]
    for page in pages:
        # the page's final address: a member's language prefixes it (/fr/...)
        path = get(base + page).url.removeprefix(base)
        get(base + path)
        client[path] = [timed(get, base + path)[1] for _i in range(samples)]
    time.sleep(1)  # the last log lines written
    print("server time per page (Odoo's request log), client round trip after")
    floor = statistics.median(server_times(logfile, floor_path, samples)[0])
    for path, round_trips in client.items():
        server, queries = server_times(logfile, path, samples)
        label = "/coop/calendar/<token>.ics" if path.endswith(".ics") else path
        if path == floor_path:
            label = "floor: version_info (reads nothing)"
        report(f"server {label} ({queries} queries)", server)
        over = (statistics.median(server) - floor) * 1000
        print(
            f"    p50 over the floor: {over:.2f} ms; "
            f"client p50 {statistics.median(round_trips) * 1000:.2f} ms",
            flush=True,
        )


def bench_ical(env, partner, samples):
    Token = env["coop.calendar.token"]
    body = Token._coop_feed(partner)
    events = body.count(b"BEGIN:VEVENT")

    def floor():
        env.cr.execute(
            """SELECT r.id, s.date_begin, s.date_end, s.template_id
                 FROM coop_shift_registration r JOIN coop_shift s ON s.id = r.shift_id
                WHERE r.partner_id = %s AND r.state = 'planned'
                  AND s.date_begin >= now() - interval '30 days'
                  AND s.date_begin < now() + interval '366 days'""",
            [partner.id],
        )
        return env.cr.fetchall()

    feed, sql = [], []
    for _i in range(samples):
        env.invalidate_all()
        feed.append(timed(Token._coop_feed, partner)[1])
        sql.append(timed(floor)[1])
    print(f"iCal: {events} events for member {partner.id}", flush=True)
    report("iCal feed in-process (_coop_feed), ORM caches cleared", feed)
    report("iCal SQL floor (one query of the same events)", sql)


def bench_watch(env, samples):
    shift = watched_shift(env)
    watchers = env["coop.shift.watch"].search_count(
        [("kind", "=", "weekday"), ("weekday", "=", str(shift.date.weekday()))]
    )
    regs = shift.registration_ids.filtered(lambda r: r.state == "planned")
    told, bare = [], []
    for reg in regs[:samples] or regs:
        for bucket, drop_watches in ((told, False), (bare, True)):
            env.cr.execute("SAVEPOINT bench_watch")
            if drop_watches:
                env.cr.execute("DELETE FROM coop_shift_watch")
            env.invalidate_all()
            bucket.append(timed(reg.write, {"state": "cancelled"})[1])
            if not drop_watches:
                news = env["coop.shift.watch.event"].search_count(
                    [("shift_id", "=", shift.id)]
                )
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_watch")
            env.invalidate_all()
    print(
        f"watch: shift {shift.id}, {watchers} members watching its weekday, "
        f"{len(told)} seats freed one at a time (last: {news} news recorded, "
        "their mails left to the triggered cron)",
        flush=True,
    )
    report("seat freed: write + watch notification (news recorded)", told)
    report("seat freed: the same write, no watch in the database", bare)


def main():
    args = parse_args(__doc__, samples=30, port=8769, watchers=200)
    with bench_env() as env:
        members = env["res.partner"].search_count([("coop_is_member", "=", True)])
        partner, password, token, rows = setup(env, args.watchers)
        db = env.cr.dbname
        print(f"portal bench: {members} members; member {partner.id} with {rows} "
              "history rows (registrations and wallet lines)", flush=True)  # fmt: skip
        bench_ical(env, partner, args.samples)
        bench_watch(env, args.samples)
    port = args.port
    while not free_port(port):
        port += 1
    with tempfile.NamedTemporaryFile(suffix=".log") as log:
        proc = serve(port, log.name)
        try:
            bench_pages(db, port, password, token, args.samples, log.name)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
