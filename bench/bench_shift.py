"""coop_shift benchmarks at N members (default: the members gen_shift made).

Each job is printed beside, in the same run, a naive ORM loop and the raw-SQL
floor of the same job, with the ratios (``compare``). Every sample runs in its
own transaction, rolled back; setups are untimed.

    ODOO_RC=odoo.cfg python3 bench/bench_shift.py [--naive-days 20]

Jobs:
1. daily status recompute on a typical day (~3 % of members change);
2. status recompute where every member's status changes;
3. shifts for 200 days generated from empty;
4. the daily generation run (one more day of horizon).
"""

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib  # noqa: E402

from _common import bench_env, compare  # noqa: E402

import odoo  # noqa: E402
from odoo import sql_db  # noqa: E402
from odoo.tools import SQL, config  # noqa: E402


@contextlib.contextmanager
def fresh_env():
    """A new cursor on the bench database, rolled back (config parsed once)."""
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


MAY_SHOP = ("up_to_date", "alert", "delay", "exempted")


def bench_ids(env):
    """The members that gen_shift prepared (the first N by id)."""
    env.cr.execute(
        "SELECT DISTINCT partner_id FROM coop_shift_counter_line "
        "WHERE reason = 'bench history' ORDER BY partner_id"
    )
    return [row[0] for row in env.cr.fetchall()]


def vacuum(*tables):
    """VACUUM ANALYZE ``tables`` (outside a transaction): each rolled-back
    sample leaves every row it touched dead, which autovacuum would clear in
    a live database; without this, later samples pay for earlier ones."""
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        cr._cnx.autocommit = True  # VACUUM refuses to run in a transaction
        try:
            for table in tables:
                cr.execute(SQL("VACUUM ANALYZE %s", SQL.identifier(table)))
        finally:
            cr._cnx.autocommit = False


def run(setup, job, samples=3):
    """Median wall time of ``job(env, data)`` over fresh rolled-back transactions.

    With several samples, one more runs first and is not counted: the daily
    jobs run in a warm server process, not the first time Python meets the code.
    """
    times, queries = [], []
    for _i in range(samples + 1 if samples > 1 else samples):
        vacuum("res_partner", "coop_shift", "coop_shift_registration")
        with fresh_env() as env:
            data = setup(env)
            env.flush_all()
            env.cr.execute("ANALYZE res_partner")
            env.invalidate_all()
            count = sql_db.sql_counter
            start = time.perf_counter()
            job(env, data)
            env.flush_all()
            times.append(time.perf_counter() - start)
            queries.append(sql_db.sql_counter - count)
    if samples > 1:
        times, queries = times[1:], queries[1:]
    return statistics.median(times), statistics.median(queries)


# ----------------------------------------------------------------------
# Status: setups
# ----------------------------------------------------------------------
def setup_typical_day(env):
    """3 % of members have a threshold today: 300 alert deadlines reached,
    150 leaves starting today, 150 leaves that ended yesterday."""
    cr, today = env.cr, date.today()
    ids = bench_ids(env)
    owing = [i for n, i in enumerate(ids) if n % 10 == 9][:300]
    cr.execute(
        "UPDATE res_partner SET coop_state = 'alert', coop_can_shop = TRUE, "
        "coop_alert_deadline = %s, coop_alert_start = %s WHERE id = ANY(%s)",
        [today, today - timedelta(days=28), owing],
    )
    fresh = [i for n, i in enumerate(ids) if n % 10 in (1, 2)][:300]
    holiday = env.ref("coop_shift.leave_type_holiday").id
    cr.execute(
        "INSERT INTO coop_shift_leave (partner_id, type_id, can_shop, date_start, "
        "date_end, state) SELECT unnest(%s), %s, FALSE, %s, %s, 'confirmed'",
        [fresh[:150], holiday, today, today + timedelta(days=14)],
    )
    cr.execute(
        "INSERT INTO coop_shift_leave (partner_id, type_id, can_shop, date_start, "
        "date_end, state) SELECT unnest(%s), %s, FALSE, %s, %s, 'confirmed'",
        [fresh[150:], holiday, today - timedelta(days=14), today - timedelta(days=1)],
    )
    cr.execute(
        "UPDATE res_partner SET coop_state = 'holiday', coop_can_shop = FALSE "
        "WHERE id = ANY(%s)",
        [fresh[150:]],
    )
    return ids


def setup_all_change(env):
    """Every member's stored status is stale ('member')."""
    ids = bench_ids(env)
    env.cr.execute(
        "UPDATE res_partner SET coop_state = 'member', coop_can_shop = FALSE "
        "WHERE id = ANY(%s)",
        [ids],
    )
    return ids


# ----------------------------------------------------------------------
# Status: the three implementations
# ----------------------------------------------------------------------
def engine_daily(env, _ids):
    env["res.partner"]._cron_coop_update_state()


def engine_all(env, ids):
    env["res.partner"].browse(ids)._coop_update_state()


def naive_status(env, ids):
    """Per member: search its ledger, leave and extension, decide, write."""
    # the engine's outputs are written by the engine only (sudo and its key)
    Partner = (
        env["res.partner"]
        .sudo()
        .with_context(tracking_disable=True, coop_state_engine=True)
    )
    Line = env["coop.shift.counter.line"]
    Leave = env["coop.shift.leave"]
    Extension = env["coop.shift.extension"]
    today = date.today()
    for partner in Partner.browse(ids):
        lines = Line.search([("partner_id", "=", partner.id)])
        owed = -min(sum(lines.mapped("points")), 0)
        leave = Leave.search(
            [
                ("partner_id", "=", partner.id),
                ("state", "=", "confirmed"),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ],
            limit=1,
        )
        extension = Extension.search_count(
            [
                ("partner_id", "=", partner.id),
                ("date_start", "<=", today),
                ("date_end", ">=", today),
            ]
        )
        if leave:
            state = "exempted" if leave.can_shop else "holiday"
        elif owed and extension:
            state = "delay"
        elif partner.coop_shift_unsubscribed:
            state = "unsubscribed"
        elif owed >= 4:
            state = "frozen"
        elif owed and (partner.coop_alert_deadline or today) <= today:
            state = "suspended"
        elif owed:
            state = "alert"
        else:
            state = "up_to_date"
        if state != partner.coop_state:
            partner.write({"coop_state": state, "coop_can_shop": state in MAY_SHOP})


SQL_STATUS = """
WITH lv AS (
    SELECT partner_id, bool_and(can_shop) AS can_shop FROM coop_shift_leave
     WHERE state = 'confirmed' AND date_start <= %(today)s
       AND (date_end IS NULL OR date_end >= %(today)s) GROUP BY partner_id
), ext AS (
    SELECT DISTINCT partner_id FROM coop_shift_extension
     WHERE date_start <= %(today)s AND date_end >= %(today)s
), booked AS (
    SELECT partner_id, count(*) AS n FROM coop_shift_registration
     WHERE kind = 'makeup' AND state = 'planned' AND date >= %(today)s
     GROUP BY partner_id
), f AS (
    SELECT p.id, p.coop_state AS old,
           - LEAST(p.coop_points_standard, 0) - LEAST(p.coop_points_flying, 0) AS owed,
           lv.can_shop AS leave_shop, ext.partner_id IS NOT NULL AS extended,
           p.coop_shift_unsubscribed AS unsub, p.coop_alert_deadline AS deadline,
           coalesce(b.n, 0) AS booked
      FROM res_partner p
      LEFT JOIN lv ON lv.partner_id = p.id
      LEFT JOIN ext ON ext.partner_id = p.id
      LEFT JOIN booked b ON b.partner_id = p.id
     WHERE p.id = ANY(%(ids)s) AND p.coop_share_qty > 0
       AND p.coop_welcome_date IS NOT NULL
), n AS (
    SELECT id, old, owed, CASE
        WHEN leave_shop IS FALSE THEN 'holiday'
        WHEN leave_shop THEN 'exempted'
        WHEN owed > 0 AND extended THEN 'delay'
        WHEN unsub THEN 'unsubscribed'
        WHEN owed - booked >= 4 THEN 'frozen'
        WHEN owed > 0 AND coalesce(deadline, %(today)s) <= %(today)s THEN 'suspended'
        WHEN owed > 0 THEN 'alert'
        ELSE 'up_to_date' END AS state
      FROM f
), u AS (
    UPDATE res_partner p
       SET coop_state = n.state, coop_can_shop = n.state IN %(shop)s,
           write_uid = 1, write_date = now() at time zone 'UTC'
      FROM n
     WHERE p.id = n.id AND p.coop_state IS DISTINCT FROM n.state
 RETURNING p.id, n.old, n.state
)
INSERT INTO coop_state_change (partner_id, date, old_state, new_state, can_shop)
SELECT id, now() at time zone 'UTC', old, state, state IN %(shop)s FROM u
"""


def sql_status(env, ids):
    env.cr.execute(SQL_STATUS, {"today": date.today(), "ids": ids, "shop": MAY_SHOP})
    env.invalidate_all()


def sql_daily(env, _ids):
    due = env["res.partner"]._coop_partners_due_today()
    sql_status(env, list(due.ids))


# ----------------------------------------------------------------------
# Generation
# ----------------------------------------------------------------------
def setup_empty(env):
    # services given to the solidarity pool keep their registration (restrict)
    env.cr.execute("DELETE FROM coop_shift_solidarity")
    env.cr.execute("DELETE FROM coop_shift")
    return None


def setup_horizon(env):
    """Shifts exist up to today + 90; the job adds day 91."""
    env.cr.execute(
        "DELETE FROM coop_shift WHERE date > %s", [date.today() + timedelta(90)]
    )
    return None


def engine_generate(days):
    def job(env, _data):
        today = date.today()
        env["coop.shift"]._coop_generate(
            date_from=today + timedelta(1), date_to=today + timedelta(days)
        )

    return job


def naive_generate(days, date_from_offset=1):
    """Per template and day: search_count the shift, create it, then one
    create() per standing member."""

    def job(env, _data):
        Shift = env["coop.shift"]
        Registration = env["coop.shift.registration"]
        company = env.company
        today = date.today()
        templates = env["coop.shift.template"].search([])
        for offset in range(date_from_offset, days + 1):
            day = today + timedelta(offset)
            letter = company._coop_shift_week_letter(day)
            for template in templates:
                if (
                    template.week_letter != letter
                    or int(template.weekday) != day.weekday()
                ):
                    continue
                if Shift.search_count(
                    [("template_id", "=", template.id), ("date", "=", day)]
                ):
                    continue
                shift = Shift.create(
                    {
                        "template_id": template.id,
                        "date": day,
                        "date_begin": f"{day} 08:00:00",
                        "date_end": f"{day} 11:00:00",
                        "seats_max": template.seats_max,
                    }
                )
                for line in template.registration_ids:
                    Registration.with_context(tracking_disable=True).create(
                        {
                            "shift_id": shift.id,
                            "partner_id": line.partner_id.id,
                            "kind": "standing",
                        }
                    )

    return job


SQL_GENERATE = """
WITH ins AS (
    INSERT INTO coop_shift (template_id, company_id, date, date_begin, date_end,
        week_letter, seats_max, state)
    SELECT t.id, t.company_id, d::date, d, d + interval '3 hours', t.week_letter,
           t.seats_max, 'open'
      FROM generate_series(%(from)s::date, %(to)s::date, interval '1 day') d
      JOIN coop_shift_template t
        ON t.weekday::int = extract(isodow FROM d)::int - 1
       AND t.week_letter = chr(65 + mod((d::date - %(week_a)s::date) / 7, 4))
    ON CONFLICT (template_id, date) DO NOTHING
    RETURNING id, template_id, date, company_id
)
INSERT INTO coop_shift_registration (shift_id, partner_id, date, company_id, kind,
    state, exchange_state)
SELECT ins.id, r.partner_id, ins.date, ins.company_id, 'standing', 'planned', 'none'
  FROM ins JOIN coop_shift_template_registration r ON r.template_id = ins.template_id
"""


def sql_generate(days, date_from_offset=1):
    def job(env, _data):
        today = date.today()
        env.cr.execute(
            SQL_GENERATE,
            {
                "from": today + timedelta(date_from_offset),
                "to": today + timedelta(days),
                "week_a": env.company.coop_shift_week_a_date,
            },
        )

    return job


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--naive-days", type=int, default=20)
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()
    with bench_env() as env:
        n = len(bench_ids(env))
    print(f"coop_shift bench: {n} members", flush=True)
    k = args.samples

    daily, q = run(setup_typical_day, engine_daily, k)
    print(f"  (engine daily: {q} queries)")
    naive, _ = run(setup_typical_day, naive_status, 1)
    floor, _ = run(setup_typical_day, sql_daily, k)
    compare("status, typical day (3 %)", daily, {"naive": naive, "sql floor": floor})

    full, q = run(setup_all_change, engine_all, k)
    print(f"  (engine full: {q} queries)")
    naive, _ = run(setup_all_change, naive_status, 1)
    floor, _ = run(setup_all_change, sql_status, k)
    compare("status, every member changes", full, {"naive": naive, "sql floor": floor})

    gen, q = run(setup_empty, engine_generate(200), k)
    print(f"  (engine 200 days: {q} queries)")
    nd = args.naive_days
    naive, _ = run(setup_empty, naive_generate(nd), 1)
    floor, _ = run(setup_empty, sql_generate(200), k)
    compare(
        "generation, 200 days from empty",
        gen,
        {f"naive (x{200 / nd:.0f} of {nd} days)": naive * 200 / nd, "sql floor": floor},
    )

    inc, q = run(setup_horizon, engine_generate(91), k)
    print(f"  (engine daily generation: {q} queries)")
    naive, _ = run(setup_horizon, naive_generate(91, 91), 1)
    floor, _ = run(setup_horizon, sql_generate(91, 91), k)
    compare("generation, daily run", inc, {"naive": naive, "sql floor": floor})


if __name__ == "__main__":
    main()
