# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    coop_margin_rate = fields.Float(
        string="Margin (%)",
        help="Margin of the category's products (and its sub-categories'), in "
        "the company's margin mode. 0: the parent's, else the company's.",
    )
    coop_cost_rate = fields.Float(
        string="Costs (%)",
        help="Costs added to the supplier's price before the margin "
        "(losses, handling), in % of that price.",
    )

    @api.constrains("coop_margin_rate")
    def _check_coop_margin_rate(self):
        self.env["coop.margin.policy"]._check_rate(self, "coop_margin_rate")
