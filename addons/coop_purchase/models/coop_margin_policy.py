# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_compare, float_round

from .price_flow import price_source

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
    def _policy(self):
        """The company's (margin mode, rounding step)."""
        company = self.env.company
        return company.coop_margin_mode, float(company.coop_price_rounding or "0.01")

    @api.model
    def _price_from_cost(
        self, producer_price, cost_rate, margin_rate, vat_rate, policy=None
    ):
        """The coop's price rule, for one sale unit.

        Costs (transport, losses) are a percentage of the producer's price and
        are added to it: that is the cost. The margin is then either a markup
        on the cost (price = cost × (1 + m)) or a margin rate on the sale price
        (price = cost / (1 − m)), as the company chose. VAT is added and the
        price paid by members is rounded to the company's step (0.01, 0.05 or
        0.10 €, to the nearest). The rounding is taken from (or given to) the
        coop's margin, so that producer price + costs + margin + VAT = price.
        `policy`: the company's (mode, step), read once by callers in a loop.
        Returns (costs, margin, vat, price, untaxed price).
        """
        mode, step = policy or self._policy()
        costs = producer_price * cost_rate / 100.0
        cost = producer_price + costs
        if mode == "margin":
            untaxed = cost / (1.0 - margin_rate / 100.0)
        else:
            untaxed = cost * (1.0 + margin_rate / 100.0)
        price = float_round(untaxed * (1.0 + vat_rate / 100.0), precision_rounding=step)
        untaxed = price / (1.0 + vat_rate / 100.0)
        return costs, untaxed - cost, price - untaxed, price, untaxed

    @api.model
    def _breakdowns(self, templates):
        """{template id: Breakdown} of the templates' theoretical prices.

        Set-based: one query for the products, their main suppliers and
        taxes, categories and tax rates read once for all. The producer price
        is the main supplier's price (after its discount) per purchase unit,
        converted to the sale unit. The margin is the product's own, else its
        main supplier's, else its category's (nearest up the tree), else the
        company's; the costs are the supplier's plus the category's. Products
        without a supplier have no theoretical price (absent from the result).
        """
        rows = self._main_seller_rows(templates)
        categ_rates = self._category_rates(
            self.env["product.category"].browse({r["categ_id"] for r in rows})
        )
        tax_rates = self._tax_rates({t for r in rows for t in r["tax_ids"] or ()})
        # The company's taxes only (a product may carry other companies' taxes).
        company = self.env.company
        digits = self.env["decimal.precision"].precision_get("Product Price")
        Seller = self.env["product.supplierinfo"]
        policy = self._policy()
        default_rate = company.coop_margin_rate
        result = {}
        for row in rows:
            categ_margin, categ_cost = categ_rates.get(row["categ_id"], (0.0, 0.0))
            rate, source = next(
                (rate, source)
                for rate, source in (
                    (row["margin_rate"], "product"),
                    (row["supplier_margin_rate"], "supplier"),
                    (categ_margin, "category"),
                    (default_rate, "company"),
                )
                if rate or source == "company"
            )
            taxes = [tax_rates[t] for t in row["tax_ids"] or () if t in tax_rates]
            vat_rate = sum(rate for rate, _inc in taxes)
            included = any(inc for _rate, inc in taxes)
            producer = self._producer_price(row)
            costs, margin, vat, price, untaxed = self._price_from_cost(
                producer, row["supplier_cost_rate"] + categ_cost, rate, vat_rate, policy
            )
            list_price = price if included else float_round(untaxed, digits)
            result[row["id"]] = Breakdown(
                Seller.browse(row["seller_id"]), producer, costs, margin, vat,
                price, list_price, rate, source, vat_rate, included,
            )  # fmt: skip
        return result

    @api.model
    def _main_seller_rows(self, templates):
        """One row per template that has a main supplier: its first vendor line
        in Odoo's vendor order (sequence, larger minimum first, price), valid
        today for the company, with what pricing needs of the template, of
        the supplier (its company) and the template's sale taxes.
        Hot path of every price computation: one query (bench_purchase)."""
        if not templates:
            return []
        self.env["product.template"].flush_model(
            ["categ_id", "coop_margin_rate", "uom_id", "uom_po_id", "taxes_id"]
        )
        self.env["product.supplierinfo"].flush_model()
        self.env["res.partner"].flush_model(
            ["commercial_partner_id", "coop_margin_rate", "coop_cost_rate"]
        )
        company = self.env.company
        self.env.cr.execute(
            SQL(
                """
            WITH main AS (
                SELECT DISTINCT ON (si.product_tmpl_id)
                       si.product_tmpl_id, si.id, si.price, si.discount,
                       si.currency_id, si.partner_id, si.delay
                  FROM product_supplierinfo si
                 WHERE si.product_tmpl_id = ANY(%(ids)s)
                   AND (si.company_id IS NULL OR si.company_id = %(company)s)
                   AND (si.date_start IS NULL OR si.date_start <= %(today)s)
                   AND (si.date_end IS NULL OR si.date_end >= %(today)s)
                 ORDER BY si.product_tmpl_id, si.sequence, si.min_qty DESC,
                          si.price, si.id
            ), taxes AS (
                SELECT r.prod_id, array_agg(r.tax_id) AS tax_ids
                  FROM product_taxes_rel r
                 WHERE r.prod_id = ANY(%(ids)s)
                 GROUP BY r.prod_id
            )
            SELECT t.id, t.categ_id, COALESCE(t.coop_margin_rate, 0) AS margin_rate,
                   t.uom_id, t.uom_po_id,
                   CASE WHEN uom.category_id = po.category_id
                        THEN po.factor / uom.factor ELSE 1 END AS uom_ratio,
                   s.id AS seller_id, s.price, COALESCE(s.discount, 0) AS discount,
                   s.currency_id, COALESCE(s.delay, 0) AS delay,
                   cp.id AS supplier_id, %(currency)s AS company_currency_id,
                   COALESCE(cp.coop_margin_rate, 0) AS supplier_margin_rate,
                   COALESCE(cp.coop_cost_rate, 0) AS supplier_cost_rate,
                   tx.tax_ids
              FROM main s
              JOIN product_template t ON t.id = s.product_tmpl_id
              JOIN uom_uom uom ON uom.id = t.uom_id
              JOIN uom_uom po ON po.id = t.uom_po_id
              JOIN res_partner p ON p.id = s.partner_id
              JOIN res_partner cp ON cp.id = COALESCE(p.commercial_partner_id, p.id)
              LEFT JOIN taxes tx ON tx.prod_id = t.id
            """,
                company=company.id,
                currency=company.currency_id.id,
                today=fields.Date.context_today(self),
                ids=list(templates.ids),
            )
        )
        return self.env.cr.dictfetchall()

    @api.model
    def _main_sellers(self, templates):
        """{template id: supplierinfo} of the templates' main suppliers."""
        Seller = self.env["product.supplierinfo"]
        return {
            row["id"]: Seller.browse(row["seller_id"])
            for row in self._main_seller_rows(templates)
        }

    @api.model
    def _producer_price(self, row):
        """The main supplier's price per sale unit, in the company currency."""
        price = row["price"] * (1.0 - row["discount"] / 100.0)
        company = self.env.company
        if row["currency_id"] and row["currency_id"] != row["company_currency_id"]:
            currency = self.env["res.currency"].browse(row["currency_id"])
            price = currency._convert(
                price, company.currency_id, company, fields.Date.context_today(self)
            )
        return price * row["uom_ratio"]

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
    def _tax_rates(self, tax_ids):
        """{tax id: (VAT %, included in the price?)} of the company's taxes."""
        company = self.env.company
        taxes = (
            self.env["account.tax"]
            .browse(tax_ids)
            .filtered(lambda t: t.company_id == company)
        )
        return {tax.id: self._vat_rate(tax) for tax in taxes}

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
                price_source(seller.sudo(), trigger, line._coop_origin()).write(
                    {"price": price, "discount": line.discount}
                )
