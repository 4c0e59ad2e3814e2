# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.osv import expression


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    ssa_fund_id = fields.Many2one(
        "coop.ssa.fund",
        string="SSA fund",
        help="Makes this an SSA payment method: the allowance of this fund pays, "
        "checked against the beneficiary's wallet.",
    )

    @api.model
    def _load_pos_data_domain(self, data):
        """A till user who is not an SSA cashier does not see SSA methods (the
        server would refuse the payment anyway)."""
        domain = super()._load_pos_data_domain(data)
        if not self.env.user.has_group("coop_ssa.group_ssa_cashier"):
            domain = expression.AND([domain, [("ssa_fund_id", "=", False)]])
        return domain

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["ssa_fund_id"]
