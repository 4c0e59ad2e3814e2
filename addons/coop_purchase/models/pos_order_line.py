# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.tools import SQL


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def init(self):
        """Index the till's lines by product, with their order and quantity:
        summing a supplier's sales over a period then reads this index only,
        not a year of lines (bench/bench_purchase.py)."""
        super().init()
        self.env.cr.execute(
            SQL(
                """
                CREATE INDEX IF NOT EXISTS pos_order_line_coop_product_sales_index
                    ON %(table)s (product_id, order_id) INCLUDE (qty)
                """,
                table=SQL.identifier(self._table),
            )
        )
