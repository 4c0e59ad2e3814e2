# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .price_flow import in_price_flow, price_flow

PRICING_MANAGER = "coop_purchase.group_coop_pricing_manager"
FLOW_FIELDS = {"state", "applied_uid", "applied_date"}
TRIGGERS = [
    ("vendor_price", "New vendor price"),
    ("purchase", "Purchase order"),
    ("bill", "Vendor bill"),
]


class CoopPriceReview(models.Model):
    _name = "coop.price.review"
    _description = "Price to review"
    _order = "state, create_date desc, id desc"
    _rec_name = "product_tmpl_id"

    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    trigger = fields.Selection(TRIGGERS, required=True, default="vendor_price")
    origin = fields.Char(string="Source document")
    old_supplier_price = fields.Float(
        string="Previous vendor price", digits="Product Price"
    )
    new_supplier_price = fields.Float(string="New vendor price", digits="Product Price")
    state = fields.Selection(
        [("pending", "To review"), ("applied", "Applied"), ("dismissed", "Dismissed")],
        default="pending",
        required=True,
    )
    applied_uid = fields.Many2one("res.users", string="Reviewed by", readonly=True)
    applied_date = fields.Datetime(string="Reviewed on", readonly=True)
    current_price = fields.Monetary(related="product_tmpl_id.coop_current_price")
    theoretical_price = fields.Monetary(
        related="product_tmpl_id.coop_theoretical_price"
    )
    difference = fields.Monetary(related="product_tmpl_id.coop_price_difference")
    last_change_date = fields.Datetime(
        compute="_compute_last_change_date", string="Last price change"
    )

    @api.depends("product_tmpl_id.coop_price_history_ids")
    def _compute_last_change_date(self):
        last = dict(
            self.env["coop.price.history"]._read_group(
                [("product_tmpl_id", "in", self.product_tmpl_id.ids)],
                ["product_tmpl_id"],
                ["date:max"],
            )
        )
        for review in self:
            review.last_change_date = last.get(review.product_tmpl_id)

    @api.model_create_multi
    def create(self, vals_list):
        """A review is created pending: only its actions close it."""
        for vals in vals_list:
            if vals.get("state", "pending") != "pending" or (
                FLOW_FIELDS - {"state"}
            ) & set(vals):
                raise AccessError(
                    _("A price review is created pending: only its actions close it.")
                )
        return super().create(vals_list)

    def write(self, vals):
        """A review is closed (applied or dismissed, by whom, when) only by the
        review actions of a pricing manager, never by a plain write."""
        self._check_price_flow(vals)
        return super().write(vals)

    @api.model
    def _flag(self, changes):
        """Put products on the review list after a supplier price change.

        `changes`: (template, old vendor price, new vendor price, trigger,
        source document). A product already waiting keeps its one review,
        which takes the newest price and trigger; an unchanged price flags
        nothing.
        """
        digits = self.env["decimal.precision"].precision_get("Product Price")
        changes = [c for c in changes if float_compare(c[1], c[2], digits)]
        if not changes:
            return self
        # sudo: whoever changes a vendor price (a buyer, an accountant posting
        # a bill) must put the product on the list, a record they may not
        # write; only review lines of these products are created or updated.
        Review = self.sudo()
        pending = {
            r.product_tmpl_id: r
            for r in Review.search(
                [
                    ("product_tmpl_id", "in", [c[0].id for c in changes]),
                    ("state", "=", "pending"),
                    ("company_id", "=", self.env.company.id),
                ]
            )
        }
        trigger_keys = dict(TRIGGERS)
        create = []
        for tmpl, old, new, trigger, origin in changes:
            vals = {
                "new_supplier_price": new,
                "trigger": trigger if trigger in trigger_keys else "vendor_price",
                "origin": origin,
            }
            if tmpl in pending:
                pending[tmpl].write(vals)
            else:
                create.append(
                    dict(vals, product_tmpl_id=tmpl.id, old_supplier_price=old)
                )
        return Review.create(create)

    def action_apply(self):
        """Apply the theoretical price of the selected products."""
        self.filtered(lambda r: r.state == "pending").product_tmpl_id.with_company(
            self.env.company
        )._coop_apply_theoretical_prices()
        return True

    @api.model
    def action_apply_all(self):
        """Apply the theoretical price of every product waiting for review."""
        pending = self.search([("state", "=", "pending")])
        if not pending:
            raise UserError(_("No price is waiting for review."))
        return pending.action_apply()

    def action_dismiss(self):
        """Keep the current prices: the reviews are closed, nothing changes."""
        self.check_access("write")
        pending = self.filtered(lambda r: r.state == "pending")
        price_flow(pending).write(
            {
                "state": "dismissed",
                "applied_uid": self.env.uid,
                "applied_date": fields.Datetime.now(),
            }
        )
        return True

    def _check_price_flow(self, vals):
        """Closing fields are written only inside the price flow (its mark
        cannot be sent by a client) of a pricing manager."""
        if FLOW_FIELDS & set(vals) and not (
            in_price_flow(self.env) and self.env.user.has_group(PRICING_MANAGER)
        ):
            raise AccessError(_("A price review is closed by its actions only."))
