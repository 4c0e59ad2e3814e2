# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        bills = posted.filtered(lambda m: m.move_type == "in_invoice")
        lines = bills.invoice_line_ids.filtered(lambda l: l.display_type == "product")
        self.env["coop.margin.policy"]._record_purchase_prices(lines, "bill")
        return posted


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _coop_origin(self):
        return self.move_id.name
