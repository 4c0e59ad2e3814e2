# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CoopSsaPeriodReport(models.Model):
    """Per fund and month: allotted, spent (net of refunds) and expired."""

    _name = "coop.ssa.period.report"
    _description = "SSA allotted vs spent vs expired"
    _auto = False
    _order = "period desc"

    period = fields.Date(readonly=True)
    fund_id = fields.Many2one("coop.ssa.fund", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    beneficiary_count = fields.Integer(string="Beneficiaries", readonly=True)
    allotted = fields.Float(readonly=True)
    spent = fields.Float(readonly=True)
    expired = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %s AS (
                    SELECT MIN(l.id) AS id, l.period, l.fund_id, l.company_id,
                           COUNT(DISTINCT l.beneficiary_id) AS beneficiary_count,
                           SUM(CASE WHEN l.kind = 'allotment' THEN l.amount ELSE 0 END)
                               AS allotted,
                           -SUM(CASE WHEN l.kind IN ('payment', 'refund')
                                     THEN l.amount ELSE 0 END) AS spent,
                           -SUM(CASE WHEN l.kind = 'expiry' THEN l.amount ELSE 0 END)
                               AS expired
                      FROM coop_ssa_wallet_line l
                     GROUP BY l.period, l.fund_id, l.company_id
                )
                """,
                SQL.identifier(self._table),
            )
        )
