# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    coop_group_order_id = fields.Many2one(
        "coop.group.order", string="Group order", readonly=True, copy=False, index=True
    )
