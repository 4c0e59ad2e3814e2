# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_coop_members_only = fields.Boolean(
        related="pos_config_id.coop_members_only", readonly=False
    )
    coop_household_max = fields.Integer(
        string="Household members per member",
        config_parameter="coop_membership.household_max",
        default=1,
        help="Maximum number of household members (binôme / rattaché) attached "
        "to one member.",
    )
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
