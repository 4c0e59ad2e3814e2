# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CoopMarginReport(models.Model):
    _name = "coop.margin.report"
    _description = "Margin achieved at the till"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Main supplier", readonly=True)
    qty = fields.Float(string="Quantity sold", readonly=True)
    revenue = fields.Monetary(string="Sales excl. VAT", readonly=True)
    cost = fields.Monetary(string="Cost", readonly=True)
    margin = fields.Monetary(string="Margin", readonly=True)
    target_margin = fields.Monetary(string="Target margin", readonly=True)
    margin_gap = fields.Monetary(string="Margin vs target", readonly=True)

    def init(self):
        """One row per till line sold: sales excl. VAT, their cost (Odoo's cost
        at the sale), the margin, and the margin the company's default policy
        aims at on these sales: with a markup m, margin = sales × m / (1 + m);
        with a margin rate m, margin = sales × m."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                SELECT l.id, o.date_order::date AS date, o.company_id, l.product_id,
                       pt.categ_id, sup.partner_id, l.qty,
                       l.price_subtotal AS revenue,
                       COALESCE(l.total_cost, 0) AS cost,
                       l.price_subtotal - COALESCE(l.total_cost, 0) AS margin,
                       l.price_subtotal * tgt.rate AS target_margin,
                       l.price_subtotal * (1 - tgt.rate) - COALESCE(l.total_cost, 0)
                           AS margin_gap
                  FROM pos_order_line l
                  JOIN pos_order o ON o.id = l.order_id
                  JOIN res_company c ON c.id = o.company_id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  CROSS JOIN LATERAL (
                      SELECT CASE WHEN c.coop_margin_mode = 'margin'
                                  THEN COALESCE(c.coop_margin_rate, 0) / 100.0
                                  ELSE COALESCE(c.coop_margin_rate, 0)
                                       / (100.0 + COALESCE(c.coop_margin_rate, 0))
                             END AS rate
                  ) tgt
                  LEFT JOIN LATERAL (
                      SELECT COALESCE(p.commercial_partner_id, p.id) AS partner_id
                        FROM product_supplierinfo si
                        JOIN res_partner p ON p.id = si.partner_id
                       WHERE si.product_tmpl_id = pt.id
                       ORDER BY si.sequence, si.min_qty DESC, si.price, si.id
                       LIMIT 1
                  ) sup ON TRUE
                 WHERE o.state IN ('paid', 'done', 'invoiced')
            )
            """,
                table=SQL.identifier(self._table),
            )
        )
