# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_margin_mode = fields.Selection(
        related="company_id.coop_margin_mode", readonly=False
    )
    coop_margin_rate = fields.Float(
        related="company_id.coop_margin_rate", readonly=False
    )
    coop_price_rounding = fields.Selection(
        related="company_id.coop_price_rounding", readonly=False
    )
    coop_local_distance_km = fields.Float(
        related="company_id.coop_local_distance_km", readonly=False
    )
