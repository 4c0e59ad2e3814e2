# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_round

Breakdown = namedtuple(
    "Breakdown",
    "seller producer_price costs margin vat price list_price margin_rate "
    "margin_source vat_rate price_include",
)


class CoopMarginPolicy(models.AbstractModel):
    _name = "coop.margin.policy"
    _description = "Coop margin policy"

    @api.model
    def _check_rate(self, records, fname, mode=None):
        """A margin is at least 0 %; as a margin rate on the sale price it is
        below 100 % (the sale price would be infinite)."""
        for record in records:
            rate = record[fname]
            company_mode = mode(record) if mode else self.env.company.coop_margin_mode
            if rate < 0 or (company_mode == "margin" and rate >= 100):
                raise ValidationError(
                    _(
                        "%(name)s: a margin of %(rate)s %% is not possible.",
                        name=record.display_name,
                        rate=rate,
                    )
                )

    @api.model
    def _price_from_cost(self, producer_price, cost_rate, margin_rate, vat_rate):
        """The coop's price rule, for one sale unit.

        Costs (transport, losses) are a percentage of the producer's price and
        are added to it: that is the cost. The margin is then either a markup
        on the cost (price = cost × (1 + m)) or a margin rate on the sale price
        (price = cost / (1 − m)), as the company chose. VAT is added and the
        price paid by members is rounded to the company's step (0.01, 0.05 or
        0.10 €, to the nearest). The rounding is taken from (or given to) the
        coop's margin, so that producer price + costs + margin + VAT = price.
        Returns (costs, margin, vat, price, untaxed price).
        """
        company = self.env.company
        costs = producer_price * cost_rate / 100.0
        cost = producer_price + costs
        if company.coop_margin_mode == "margin":
            untaxed = cost / (1.0 - margin_rate / 100.0)
        else:
            untaxed = cost * (1.0 + margin_rate / 100.0)
        step = float(company.coop_price_rounding or "0.01")
        price = float_round(untaxed * (1.0 + vat_rate / 100.0), precision_rounding=step)
        untaxed = price / (1.0 + vat_rate / 100.0)
        return costs, untaxed - cost, price - untaxed, price, untaxed

    @api.model
    def _breakdowns(self, templates):
        """{template id: Breakdown} of the templates' theoretical prices.

        Set-based: one query for the main suppliers, the categories, partners
        and taxes read once for all. The producer price is the main supplier's
        price (after its discount) per purchase unit, converted to the sale
        unit. The margin is the product's own, else its main supplier's, else
        its category's (nearest up the tree), else the company's; the costs are
        the supplier's plus the category's. Products without a supplier have
        no theoretical price (absent from the result).
        """
        sellers = self._main_sellers(templates)
        categ_rates = self._category_rates(templates.categ_id)
        vat_rates = {}
        company = self.env.company
        digits = self.env["decimal.precision"].precision_get("Product Price")
        result = {}
        for tmpl in templates:
            seller = sellers.get(tmpl.id)
            if not seller:
                continue
            producer = self._producer_price(tmpl, seller)
            supplier = seller.partner_id.commercial_partner_id
            categ_margin, categ_cost = categ_rates.get(tmpl.categ_id.id, (0.0, 0.0))
            rate, source = next(
                (rate, source)
                for rate, source in (
                    (tmpl.coop_margin_rate, "product"),
                    (supplier.coop_margin_rate, "supplier"),
                    (categ_margin, "category"),
                    (company.coop_margin_rate, "company"),
                )
                if rate or source == "company"
            )
            taxes = tmpl.taxes_id.filtered(lambda t, c=company: t.company_id == c)
            if taxes not in vat_rates:
                vat_rates[taxes] = self._vat_rate(taxes)
            vat_rate, included = vat_rates[taxes]
            cost_rate = supplier.coop_cost_rate + categ_cost
            costs, margin, vat, price, untaxed = self._price_from_cost(
                producer, cost_rate, rate, vat_rate
            )
            list_price = price if included else float_round(untaxed, digits)
            result[tmpl.id] = Breakdown(
                seller, producer, costs, margin, vat, price, list_price, rate,
                source, vat_rate, included,
            )  # fmt: skip
        return result

    @api.model
    def _main_sellers(self, templates):
        """{template id: supplierinfo}: a product's main supplier is its first
        vendor line (Odoo's vendor order) valid today for the company."""
        today = fields.Date.context_today(self)
        sellers = self.env["product.supplierinfo"].search_fetch(
            [
                ("product_tmpl_id", "in", templates.ids),
                ("company_id", "in", [False, self.env.company.id]),
                "|",
                ("date_start", "=", False),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            ["product_tmpl_id", "partner_id", "price", "discount", "currency_id"],
        )
        main = {}
        for seller in sellers:
            main.setdefault(seller.product_tmpl_id.id, seller)
        return main

    @api.model
    def _producer_price(self, tmpl, seller):
        """The main supplier's price per sale unit, in the company currency."""
        price = seller.price * (1.0 - seller.discount / 100.0)
        company = self.env.company
        if seller.currency_id and seller.currency_id != company.currency_id:
            price = seller.currency_id._convert(
                price, company.currency_id, company, fields.Date.context_today(self)
            )
        return tmpl.uom_po_id._compute_price(price, tmpl.uom_id)

    @api.model
    def _category_rates(self, categories):
        """{category id: (margin, costs)}, each the nearest one set up the tree."""
        ancestor_ids = {
            int(i) for c in categories for i in c.parent_path.split("/")[:-1]
        }
        ancestors = self.env["product.category"].browse(ancestor_ids)
        rates = {c.id: (c.coop_margin_rate, c.coop_cost_rate) for c in ancestors}
        result = {}
        for categ in categories:
            path = [int(i) for i in categ.parent_path.split("/")[:-1]][::-1]
            margin = next((rates[i][0] for i in path if rates[i][0]), 0.0)
            cost = next((rates[i][1] for i in path if rates[i][1]), 0.0)
            result[categ.id] = (margin, cost)
        return result

    @api.model
    def _vat_rate(self, taxes):
        """(VAT %, included in the price?) of a product's sale taxes: the sum of
        their percentages; included if one of them is included in the price."""
        taxes = taxes.flatten_taxes_hierarchy()
        percent = taxes.filtered(lambda t: t.amount_type == "percent")
        return sum(percent.mapped("amount")), any(percent.mapped("price_include"))

    @api.model
    def _record_purchase_prices(self, lines, trigger):
        """Take the price of a confirmed purchase or a posted bill as the main
        supplier's new price, when bought from the main supplier at another
        price (which puts the product on the price review list).

        `lines`: purchase order or vendor bill lines, with product_id,
        partner_id, price_unit, discount, currency_id and a unit field.
        """
        lines = lines.filtered("product_id")
        main = self._main_sellers(lines.product_id.product_tmpl_id)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        for line in lines:
            tmpl = line.product_id.product_tmpl_id
            seller = main.get(tmpl.id)
            partner = line.partner_id.commercial_partner_id
            if (
                not seller
                or seller.partner_id.commercial_partner_id != partner
                or (seller.currency_id or line.currency_id) != line.currency_id
            ):
                continue
            uom = line.product_uom if trigger == "purchase" else line.product_uom_id
            price = (uom or tmpl.uom_po_id)._compute_price(
                line.price_unit, tmpl.uom_po_id
            )
            price = float_round(price, digits)
            if float_compare(price, seller.price, digits) or float_compare(
                line.discount, seller.discount, 2
            ):
                # sudo: the buyer or accountant records what the supplier
                # charged; only this vendor line's price and discount change.
                seller.sudo().with_context(
                    coop_price_trigger=trigger, coop_price_origin=line._coop_origin()
                ).write({"price": price, "discount": line.discount})
