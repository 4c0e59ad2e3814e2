"""Bench data for coop_shift: an ABCD grid and N working members.

280 templates (4 weeks x 7 days x 10 slots, ~71 standing members each), 90 %
standing and 10 % flying members, a 26-line points history per member (10 %
owing 2 services, 2 % owing 4), 2 % on leave, 1 % with a grace extension.
The first N members (made by gen_membership) are used; missing ones are
inserted here (``ref = 'bench-<i>'``). Idempotent for a given N.
"""

from datetime import date, timedelta

from odoo import Command

TEMPLATES = 280
LINES_PER_MEMBER = 26


def _q(cr, query, **params):
    cr.execute(query, params)


MEMBERS = (
    "SELECT id FROM res_partner WHERE coop_share_qty > 0 "
    "AND coop_welcome_date IS NOT NULL AND coop_household_parent_id IS NULL "
    "ORDER BY id LIMIT %s"
)


def _ensure_members(env, n):
    """The first N members (gen_membership's when it ran), topped up here."""
    cr = env.cr
    env.flush_all()
    cr.execute(MEMBERS, [n])
    have = len(cr.fetchall())
    if have < n:
        cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE 'bench-%%'")
        start = cr.fetchone()[0] + 1
        _q(
            cr,
            """
            INSERT INTO res_partner (name, ref, active, type, autopost_bills,
                coop_state, coop_can_shop, coop_share_qty, coop_was_member,
                coop_welcome_date, coop_work_mode, coop_points_standard,
                coop_points_flying, create_date, write_date, create_uid, write_uid)
            SELECT 'Bench member ' || i, 'bench-' || i, TRUE, 'contact', 'ask',
                   'member', TRUE, 1, TRUE, '2025-01-01', 'standing', 0, 0,
                   now(), now(), 1, 1
              FROM generate_series(%(start)s, %(stop)s) i
            """,
            start=start,
            stop=start + n - have - 1,
        )
    cr.execute(MEMBERS, [n])
    return [row[0] for row in cr.fetchall()]


def bench_templates(env):
    """The bench's own templates (the first ``TEMPLATES`` by id): not demo
    data (no XML id) and no seat reserved to a qualification, whatever else
    the database holds (a regenerated database keeps the demo's)."""
    env.flush_all()
    env.cr.execute(
        """SELECT t.id FROM coop_shift_template t
            WHERE NOT EXISTS (SELECT 1 FROM ir_model_data d
                               WHERE d.model = 'coop.shift.template'
                                 AND d.res_id = t.id)
              AND NOT EXISTS (SELECT 1 FROM coop_shift_template_seat s
                               WHERE s.template_id = t.id
                                 AND s.qualification_id IS NOT NULL)
            ORDER BY t.id LIMIT %s""",
        [TEMPLATES],
    )
    return env["coop.shift.template"].browse([row[0] for row in env.cr.fetchall()])


def _ensure_templates(env):
    templates = bench_templates(env)
    missing = TEMPLATES - len(templates)
    if not missing:
        return templates
    vals_list = [
        {
            "week_letter": chr(65 + week),
            "weekday": str(day),
            "start_hour": 7.0 + slot * 1.25,
            "end_hour": 7.0 + slot * 1.25 + 3,
            "seat_line_ids": [Command.create({"seats": 90})],
        }
        for week in range(4)
        for day in range(7)
        for slot in range(10)
    ][TEMPLATES - missing :]
    return templates | env["coop.shift.template"].create(vals_list)


def generate(env, n):
    cr = env.cr
    today = date.today()
    ids = _ensure_members(env, n)
    templates = _ensure_templates(env)
    env.flush_all()
    cr.execute("SELECT count(*) FROM coop_shift_counter_line")
    if cr.fetchone()[0] >= n * LINES_PER_MEMBER:
        return
    tids = templates.ids
    _q(
        cr,
        """
        WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS i
                     FROM res_partner WHERE id = ANY(%(ids)s))
        UPDATE res_partner p SET coop_work_mode =
               CASE WHEN m.i %% 10 = 5 THEN 'flying' ELSE 'standing' END
          FROM m WHERE m.id = p.id
        """,
        ids=ids,
    )
    _q(
        cr,
        """
        INSERT INTO coop_shift_template_registration (template_id, partner_id,
            date_start, company_id, create_uid, create_date, write_uid, write_date)
        SELECT (%(tids)s::int[])[1 + (m.i %% %(nt)s)], m.id, '2026-01-01', 1,
               1, now(), 1, now()
          FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM res_partner
                 WHERE id = ANY(%(ids)s)) m
         WHERE m.i %% 10 <> 5
        """,
        tids=tids,
        nt=len(tids),
        ids=ids,
    )
    # 26 lines per member: 12 pairs -1/+1, one attended (0), then the balance:
    # 10 % owe 2, 2 % owe 4 (frozen), flying members' lines on the flying counter.
    _q(
        cr,
        """
        WITH m AS (SELECT id, coop_work_mode, row_number() OVER (ORDER BY id) AS i
                     FROM res_partner WHERE id = ANY(%(ids)s))
        INSERT INTO coop_shift_counter_line (partner_id, date, points, counter,
            reason, manual, create_uid, create_date, write_uid, write_date)
        SELECT m.id, %(today)s::date - (k * 14),
               CASE WHEN k = 0 THEN (CASE WHEN m.i %% 50 = 1 THEN -4
                                          WHEN m.i %% 10 = 0 THEN -2 ELSE 0 END)
                    WHEN k = %(last)s THEN 0
                    WHEN k %% 2 = 0 THEN 1 ELSE -1 END,
               CASE WHEN m.coop_work_mode = 'flying' THEN 'flying' ELSE 'standard' END,
               'bench history', FALSE, 1, now(), 1, now()
          FROM m CROSS JOIN generate_series(0, %(last)s) k
        """,
        ids=ids,
        today=today,
        last=LINES_PER_MEMBER - 1,
    )
    cr.execute(
        """
        UPDATE res_partner p SET coop_points_standard = s.std,
               coop_points_flying = s.fly
          FROM (SELECT partner_id,
                       sum(points) FILTER (WHERE counter = 'standard') AS std,
                       sum(points) FILTER (WHERE counter = 'flying') AS fly
                  FROM coop_shift_counter_line GROUP BY partner_id) s
         WHERE s.partner_id = p.id
        """
    )
    cr.execute(
        "UPDATE res_partner SET coop_points_standard = 0 "
        "WHERE coop_points_standard IS NULL"
    )
    cr.execute(
        "UPDATE res_partner SET coop_points_flying = 0 WHERE coop_points_flying IS NULL"
    )
    # alert clocks spread over the last 40 days; leaves and extensions
    _q(
        cr,
        """
        WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS i
                     FROM res_partner WHERE id = ANY(%(ids)s))
        UPDATE res_partner p
           SET coop_alert_start = %(today)s::date - ((m.i / 10) %% 40)::int,
               coop_alert_deadline = %(today)s::date - ((m.i / 10) %% 40)::int + 28
          FROM m
         WHERE m.id = p.id AND p.coop_points_standard + p.coop_points_flying < 0
        """,
        ids=ids,
        today=today,
    )
    holiday = env.ref("coop_shift.leave_type_holiday").id
    _q(
        cr,
        """
        WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS i
                     FROM res_partner WHERE id = ANY(%(ids)s))
        INSERT INTO coop_shift_leave (partner_id, type_id, can_shop, date_start,
            date_end, state, create_uid, create_date, write_uid, write_date)
        SELECT m.id, %(type)s, FALSE, %(today)s::date - (m.i %% 20)::int,
               %(today)s::date + 10 + (m.i %% 20)::int, 'confirmed', 1, now(), 1, now()
          FROM m WHERE m.i %% 50 = 7
        """,
        ids=ids,
        type=holiday,
        today=today,
    )
    _q(
        cr,
        """
        WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS i
                     FROM res_partner WHERE id = ANY(%(ids)s))
        INSERT INTO coop_shift_extension (partner_id, date_start, date_end, reason,
            author_id, create_uid, create_date, write_uid, write_date)
        SELECT m.id, %(today)s::date - 5, %(today)s::date + 20, 'bench', 1,
               1, now(), 1, now()
          FROM m WHERE m.i %% 100 = 20
        """,
        ids=ids,
        today=today,
    )
    env.invalidate_all()
    env["res.partner"].browse(ids)._coop_update_state()
    env["coop.shift"]._coop_generate(
        date_to=today + timedelta(days=90), templates=templates
    )
    env.flush_all()
