# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def button_confirm(self):
        res = super().button_confirm()
        confirmed = self.filtered(lambda o: o.state in ("purchase", "done"))
        self.env["coop.margin.policy"]._record_purchase_prices(
            confirmed.order_line, "purchase"
        )
        return res
