# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models


class CoopPurchaseSuggestionLine(models.TransientModel):
    _name = "coop.purchase.suggestion.line"
    _description = "Suggested purchase of one product"
    _order = "partner_id, product_id"

    suggestion_id = fields.Many2one(
        "coop.purchase.suggestion", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Supplier", required=True)
    product_id = fields.Many2one("product.product", string="Product", required=True)
    product_uom_id = fields.Many2one("uom.uom", string="Purchase unit", required=True)
    daily_sales = fields.Float(string="Sales / day", digits="Product Unit of Measure")
    qty_available = fields.Float(string="On hand", digits="Product Unit of Measure")
    qty_incoming = fields.Float(string="Incoming", digits="Product Unit of Measure")
    horizon_days = fields.Integer(
        string="Days to cover", help="Supplier's lead time plus its order cycle."
    )
    package_qty = fields.Float(string="Package", digits="Product Unit of Measure")
    price_unit = fields.Float(string="Price", digits="Product Price")
    qty_suggested = fields.Float(string="Suggested", digits="Product Unit of Measure")
    qty_to_order = fields.Float(string="To order", digits="Product Unit of Measure")
    below_minimum = fields.Boolean(
        compute="_compute_below_minimum", string="Under minimum order"
    )
    cover_days = fields.Float(
        compute="_compute_cover_days",
        string="Days of cover",
        digits=(16, 1),
        help="Days the stock on hand, incoming and ordered lasts at the average "
        "sales (0 when nothing was sold).",
    )

    @api.depends(
        "suggestion_id.line_ids.qty_to_order",
        "suggestion_id.line_ids.price_unit",
        "partner_id.coop_min_order_amount",
    )
    def _compute_below_minimum(self):
        """A supplier's order is under its minimum when the lines to order
        from it add up to less than its minimum order amount (untaxed)."""
        for suggestion in self.suggestion_id:
            totals = defaultdict(float)
            for line in suggestion.line_ids:
                totals[line.partner_id] += line.qty_to_order * line.price_unit
            for line in self.filtered(lambda l, s=suggestion: l.suggestion_id == s):
                total = totals[line.partner_id]
                line.below_minimum = (
                    0 < total < line.partner_id.coop_min_order_amount
                    and line.qty_to_order > 0
                )
        (self - self.filtered("suggestion_id")).below_minimum = False

    @api.depends("qty_to_order", "qty_available", "qty_incoming", "daily_sales")
    def _compute_cover_days(self):
        for line in self:
            ordered = line.product_uom_id._compute_quantity(
                line.qty_to_order, line.product_id.uom_id, round=False
            )
            stock = line.qty_available + line.qty_incoming + ordered
            line.cover_days = stock / line.daily_sales if line.daily_sales > 0 else 0.0
