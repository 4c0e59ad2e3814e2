# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The share settings sit apart from the member settings, one file per concern:
# the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_capital_journal_id = fields.Many2one(
        related="company_id.coop_capital_journal_id",
        readonly=False,
        domain="[('type', '=', 'sale'), ('company_id', '=', company_id)]",
    )
    coop_capital_account_id = fields.Many2one(
        related="company_id.coop_capital_account_id", readonly=False
    )
    coop_sell_back_delay_months = fields.Integer(
        related="company_id.coop_sell_back_delay_months", readonly=False
    )
