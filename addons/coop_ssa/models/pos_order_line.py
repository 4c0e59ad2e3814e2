# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    ssa_level_id = fields.Many2one(
        "coop.ssa.level", string="SSA coverage", readonly=True
    )
    ssa_rate = fields.Float(string="SSA coverage (%)", readonly=True)
    ssa_amount = fields.Monetary(
        string="Paid by SSA",
        readonly=True,
        copy=False,
        help="The allowance's share of this line, stamped when the sale is "
        "validated (negative on a refund line): what a refund gives back.",
    )

    def _ssa_stamp_levels(self):
        """Record each line's coverage at sale time (for payment, claims, reports).

        One statement whatever the basket: the coverage of its products
        (:meth:`product.template._ssa_coverage_query`) written on the lines
        (coverage is not part of the inalterability hash), and kept in cache.
        """
        if not self:
            return
        self.env.flush_all()
        coverage = self.env["product.template"]._ssa_coverage_query(
            SQL(
                """t.id IN (SELECT pp.product_tmpl_id FROM product_product pp
                             JOIN pos_order_line ol ON ol.product_id = pp.id
                            WHERE ol.id IN %s)""",
                tuple(self.ids),
            )
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE pos_order_line l
                   SET ssa_level_id = cov.level_id,
                       ssa_rate = COALESCE(lvl.rate, 0.0)
                  FROM product_product pp
                  JOIN (%s) cov ON cov.tmpl_id = pp.product_tmpl_id
                  LEFT JOIN coop_ssa_level lvl ON lvl.id = cov.level_id
                 WHERE l.id IN %s AND pp.id = l.product_id
             RETURNING l.id, l.ssa_level_id, l.ssa_rate
                """,
                coverage,
                tuple(self.ids),
            )
        )
        stamped = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        values = [stamped.get(line.id, (None, 0.0)) for line in self]
        for index, name in enumerate(("ssa_level_id", "ssa_rate")):
            self.env.cache.update(
                self, self._fields[name], [value[index] for value in values]
            )

    def _ssa_totals(self):
        """{line: total incl. taxes} recomputed here from the line: the amount
        the customer owes (the till's totals are not trusted)."""
        return {
            line: line._compute_amount_line_all()["price_subtotal_incl"]
            for line in self
        }

    def _ssa_eligible_by_line(self, totals=None):
        """{line: what SSA may pay on it}, the rule of eligibility.

        The line's coverage rate (stamped at sale) times its total, but that
        total never above the server's price of the product on this till (its
        pricelist, the product's taxes): a price sent higher by the till does
        not raise what the fund pays; a discount may only lower it.
        """
        totals = totals or self._ssa_totals()
        result = {}
        for line in self:
            total = totals[line]
            if line.ssa_rate and line.qty > 0:
                total = min(total, line._ssa_server_total())
            result[line] = total * line.ssa_rate / 100.0
        return result

    def _ssa_eligible_amount(self, totals=None):
        """Σ(line total incl. taxes × stamped coverage rate): what SSA may pay."""
        return sum(self._ssa_eligible_by_line(totals).values())

    def _ssa_server_total(self):
        """Total incl. taxes of this line at the server's price of its product."""
        self.ensure_one()
        order = self.order_id
        pricelist, fpos = order._ssa_price_context()
        product = self.product_id
        price = (
            pricelist._get_product_price(product, self.qty, currency=order.currency_id)
            if pricelist
            else product.lst_price
        )
        taxes = product.taxes_id.filtered_domain(
            self.env["account.tax"]._check_company_domain(order.company_id)
        )
        mapped = fpos.map_tax(taxes)
        price = self.env["account.tax"]._fix_tax_included_price_company(
            price, taxes, mapped, order.company_id
        )
        price *= 1 - (self.discount or 0.0) / 100.0
        return mapped.compute_all(
            price,
            order.currency_id,
            self.qty,
            product=product,
            partner=order.partner_id,
        )["total_included"]

    def _ssa_stamp_amounts(self, amounts):
        """Record {line: SSA share} on the lines, in one UPDATE (the share is
        not part of the inalterability hash)."""
        if not amounts:
            return
        rows = [SQL("(%s, %s)", line.id, amount) for line, amount in amounts.items()]
        self.env.cr.execute(
            SQL(
                """
                UPDATE pos_order_line l SET ssa_amount = v.amount::numeric
                  FROM (VALUES %s) AS v(id, amount) WHERE l.id = v.id
                """,
                SQL(", ").join(rows),
            )
        )
        self.invalidate_recordset(["ssa_amount"])
