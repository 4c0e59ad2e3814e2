# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import round_to_packages
from .coop_group_order import EDITABLE_STATES, in_flow, units_text

#: What a buyer or the staff write; everything else is written by the flows.
CLIENT_FIELDS = {"quantity"}
CLIENT_CREATE_FIELDS = {"participant_id", "product_line_id", "quantity"}


class CoopGroupOrderRequest(models.Model):
    """What one coop asks for one product, then gets ordered and delivered."""

    _name = "coop.group.order.request"
    _description = "Coop's quantity in a group order"
    _order = "order_id, product_line_id, participant_id"

    participant_id = fields.Many2one(
        "coop.group.order.participant", required=True, ondelete="cascade", index=True
    )
    product_line_id = fields.Many2one(
        "coop.group.order.product", required=True, ondelete="cascade", index=True
    )
    order_id = fields.Many2one(
        related="participant_id.order_id", store=True, index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    coop_id = fields.Many2one(related="participant_id.coop_id", store=True, index=True)
    producer_id = fields.Many2one(related="order_id.producer_id", store=True)
    date_delivery = fields.Date(related="order_id.date_delivery", store=True)
    product_id = fields.Many2one(related="product_line_id.product_id", store=True)
    price_unit = fields.Monetary(
        related="product_line_id.centre_price", currency_field="currency_id"
    )
    quantity = fields.Float(string="Asked")
    final_quantity = fields.Float(string="Ordered", readonly=True, copy=False)
    allocated_quantity = fields.Float(string="Delivered", readonly=True, copy=False)
    amount = fields.Monetary(
        string="Value asked",
        compute="_compute_amounts",
        currency_field="currency_id",
    )
    amount_final = fields.Monetary(
        string="Value ordered",
        compute="_compute_amounts",
        currency_field="currency_id",
    )
    amount_allocated = fields.Monetary(
        string="Value delivered",
        compute="_compute_amounts",
        currency_field="currency_id",
    )
    alone_excess = fields.Float(
        string="Rounding if ordered alone", compute="_compute_alone_excess"
    )
    share_note = fields.Char(string="How it was shared", compute="_compute_share_note")

    _sql_constraints = [
        (
            "request_once",
            "UNIQUE(participant_id, product_line_id)",
            "A coop asks once for each product of a group order.",
        ),
        ("quantity_positive", "CHECK(quantity >= 0)", "A quantity cannot be negative."),
    ]

    @api.constrains("participant_id", "product_line_id", "quantity")
    def _check_request(self):
        for request in self:
            if request.product_line_id.order_id != request.participant_id.order_id:
                raise ValidationError(
                    _("The product and the coop belong to different group orders.")
                )
            if request.quantity < 0 or request.quantity != int(request.quantity):
                raise ValidationError(
                    _(
                        "%(product)s: ask for a whole number of units (%(qty)s).",
                        product=request.product_id.display_name,
                        qty=request.quantity,
                    )
                )

    @api.depends(
        "quantity",
        "final_quantity",
        "allocated_quantity",
        "product_line_id.centre_price",
    )
    def _compute_amounts(self):
        for request in self:
            price = request.product_line_id.centre_price
            request.amount = request.quantity * price
            request.amount_final = request.final_quantity * price
            request.amount_allocated = request.allocated_quantity * price

    @api.depends("quantity", "product_line_id.package_size")
    def _compute_alone_excess(self):
        for request in self:
            size = request.product_line_id.package_size
            request.alone_excess = (
                round_to_packages(request.quantity, size, "up") - request.quantity
            )

    @api.depends("quantity", "final_quantity", "allocated_quantity", "order_id.state")
    def _compute_share_note(self):
        """Say, in the reader's language, why a coop got less than it asked."""
        for request in self:
            state = request.order_id.state
            note = ""
            if state in ("closed", "ordered", "received", "done") and (
                request.final_quantity < request.quantity
            ):
                note = _(
                    "Rounded down to whole packages: %(final)s of %(asked)s, shared "
                    "pro rata to what each coop asked "
                    "(smallest divisors: one unit each first).",
                    final=units_text(request.final_quantity),
                    asked=units_text(request.quantity),
                )
            if state == "done" and request.allocated_quantity < request.final_quantity:
                note = _(
                    "Short delivery: %(given)s of %(final)s, shared pro rata to "
                    "what each coop ordered (smallest divisors: one unit each first).",
                    given=units_text(request.allocated_quantity),
                    final=units_text(request.final_quantity),
                )
            request.share_note = note

    @api.model_create_multi
    def create(self, vals_list):
        if not in_flow(self.env):
            for vals in vals_list:
                if vals.keys() - CLIENT_CREATE_FIELDS:
                    raise AccessError(
                        _("Only the quantity asked is entered on a group order.")
                    )
        requests = super().create(vals_list)
        if not in_flow(self.env):
            requests._check_open()
        return requests

    def write(self, vals):
        if not in_flow(self.env):
            if vals.keys() - CLIENT_FIELDS:
                raise AccessError(
                    _("Only the quantity asked is entered on a group order.")
                )
            self._check_open()
        return super().write(vals)

    def unlink(self):
        if not in_flow(self.env):
            self._check_open()
        return super().unlink()

    def _check_open(self):
        """Quantities change only while the order is open, before its cut-off."""
        now = fields.Datetime.now()
        for order in self.order_id:
            if order.state not in EDITABLE_STATES:
                raise ValidationError(
                    _(
                        "%(order)s is closed: its quantities no longer change.",
                        order=order.name,
                    )
                )
            if order.date_cutoff <= now:
                raise ValidationError(
                    _(
                        "%(order)s is closed to changes since its cut-off "
                        "(%(cutoff)s).",
                        order=order.name,
                        cutoff=fields.Datetime.context_timestamp(
                            self, order.date_cutoff
                        ).strftime("%d/%m/%Y %H:%M"),
                    )
                )
