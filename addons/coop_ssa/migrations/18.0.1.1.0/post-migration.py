# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from openupgradelib import openupgrade


def link_claimed_ledger_lines(cr):
    """Claims are now made of ledger lines: link the lines of the till
    payments that earlier claims collected."""
    openupgrade.logged_query(
        cr,
        """
        UPDATE coop_ssa_wallet_line l SET claim_id = p.ssa_claim_id
          FROM pos_payment p
         WHERE p.id = l.pos_payment_id AND p.ssa_claim_id IS NOT NULL
           AND l.claim_id IS NULL
        """,
    )


def fill_line_ssa_amounts(cr):
    """Each sold line now keeps its SSA share (what a refund of it gives back):
    spread what the ledger booked on each order over its eligible lines, as the
    spending report does."""
    openupgrade.logged_query(
        cr,
        """
        WITH pay AS (
            SELECT pos_order_id, -SUM(amount) AS amount
              FROM coop_ssa_wallet_line
             WHERE kind IN ('payment', 'refund') AND pos_order_id IS NOT NULL
             GROUP BY pos_order_id
        ), elig AS (
            SELECT order_id, SUM(price_subtotal_incl * ssa_rate / 100.0) AS amount
              FROM pos_order_line GROUP BY order_id
        )
        UPDATE pos_order_line l
           SET ssa_amount = ROUND(
                (pay.amount * l.price_subtotal_incl * l.ssa_rate / 100.0
                 / NULLIF(elig.amount, 0))::numeric, 2)
          FROM pay, elig
         WHERE pay.pos_order_id = l.order_id AND elig.order_id = l.order_id
           AND l.ssa_rate > 0 AND l.ssa_amount IS NULL
        """,
    )


@openupgrade.migrate()
def migrate(env, version):
    link_claimed_ledger_lines(env.cr)
    fill_line_ssa_amounts(env.cr)
