# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .price_flow import price_source_of


class ProductSupplierinfo(models.Model):
    _inherit = "product.supplierinfo"

    @api.model_create_multi
    def create(self, vals_list):
        sellers = super().create(vals_list)
        sellers._coop_flag_price_review({})
        return sellers

    def write(self, vals):
        watched = {"price", "discount", "sequence", "partner_id", "currency_id"}
        old = {s.id: s.price for s in self} if watched & set(vals) else None
        res = super().write(vals)
        if old is not None:
            self._coop_flag_price_review(old)
        return res

    def _coop_flag_price_review(self, old_prices):
        """Put on the price review list the products whose main supplier's
        price is one of these vendor lines (new, or changed)."""
        templates = self.product_tmpl_id
        main = self.env["coop.margin.policy"]._main_sellers(templates)
        changed = self.filtered(lambda s: main.get(s.product_tmpl_id.id) == s)
        trigger, origin = price_source_of(self.env)
        self.env["coop.price.review"]._flag(
            [
                (s.product_tmpl_id, old_prices.get(s.id, 0.0), s.price, trigger, origin)
                for s in changed
            ]
        )
