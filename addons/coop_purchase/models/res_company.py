# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

MARGIN_MODES = [
    ("markup", "Markup on cost (coefficient)"),
    ("margin", "Margin rate on the sale price (taux de marque)"),
]
ROUNDINGS = [("0.01", "0.01 €"), ("0.05", "0.05 €"), ("0.10", "0.10 €")]


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_margin_mode = fields.Selection(
        MARGIN_MODES, string="Margin expressed as", default="markup", required=True
    )
    coop_margin_rate = fields.Float(
        string="Default margin (%)",
        default=20.0,
        help="Applied to every product unless its own, its main supplier's or "
        "its category's margin is set.",
    )
    coop_price_rounding = fields.Selection(
        ROUNDINGS, string="Round prices to", default="0.05", required=True
    )
    coop_local_distance_km = fields.Float(
        string="Local within (km)",
        default=150.0,
        help="A supplier whose distance to the shop is at most this is local.",
    )

    @api.constrains("coop_margin_mode", "coop_margin_rate")
    def _check_coop_margin_rate(self):
        self.env["coop.margin.policy"]._check_rate(
            self, "coop_margin_rate", lambda c: c.coop_margin_mode
        )
