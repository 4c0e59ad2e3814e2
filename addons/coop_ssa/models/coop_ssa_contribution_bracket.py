# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopSsaContributionBracket(models.Model):
    """One row of a fund's income grid: incomes in [from, to) contribute ``amount``."""

    _name = "coop.ssa.contribution.bracket"
    _description = "SSA contribution bracket"
    _order = "fund_id, income_from"

    fund_id = fields.Many2one(
        "coop.ssa.fund", required=True, ondelete="cascade", index=True
    )
    currency_id = fields.Many2one(related="fund_id.currency_id")
    income_from = fields.Monetary(string="Monthly income from", required=True)
    income_to = fields.Monetary(
        string="Monthly income up to", help="Excluded; leave 0 for no upper bound."
    )
    amount = fields.Monetary(string="Monthly contribution", required=True)
