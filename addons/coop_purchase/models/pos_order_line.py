# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    # Purchase suggestions sum the till's sales of one supplier's products:
    # indexed, a 500-product supplier reads its lines, not the year's million.
    product_id = fields.Many2one(index=True)
