# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL


class CoopPurchaseReport(models.Model):
    _name = "coop.purchase.report"
    _description = "Purchases: local, contracted, organic"
    _auto = False
    _order = "date desc"

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Supplier", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    order_id = fields.Many2one("purchase.order", string="Purchase order", readonly=True)
    is_local = fields.Boolean(string="Local", readonly=True)
    is_contracted = fields.Boolean(string="Contracted", readonly=True)
    is_organic = fields.Boolean(string="Organic", readonly=True)
    value = fields.Monetary(string="Purchases", readonly=True)
    value_local = fields.Monetary(string="Local purchases", readonly=True)
    value_contracted = fields.Monetary(string="Contracted purchases", readonly=True)
    value_organic = fields.Monetary(string="Organic purchases", readonly=True)

    def init(self):
        """One row per confirmed purchase order line, in the company currency.

        Local: bought from a producer within the company's local distance.
        Contracted: the producer had a running (or since closed) contract for
        the product on the order date. Organic: the product is organic."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
            CREATE VIEW %(table)s AS (
                SELECT l.id, l.date_order_day AS date, l.company_id, l.partner_id,
                       l.product_id, l.categ_id, l.order_id, l.is_local,
                       l.is_contracted, l.is_organic, l.value,
                       CASE WHEN l.is_local THEN l.value ELSE 0 END AS value_local,
                       CASE WHEN l.is_contracted THEN l.value ELSE 0 END
                           AS value_contracted,
                       CASE WHEN l.is_organic THEN l.value ELSE 0 END AS value_organic
                  FROM (
                    SELECT pol.id, o.date_order::date AS date_order_day,
                           o.company_id, p.id AS partner_id, pol.product_id,
                           pt.categ_id, o.id AS order_id,
                           COALESCE(p.coop_supplier_kind = 'producer'
                               AND p.coop_distance_km > 0
                               AND p.coop_distance_km <= c.coop_local_distance_km,
                               FALSE) AS is_local,
                           EXISTS (
                               SELECT 1 FROM coop_producer_contract_line cl
                                 JOIN coop_producer_contract ct
                                   ON ct.id = cl.contract_id
                                WHERE cl.product_id = pol.product_id
                                  AND ct.partner_id = p.id
                                  AND ct.state IN ('active', 'closed')
                                  AND o.date_order::date
                                      BETWEEN ct.date_start AND ct.date_end
                           ) AS is_contracted,
                           COALESCE(pt.coop_organic, FALSE) AS is_organic,
                           pol.price_subtotal / COALESCE(NULLIF(o.currency_rate, 0), 1)
                               AS value
                      FROM purchase_order_line pol
                      JOIN purchase_order o ON o.id = pol.order_id
                      JOIN res_company c ON c.id = o.company_id
                      JOIN res_partner op ON op.id = o.partner_id
                      JOIN res_partner p
                        ON p.id = COALESCE(op.commercial_partner_id, op.id)
                      JOIN product_product pp ON pp.id = pol.product_id
                      JOIN product_template pt ON pt.id = pp.product_tmpl_id
                     WHERE o.state IN ('purchase', 'done')
                       AND pol.display_type IS NULL
                  ) l
            )
            """,
                table=SQL.identifier(self._table),
            )
        )

    @api.model
    def _figures(self, date_from, date_to):
        """Purchases between the dates, and the local, contracted and organic
        ones in value and in % of them (the annual report's figures)."""
        fnames = ["value", "value_local", "value_contracted", "value_organic"]
        totals = self._read_group(
            [("date", ">=", date_from), ("date", "<=", date_to)],
            [],
            [f"{fname}:sum" for fname in fnames],
        )[0]
        figures = dict(zip(fnames, (t or 0.0 for t in totals), strict=True))
        total = figures["value"]
        result = {"value_total": total}
        for kind in ("local", "contracted", "organic"):
            value = figures[f"value_{kind}"]
            result[f"value_{kind}"] = value
            result[f"share_{kind}"] = 100.0 * value / total if total else 0.0
        return result
