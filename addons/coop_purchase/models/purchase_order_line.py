# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    def _compute_price_unit_and_date_planned_and_name(self):
        res = super()._compute_price_unit_and_date_planned_and_name()
        self._coop_apply_contract_prices()
        return res

    def _coop_apply_contract_prices(self):
        """A contracted product is bought at least at its contract price: the
        guaranteed price is a floor, so a line takes the contract price, or
        the vendor's price when that is higher."""
        contract_lines = self.env["coop.producer.contract.line"]._active_for(self)
        for line in self:
            contract_line = contract_lines.get(
                (line.partner_id.commercial_partner_id.id, line.product_id.id)
            )
            if not contract_line or line.invoice_lines:
                continue
            floor = contract_line.product_uom_id._compute_price(
                contract_line.price_floor, line.product_uom or line.product_id.uom_po_id
            )
            line.price_unit = max(line.price_unit, floor)

    def _coop_origin(self):
        return self.order_id.name
