# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare, float_round

from .price_flow import price_flow

PRICING_MANAGER = "coop_purchase.group_coop_pricing_manager"
MARGIN_SOURCES = [
    ("product", "Product"),
    ("supplier", "Supplier"),
    ("category", "Category"),
    ("company", "Company"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    coop_margin_rate = fields.Float(
        string="Own margin (%)",
        help="This product's margin, in the company's margin mode. 0: its main "
        "supplier's, else its category's, else the company's.",
    )
    coop_organic = fields.Boolean(string="Organic")
    coop_origin = fields.Char(string="Place of origin", translate=True)
    coop_net_content = fields.Float(
        string="Net content",
        digits="Stock Weight",
        help="Net weight (kg) or volume (L) of one sale unit, for the unit price "
        "on shelf labels. Empty: the unit price is per piece.",
    )
    coop_net_content_kind = fields.Selection(
        [("kg", "kg"), ("l", "L")], string="Net content in", default="kg"
    )
    coop_label_pending = fields.Boolean(
        string="Label to print",
        copy=False,
        help="The sale price changed since the last shelf label was printed.",
    )
    coop_main_seller_id = fields.Many2one(
        "product.supplierinfo", compute="_compute_coop_price", string="Main vendor line"
    )
    coop_main_supplier_id = fields.Many2one(
        "res.partner", compute="_compute_coop_price", string="Main supplier"
    )
    coop_producer_price = fields.Monetary(
        compute="_compute_coop_price", string="Producer price"
    )
    coop_cost_amount = fields.Monetary(compute="_compute_coop_price", string="Costs")
    coop_margin_amount = fields.Monetary(
        compute="_compute_coop_price", string="Coop margin"
    )
    coop_vat_amount = fields.Monetary(compute="_compute_coop_price", string="VAT")
    coop_theoretical_price = fields.Monetary(
        compute="_compute_coop_price",
        string="Theoretical price",
        help="Price incl. VAT from the margin policy.",
    )
    coop_theoretical_list_price = fields.Float(
        compute="_compute_coop_price",
        digits="Product Price",
        string="Theoretical sales price",
        help="The sales price (as Odoo stores it) that gives the theoretical price.",
    )
    coop_current_price = fields.Monetary(
        compute="_compute_coop_price", string="Current price", help="Incl. VAT."
    )
    coop_price_difference = fields.Monetary(
        compute="_compute_coop_price", string="Difference"
    )
    coop_margin_applied = fields.Float(
        compute="_compute_coop_price", string="Margin applied (%)"
    )
    coop_margin_source = fields.Selection(
        MARGIN_SOURCES, compute="_compute_coop_price", string="Margin from"
    )
    coop_unit_price = fields.Monetary(
        compute="_compute_coop_unit_price", string="Unit price"
    )
    coop_unit_price_uom = fields.Char(compute="_compute_coop_unit_price")
    coop_price_history_ids = fields.One2many(
        "coop.price.history", "product_tmpl_id", string="Price history"
    )
    coop_price_review_ids = fields.One2many(
        "coop.price.review", "product_tmpl_id", string="Price reviews"
    )

    @api.constrains("coop_margin_rate")
    def _check_coop_margin_rate(self):
        self.env["coop.margin.policy"]._check_rate(self, "coop_margin_rate")

    @api.depends(
        "list_price",
        "taxes_id",
        "uom_id",
        "uom_po_id",
        "categ_id",
        "coop_margin_rate",
        "seller_ids.price",
        "seller_ids.discount",
        "seller_ids.partner_id",
        "seller_ids.sequence",
    )
    @api.depends_context("company")
    def _compute_coop_price(self):
        breakdowns = self.env["coop.margin.policy"]._breakdowns(self._origin)
        policy = self.env["coop.margin.policy"]
        for tmpl in self:
            b = breakdowns.get(tmpl._origin.id)
            vat_rate, included = (
                (b.vat_rate, b.price_include) if b else policy._vat_rate(tmpl.taxes_id)
            )
            current = tmpl.list_price * (1 if included else 1 + vat_rate / 100)
            tmpl.coop_current_price = float_round(current, 2)
            tmpl.coop_main_seller_id = b and b.seller
            tmpl.coop_main_supplier_id = b and b.seller.partner_id
            tmpl.coop_producer_price = b and b.producer_price
            tmpl.coop_cost_amount = b and b.costs
            tmpl.coop_margin_amount = b and b.margin
            tmpl.coop_vat_amount = b and b.vat
            tmpl.coop_theoretical_price = b and b.price
            tmpl.coop_theoretical_list_price = b and b.list_price
            tmpl.coop_margin_applied = b and b.margin_rate
            tmpl.coop_margin_source = b and b.margin_source
            tmpl.coop_price_difference = b and b.price - tmpl.coop_current_price

    @api.depends("coop_current_price", "coop_net_content", "coop_net_content_kind")
    def _compute_coop_unit_price(self):
        """The price per kg, per litre or per piece (shown on shelf labels, as
        French retail requires): a product sold by weight or volume is priced
        per kg or L of its unit; a product sold by the piece per kg or L of
        its net content when known, else per piece."""
        kg = self.env.ref("uom.product_uom_kgm")
        litre = self.env.ref("uom.product_uom_litre")
        for tmpl in self:
            price, uom = tmpl.coop_current_price, tmpl.uom_id
            if uom.category_id == kg.category_id:
                unit_price, unit = uom._compute_price(price, kg), "kg"
            elif uom.category_id == litre.category_id:
                unit_price, unit = uom._compute_price(price, litre), "L"
            elif tmpl.coop_net_content:
                unit_price = price / tmpl.coop_net_content
                unit = "kg" if tmpl.coop_net_content_kind == "kg" else "L"
            else:
                unit_price, unit = price, _("piece")
            tmpl.coop_unit_price = unit_price
            tmpl.coop_unit_price_uom = unit

    def action_coop_apply_theoretical_price(self):
        """Apply the theoretical prices (pricing managers only)."""
        self._coop_apply_theoretical_prices()
        return True

    def _coop_apply_theoretical_prices(self):
        """Set each product's sales price to its theoretical price.

        Only a pricing manager may; a product without a theoretical price, or
        already at it, is left alone. Each change is written to the price
        history (who, when, old → new), puts the product in the labels queue
        and closes its pending price review. Returns the products changed.
        """
        if not self.env.user.has_group(PRICING_MANAGER):
            raise AccessError(_("Only a pricing manager may change sale prices."))
        self.check_access("write")
        breakdowns = self.env["coop.margin.policy"]._breakdowns(self)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        changed = self.browse()
        history = []
        for tmpl in self:
            b = breakdowns.get(tmpl.id)
            if not b or not float_compare(b.list_price, tmpl.list_price, digits):
                continue
            history.append(tmpl._coop_history_vals(b))
            tmpl.list_price = b.list_price
            changed |= tmpl
        changed.coop_label_pending = True
        price_flow(self.env["coop.price.history"]).create(history)
        reviews = self.env["coop.price.review"].search(
            [("product_tmpl_id", "in", self.ids), ("state", "=", "pending")]
        )
        price_flow(reviews).write(
            {
                "state": "applied",
                "applied_uid": self.env.uid,
                "applied_date": fields.Datetime.now(),
            }
        )
        return changed

    def _coop_history_vals(self, breakdown):
        return {
            "product_tmpl_id": self.id,
            "old_list_price": self.list_price,
            "new_list_price": breakdown.list_price,
            "old_price": self.coop_current_price,
            "new_price": breakdown.price,
            "producer_price": breakdown.producer_price,
        }

    def action_coop_print_labels(self):
        """Print the products' shelf labels (a sheet of A4, or one label per
        page) and take them out of the labels queue."""
        self.check_access("read")
        single = self.env.context.get("coop_label_format") == "single"
        report = self.env.ref(
            "coop_purchase.action_report_coop_shelf_label_single"
            if single
            else "coop_purchase.action_report_coop_shelf_label"
        )
        # sudo: whoever prints the labels empties the queue; only the flag of
        # the printed products is written.
        self.sudo().filtered("coop_label_pending").coop_label_pending = False
        return report.report_action(self, config=False)
