"""Bench data for coop_ssa: one internal fund and N beneficiaries with history.

Beneficiaries are people tagged ``ref = 'ssa-bench-<i>'`` (an SSA beneficiary
need not be a member). Each gets six months of ledger: a monthly allotment of
100 and two payments (30 and 40), so the ledger holds 18 lines per wallet and
the cached balance is reset to the ledger's sum. Set-based SQL, idempotent for
a given N: only what is missing is inserted.
"""

from gen_membership import insert_partners

FUND_NAME = "Bench SSA fund"
MONTHS = 6


def _fund(env):
    fund = env["coop.ssa.fund"].search([("name", "=", FUND_NAME)], limit=1)
    if not fund:
        partner = env["res.partner"].create({"name": FUND_NAME, "is_company": True})
        fund = env["coop.ssa.fund"].create(
            {
                "name": FUND_NAME,
                "partner_id": partner.id,
                "allowance_per_person": 100.0,
                "carry_over": "roll",
            }
        )
    env.flush_all()
    return fund


def _insert_beneficiaries(cr, fund):
    cr.execute(
        """
        INSERT INTO coop_ssa_beneficiary (partner_id, fund_id, company_id, name, active,
               date_start, adults, children, persons, monthly_income,
               contribution_chosen, contribution_amount, allowance_amount,
               wallet_balance, create_date, write_date, create_uid, write_uid)
        SELECT p.id, %(fund)s, %(company)s, p.name, TRUE, DATE '2025-01-01',
               1 + p.id %% 2, p.id %% 3, 1 + p.id %% 2 + p.id %% 3,
               800 + (p.id * 97) %% 2600, 10, 10,
               100 * (1 + p.id %% 2 + p.id %% 3), 0, now(), now(), 1, 1
          FROM res_partner p
         WHERE p.ref LIKE 'ssa-bench-%%'
           AND NOT EXISTS (SELECT 1 FROM coop_ssa_beneficiary b
                            WHERE b.partner_id = p.id AND b.fund_id = %(fund)s)
        """,
        {"fund": fund.id, "company": fund.company_id.id},
    )


def _insert_history(cr, fund):
    cr.execute(
        """
        WITH todo AS (
            SELECT b.id FROM coop_ssa_beneficiary b
             WHERE b.fund_id = %(fund)s
               AND NOT EXISTS (SELECT 1 FROM coop_ssa_wallet_line l
                                WHERE l.beneficiary_id = b.id)
        ), moves(kind, amount, day) AS (
            VALUES ('allotment', 100.0, 1), ('payment', -30.0, 8),
                   ('payment', -40.0, 20)
        )
        INSERT INTO coop_ssa_wallet_line (beneficiary_id, fund_id, company_id, kind,
               date, period, amount, create_date, write_date, create_uid, write_uid)
        SELECT todo.id, %(fund)s, %(company)s, moves.kind,
               (DATE '2025-01-01' + make_interval(months => m, days => moves.day - 1)),
               (DATE '2025-01-01' + make_interval(months => m))::date, moves.amount,
               now(), now(), 1, 1
          FROM todo CROSS JOIN generate_series(0, %(months)s - 1) m CROSS JOIN moves
        """,
        {"fund": fund.id, "company": fund.company_id.id, "months": MONTHS},
    )
    cr.execute(
        """
        UPDATE coop_ssa_beneficiary b SET wallet_balance = s.total
          FROM (SELECT beneficiary_id, SUM(amount) AS total FROM coop_ssa_wallet_line
                 GROUP BY beneficiary_id) s
         WHERE b.id = s.beneficiary_id AND b.fund_id = %s
           AND b.wallet_balance IS DISTINCT FROM s.total
        """,
        [fund.id],
    )


def generate(env, n):
    fund = _fund(env)
    insert_partners(env, n, prefix="ssa-bench", name="Bench SSA beneficiary")
    _insert_beneficiaries(env.cr, fund)
    _insert_history(env.cr, fund)
    env.cr.execute("ANALYZE coop_ssa_beneficiary")
    env.cr.execute("ANALYZE coop_ssa_wallet_line")
    env.invalidate_all()
    return fund
