# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import round_to_packages
from .coop_group_order import in_flow, units_text


class CoopGroupOrderProduct(models.Model):
    """A product offered in a group order, with its package and prices."""

    _name = "coop.group.order.product"
    _description = "Product of a group order"
    _order = "order_id, sequence, id"

    sequence = fields.Integer(default=10)
    order_id = fields.Many2one(
        "coop.group.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    order_state = fields.Selection(related="order_id.state")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        domain=[("purchase_ok", "=", True)],
    )
    uom_id = fields.Many2one(related="product_id.uom_id")
    producer_price = fields.Monetary(
        string="Producer's price", required=True, currency_field="currency_id"
    )
    centre_price = fields.Monetary(
        string="Centre's price",
        compute="_compute_centre_price",
        store=True,
        currency_field="currency_id",
        help="The producer's price plus the centre's fee.",
    )
    package_size = fields.Integer(string="Package", default=1, required=True)
    min_qty = fields.Float(
        string="Minimum",
        help="The producer's minimum for this product. Under it, once rounded to "
        "packages, the product is not ordered.",
    )
    request_ids = fields.One2many(
        "coop.group.order.request", "product_line_id", string="Coops' quantities"
    )
    qty_requested = fields.Float(
        string="Asked", compute="_compute_qty_requested", store=True
    )
    qty_to_order = fields.Float(
        string="To order", compute="_compute_qty_to_order", store=True
    )
    grouped_excess = fields.Float(
        string="Kept by the centre", compute="_compute_qty_to_order", store=True
    )
    package_progress = fields.Char(
        string="Packages", compute="_compute_package_progress"
    )
    qty_ordered = fields.Float(string="Ordered", readonly=True, copy=False)
    qty_received = fields.Float(string="Received", copy=False)

    _sql_constraints = [
        ("package_positive", "CHECK(package_size >= 1)", "A package holds at least 1."),
        ("price_positive", "CHECK(producer_price >= 0)", "A price cannot be negative."),
        (
            "product_once",
            "UNIQUE(order_id, product_id)",
            "A product is offered once per group order.",
        ),
    ]

    @api.depends("producer_price", "order_id.fee_type", "order_id.fee_value")
    def _compute_centre_price(self):
        for line in self:
            fee = line.order_id.fee_value
            if line.order_id.fee_type == "percent":
                price = line.producer_price * (1 + fee / 100)
            else:
                price = line.producer_price + fee
            line.centre_price = (
                line.currency_id.round(price) if line.currency_id else price
            )

    @api.depends("request_ids.quantity")
    def _compute_qty_requested(self):
        for line in self:
            line.qty_requested = sum(line.request_ids.mapped("quantity"))

    @api.depends("qty_requested", "package_size", "min_qty", "order_id.rounding_rule")
    def _compute_qty_to_order(self):
        """Whole packages, up or down per the order's rule; 0 under the minimum."""
        for line in self:
            quantity = round_to_packages(
                line.qty_requested, line.package_size, line.order_id.rounding_rule
            )
            if line.min_qty and quantity < line.min_qty:
                quantity = 0
            line.qty_to_order = quantity
            line.grouped_excess = max(quantity - line.qty_requested, 0)

    @api.depends("qty_requested", "package_size")
    def _compute_package_progress(self):
        for line in self:
            full = round_to_packages(line.qty_requested, line.package_size, "up")
            line.package_progress = _(
                "%(asked)s of %(full)s",
                asked=units_text(line.qty_requested),
                full=units_text(full or line.package_size),
            )

    def write(self, vals):
        self._check_write(vals)
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if not in_flow(self.env) and any(
            line.order_id.state != "draft" for line in lines
        ):
            raise UserError(_("Products are added while the group order is a draft."))
        return lines

    def unlink(self):
        if any(line.order_id.state != "draft" for line in self):
            raise UserError(_("Products are removed while the group order is a draft."))
        return super().unlink()

    def _check_write(self, vals):
        """Offer set in draft; ordered quantity by the flow; received by staff."""
        if in_flow(self.env):
            return
        if "qty_ordered" in vals:
            raise AccessError(_("The ordered quantity is set when the order closes."))
        for line in self:
            state = line.order_id.state
            if "qty_received" in vals and state != "received":
                raise UserError(
                    _(
                        "%(product)s: the received quantity is corrected once the "
                        "delivery is recorded, before it is shared out.",
                        product=line.product_id.display_name,
                    )
                )
            if vals.keys() - {"qty_received", "sequence"} and state != "draft":
                raise UserError(
                    _(
                        "%(product)s: the offer can no longer be changed.",
                        product=line.product_id.display_name,
                    )
                )
        if "qty_received" in vals:
            for order in self.order_id:
                order.message_post(
                    body=_(
                        "Received quantities corrected by %(user)s.",
                        user=self.env.user.name,
                    )
                )
