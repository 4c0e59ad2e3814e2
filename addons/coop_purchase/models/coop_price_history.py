# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .price_flow import in_price_flow

PRICING_MANAGER = "coop_purchase.group_coop_pricing_manager"


class CoopPriceHistory(models.Model):
    _name = "coop.price.history"
    _description = "Sale price change"
    _order = "date desc, id desc"
    _rec_name = "product_tmpl_id"

    product_tmpl_id = fields.Many2one(
        "product.template", string="Product", required=True, ondelete="cascade",
        index=True, readonly=True,
    )  # fmt: skip
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Changed by", default=lambda self: self.env.user,
        required=True, readonly=True,
    )  # fmt: skip
    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    old_list_price = fields.Float(string="Old sales price", digits="Product Price")
    new_list_price = fields.Float(string="New sales price", digits="Product Price")
    old_price = fields.Monetary(string="Old price incl. VAT")
    new_price = fields.Monetary(string="New price incl. VAT")
    producer_price = fields.Monetary(string="Producer price")

    @api.model_create_multi
    def create(self, vals_list):
        """The history is evidence: only the price flow of a pricing manager
        writes it, as the user who made the change, now."""
        if not (in_price_flow(self.env) and self.env.user.has_group(PRICING_MANAGER)):
            raise AccessError(_("The price history is written by price changes only."))
        for vals in vals_list:
            vals.update(user_id=self.env.uid, date=fields.Datetime.now())
        return super().create(vals_list)
