"""coop_shift benchmarks at N members (default: the members gen_shift made).

Each job is printed beside, in the same run, a naive ORM loop and the raw-SQL
floor of the same job, with the ratios (``compare``). Every sample runs in its
own transaction, rolled back; setups are untimed. Before any time is printed,
the status jobs check that the naive loop, the engine and the SQL floor leave
the same states on the same members.

    ODOO_RC=odoo.cfg python3 bench/bench_shift.py [--naive-days 20] [--samples 5]

Jobs:
1. daily status recompute on a typical day (~3 % of members change);
2. status recompute where every member's status changes;
3. the extra cost of one input write (a welcome date) for one member;
4. shifts for 200 days generated from empty;
5. the daily generation run (one more day of horizon).
"""

import contextlib
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, compare, parse_args
from gen_shift import bench_templates

import odoo
from odoo import sql_db
from odoo.tools import SQL, config


def engine_constant(name):
    """A constant of the engine's module (importable once the config named
    the addons path)."""
    from odoo.addons.coop_membership.models import res_partner

    return getattr(res_partner, name)


# the goals of issue 11 (seconds)
GOALS = {"typical day": 0.2, "every member": 2.0, "input write": 0.005}


@contextlib.contextmanager
def fresh_env():
    """A new cursor on the bench database, rolled back (config parsed once)."""
    registry = odoo.modules.registry.Registry(config["db_name"])
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


def bench_ids(env):
    """The members that gen_shift prepared."""
    env.cr.execute(
        "SELECT DISTINCT partner_id FROM coop_shift_counter_line "
        "WHERE reason = 'bench history' ORDER BY partner_id"
    )
    return [row[0] for row in env.cr.fetchall()]


def stored_states(env, ids):
    env.flush_all()
    env.cr.execute(
        "SELECT id, coop_state, coop_can_shop FROM res_partner WHERE id = ANY(%s)",
        [ids],
    )
    return {pid: (state, bool(can_shop)) for pid, state, can_shop in env.cr.fetchall()}


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
    """Median wall time of ``job(env, data)`` over fresh rolled-back
    transactions, its median query count and the states it left (first sample).

    With several samples, one more runs first and is not counted: the daily
    jobs run in a warm server process, not the first time Python meets the code.
    """
    times, queries, states = [], [], None
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
            if states is None and data:
                states = stored_states(env, data)
    if samples > 1:
        times, queries = times[1:], queries[1:]
    return statistics.median(times), statistics.median(queries), states


def same_states(label, results):
    """Refuse to print times unless every implementation left the same states."""
    (first_label, first), *others = results.items()
    for other_label, other in others:
        diff = {pid for pid in first if first[pid] != other.get(pid)}
        if diff:
            pid = min(diff)
            raise SystemExit(
                f"{label}: {other_label} and {first_label} disagree on "
                f"{len(diff)} members, e.g. {pid}: {other.get(pid)} != {first[pid]}"
            )
    print(f"  {label}: {' == '.join(results)} on {len(first)} members", flush=True)


def bring_up_to_date():
    """Once, committed: every bench member's stored state is today's and the
    daily job ran yesterday (what a live database looks like in the morning)."""
    with bench_env(commit=True) as env:
        ids = bench_ids(env)
        env["res.partner"].browse(ids)._coop_update_state()
        env["ir.config_parameter"].set_param(
            engine_constant("CALENDAR_PARAM"), str(date.today() - timedelta(days=1))
        )
    return len(ids)


# ----------------------------------------------------------------------
# Status: setups
# ----------------------------------------------------------------------
def setup_typical_day(env):
    """3 % of members have a threshold today: 300 alert deadlines reached,
    150 leaves starting today, 150 leaves that ended yesterday. Their stored
    states are yesterday's (whatever the engine stored before the change)."""
    cr, today = env.cr, date.today()
    ids = bench_ids(env)
    cr.execute(
        "SELECT id FROM res_partner WHERE id = ANY(%s) AND coop_alert_deadline > %s "
        "ORDER BY id LIMIT 300",
        [ids, today],
    )
    owing = [row[0] for row in cr.fetchall()]
    cr.execute(
        "UPDATE res_partner SET coop_alert_deadline = %s WHERE id = ANY(%s)",
        [today, owing],
    )
    cr.execute(
        "SELECT id FROM res_partner p WHERE id = ANY(%s) AND NOT EXISTS (SELECT 1 "
        "FROM coop_shift_leave l WHERE l.partner_id = p.id) ORDER BY id LIMIT 300",
        [ids],
    )
    fresh = [row[0] for row in cr.fetchall()]
    holiday = env.ref("coop_shift.leave_type_holiday").id
    cr.execute(
        "INSERT INTO coop_shift_leave (partner_id, type_id, can_shop, date_start, "
        "date_end, state) SELECT unnest(%s), %s, FALSE, %s, %s, 'confirmed'",
        [fresh[:150], holiday, today, today + timedelta(days=14)],
    )
    # yesterday these were on leave (the engine stored it), the leave ended
    ended = env["res.partner"].browse(fresh[150:])
    cr.execute(
        "INSERT INTO coop_shift_leave (partner_id, type_id, can_shop, date_start, "
        "date_end, state) SELECT unnest(%s), %s, FALSE, %s, %s, 'confirmed'",
        [ended.ids, holiday, today - timedelta(days=14), today],
    )
    ended._coop_update_state()
    cr.execute(
        "UPDATE coop_shift_leave SET date_end = %s WHERE partner_id = ANY(%s)",
        [today - timedelta(days=1), ended.ids],
    )
    env.invalidate_all()
    return ids


def setup_all_change(env):
    """Every member's stored status is stale (not a member, may not shop)."""
    ids = bench_ids(env)
    env.cr.execute(
        "UPDATE res_partner SET coop_state = 'not_member', coop_can_shop = FALSE "
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


def _naive_state(env, partner, today, freeze):
    """The work rules written out by hand for one member, from the ORM."""
    lines = env["coop.shift.counter.line"].search([("partner_id", "=", partner.id)])
    owed = sum(
        -min(sum(lines.filtered(lambda x, c=c: x.counter == c).mapped("points")), 0)
        for c in ("standard", "flying")
    )
    leaves = env["coop.shift.leave"].search(
        [
            ("partner_id", "=", partner.id),
            ("state", "=", "confirmed"),
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]
    )
    extended = env["coop.shift.extension"].search_count(
        [
            ("partner_id", "=", partner.id),
            ("date_start", "<=", today),
            ("date_end", ">=", today),
        ]
    )
    booked = env["coop.shift.registration"].search_count(
        [
            ("partner_id", "=", partner.id),
            ("kind", "=", "makeup"),
            ("state", "=", "planned"),
            ("date", ">=", today),
        ]
    )
    works = (
        partner.coop_work_mode == "flying"
        or partner.coop_template_registration_ids
        or lines
    )
    if leaves:
        return "exempted" if all(leaves.mapped("can_shop")) else "holiday"
    if owed and extended:
        return "delay"
    if partner.coop_shift_unsubscribed:
        return "unsubscribed"
    if freeze > 0 and owed - booked >= freeze:
        return "frozen"
    if owed and (partner.coop_alert_deadline or today) <= today:
        return "suspended"
    if owed:
        return "alert"
    return "up_to_date" if works else "member"


def naive_status(env, ids):
    """Per member: search its ledger, leaves, extensions, make-ups, decide,
    write (the bench members all hold shares and attended the welcome)."""
    Partner = (
        env["res.partner"]
        .sudo()
        .with_context(
            tracking_disable=True, **{engine_constant("ENGINE_CONTEXT"): True}
        )
    )
    may_shop = Partner._coop_state_groups()["may_shop"]
    today = date.today()
    freeze = env.company.coop_shift_freeze_points
    for partner in Partner.browse(ids):
        state = _naive_state(env, partner, today, freeze)
        if state != partner.coop_state:
            partner.write({"coop_state": state, "coop_can_shop": state in may_shop})


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
        WHEN %(freeze)s > 0 AND owed - booked >= %(freeze)s THEN 'frozen'
        WHEN owed > 0 AND coalesce(deadline, %(today)s) <= %(today)s THEN 'suspended'
        WHEN owed > 0 THEN 'alert'
        ELSE 'up_to_date' END AS state
      FROM f
), u AS (
    UPDATE res_partner p
       SET coop_state = n.state, coop_can_shop = n.state IN %(shop)s,
           write_uid = 1, write_date = now() at time zone 'UTC'
      FROM n
     WHERE p.id = n.id AND (p.coop_state IS DISTINCT FROM n.state
           OR p.coop_can_shop IS DISTINCT FROM (n.state IN %(shop)s))
 RETURNING p.id, n.old, n.state
)
INSERT INTO coop_state_change (partner_id, date, old_state, new_state, can_shop)
SELECT id, now() at time zone 'UTC', old, state, state IN %(shop)s FROM u
 WHERE old IS DISTINCT FROM state
"""


def sql_status(env, ids):
    """The floor: one statement (bench members all work: no 'member' row)."""
    env.cr.execute(
        SQL_STATUS,
        {
            "today": date.today(),
            "ids": ids,
            "shop": env["res.partner"]._coop_state_groups()["may_shop"],
            "freeze": env.company.coop_shift_freeze_points,
        },
    )
    env.invalidate_all()


def sql_daily(env, _ids):
    due = env["res.partner"]._coop_partners_due_today()
    sql_status(env, list(due.ids))


# ----------------------------------------------------------------------
# One input write
# ----------------------------------------------------------------------
def input_writes(env, ids, engine, count=40):
    """Median time of one welcome-date write for one member (a real change
    each time), with the engine's trigger (``engine``) or without it (the
    engine's own key: the floor, the write alone)."""
    Partner = env["res.partner"]
    if not engine:
        Partner = Partner.with_context(**{engine_constant("ENGINE_CONTEXT"): True})
    day = date.today() - timedelta(days=400)
    samples = []
    for offset, pid in enumerate(ids[:count]):
        partner = Partner.browse(pid)
        env.invalidate_all()
        start = time.perf_counter()
        partner.write({"coop_welcome_date": day - timedelta(days=offset)})
        env.flush_all()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


# ----------------------------------------------------------------------
# Generation (on the bench templates only)
# ----------------------------------------------------------------------
def setup_empty(env):
    # services given to the solidarity pool keep their registration (restrict)
    env.cr.execute("DELETE FROM coop_shift_solidarity")
    env.cr.execute("DELETE FROM coop_shift")


def setup_horizon(env):
    """Shifts exist up to today + 90; the job adds day 91."""
    env.cr.execute(
        "DELETE FROM coop_shift WHERE date > %s", [date.today() + timedelta(90)]
    )


def engine_generate(days):
    def job(env, _data):
        today = date.today()
        env["coop.shift"]._coop_generate(
            date_from=today + timedelta(1),
            date_to=today + timedelta(days),
            templates=bench_templates(env),
        )

    return job


def naive_generate(days, date_from_offset=1):
    """Per template and day: search_count the shift, create it, then one
    create() per standing member."""

    def job(env, _data):
        Shift = env["coop.shift"]
        Registration = env["coop.shift.registration"].with_context(
            tracking_disable=True
        )
        company = env.company
        today = date.today()
        templates = bench_templates(env)
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
                    Registration.create(
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
     WHERE t.id = ANY(%(templates)s)
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
                "templates": bench_templates(env).ids,
            },
        )

    return job


def status_jobs(k):
    """Run the status jobs, check their states agree, then print their times."""
    rows = []
    daily = run(setup_typical_day, engine_daily, k)
    naive = run(setup_typical_day, naive_status, 1)
    floor = run(setup_typical_day, sql_daily, k)
    same_states(
        "typical day", {"naive": naive[2], "engine": daily[2], "sql floor": floor[2]}
    )
    rows.append(("typical day", "status, typical day (3 %)", daily, naive, floor))
    full = run(setup_all_change, engine_all, k)
    naive = run(setup_all_change, naive_status, 1)
    floor = run(setup_all_change, sql_status, k)
    same_states(
        "every member", {"naive": naive[2], "engine": full[2], "sql floor": floor[2]}
    )
    rows.append(("every member", "status, every member changes", full, naive, floor))
    for goal, label, engine, naive, floor in rows:
        print(f"  (engine {goal}: {engine[1]} queries)")
        compare(label, engine[0], {"naive": naive[0], "sql floor": floor[0]})
        ok = engine[0] <= GOALS[goal] and engine[0] <= 2 * floor[0]
        print(
            f"  goal <= {GOALS[goal]} s and <= 2x floor: {'met' if ok else 'NOT met'}"
        )


def input_write_job():
    with fresh_env() as env:
        ids = bench_ids(env)[::97]
        input_writes(env, ids, True, 5)  # warm-up
        with_engine = input_writes(env, ids, True)
    with fresh_env() as env:
        alone = input_writes(env, bench_ids(env)[::97], False)
    extra = with_engine - alone
    compare("one welcome-date write", with_engine, {"the write alone": alone})
    ok = extra <= GOALS["input write"]
    print(
        f"  extra cost of the engine: {extra * 1000:.2f} ms "
        f"(goal <= 5 ms: {'met' if ok else 'NOT met'})",
        flush=True,
    )


def main():
    args = parse_args(__doc__, naive_days=20, samples=5, skip_generation=0)
    n = bring_up_to_date()
    print(f"coop_shift bench: {n} members", flush=True)
    k = args.samples
    status_jobs(k)
    input_write_job()
    if args.skip_generation:
        return

    gen, q, _s = run(setup_empty, engine_generate(200), k)
    print(f"  (engine 200 days: {q} queries)")
    nd = args.naive_days
    naive, _q, _s = run(setup_empty, naive_generate(nd), 1)
    floor, _q, _s = run(setup_empty, sql_generate(200), k)
    compare(
        "generation, 200 days from empty",
        gen,
        {f"naive (x{200 / nd:.0f} of {nd} days)": naive * 200 / nd, "sql floor": floor},
    )

    inc, q, _s = run(setup_horizon, engine_generate(91), k)
    print(f"  (engine daily generation: {q} queries)")
    naive, _q, _s = run(setup_horizon, naive_generate(91, 91), 1)
    floor, _q, _s = run(setup_horizon, sql_generate(91, 91), k)
    compare("generation, daily run", inc, {"naive": naive, "sql floor": floor})


if __name__ == "__main__":
    main()
