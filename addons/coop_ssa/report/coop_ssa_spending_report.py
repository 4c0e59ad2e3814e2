# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CoopSsaSpendingReport(models.Model):
    """What the allowance paid, spread over the eligible lines of each order.

    Each eligible line gets the share of the order's SSA payment that its
    eligible amount (line total × coverage) represents.
    """

    _name = "coop.ssa.spending.report"
    _description = "SSA spending analysis"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    fund_id = fields.Many2one("coop.ssa.fund", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    order_id = fields.Many2one("pos.order", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    level_id = fields.Many2one("coop.ssa.level", string="Coverage level", readonly=True)
    origin = fields.Selection(
        lambda self: self.env["product.template"]._fields["ssa_origin"].selection,
        readonly=True,
    )
    supplier_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    supplier_local = fields.Boolean(string="Local producer", readonly=True)
    supplier_organic = fields.Boolean(string="Organic supplier", readonly=True)
    sale_amount = fields.Float(string="Line total", readonly=True)
    eligible_amount = fields.Float(readonly=True)
    ssa_amount = fields.Float(string="Paid by SSA", readonly=True)

    def _query(self):
        return SQL(
            """
            WITH pay AS (
                SELECT p.pos_order_id, m.ssa_fund_id AS fund_id, SUM(p.amount) AS amount
                  FROM pos_payment p
                  JOIN pos_payment_method m ON m.id = p.payment_method_id
                 WHERE m.ssa_fund_id IS NOT NULL
                 GROUP BY p.pos_order_id, m.ssa_fund_id
            ), elig AS (
                SELECT order_id, SUM(price_subtotal_incl * ssa_rate / 100.0) AS amount
                  FROM pos_order_line GROUP BY order_id
            )
            SELECT ROW_NUMBER() OVER (ORDER BY l.id, pay.fund_id) AS id,
                   o.date_order AS date, pay.fund_id, o.company_id,
                   o.id AS order_id, l.product_id, t.categ_id,
                   l.ssa_level_id AS level_id, t.ssa_origin AS origin,
                   s.partner_id AS supplier_id,
                   COALESCE(rp.ssa_local_producer, FALSE) AS supplier_local,
                   COALESCE(rp.ssa_organic, FALSE) AS supplier_organic,
                   l.price_subtotal_incl AS sale_amount,
                   l.price_subtotal_incl * l.ssa_rate / 100.0 AS eligible_amount,
                   pay.amount * (l.price_subtotal_incl * l.ssa_rate / 100.0)
                       / NULLIF(elig.amount, 0) AS ssa_amount
              FROM pos_order_line l
              JOIN pos_order o ON o.id = l.order_id
              JOIN pay ON pay.pos_order_id = o.id
              JOIN elig ON elig.order_id = o.id
              JOIN product_product pp ON pp.id = l.product_id
              JOIN product_template t ON t.id = pp.product_tmpl_id
              LEFT JOIN LATERAL (
                  SELECT si.partner_id FROM product_supplierinfo si
                   WHERE si.product_tmpl_id = t.id
                   ORDER BY si.sequence, si.id LIMIT 1
              ) s ON TRUE
              LEFT JOIN res_partner rp ON rp.id = s.partner_id
             WHERE l.ssa_rate > 0 AND o.state IN ('paid', 'done', 'invoiced')
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
