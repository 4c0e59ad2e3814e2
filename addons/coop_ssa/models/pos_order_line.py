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

    def _ssa_stamp_levels(self):
        """Record each line's coverage at sale time (for payment, claims, reports).

        Two queries whatever the basket: the coverage of its products, then one
        UPDATE of the lines (coverage is not part of the inalterability hash).
        """
        if not self:
            return
        self.flush_recordset(["product_id"])
        levels = self.env["product.template"]._ssa_level_by_template(
            self.product_id.product_tmpl_id.ids
        )
        # sudo: reading the rate of a coverage level (public configuration)
        Level = self.env["coop.ssa.level"].sudo()
        rates = {level.id: level.rate for level in Level.browse(set(levels.values()))}
        rows = []
        for line in self:
            level_id = levels.get(line.product_id.product_tmpl_id.id)
            rows.append(
                SQL("(%s, %s, %s)", line.id, level_id, rates.get(level_id, 0.0))
            )
        self.env.cr.execute(
            SQL(
                """
                UPDATE pos_order_line l
                   SET ssa_level_id = v.level_id::int, ssa_rate = v.rate::float8
                  FROM (VALUES %s) AS v(id, level_id, rate)
                 WHERE l.id = v.id
                """,
                SQL(", ").join(rows),
            )
        )
        self.invalidate_recordset(["ssa_level_id", "ssa_rate"])

    def _ssa_totals(self):
        """{line: total incl. taxes} recomputed here: the till's figures are
        not trusted for what the allowance pays."""
        return {
            line: line._compute_amount_line_all()["price_subtotal_incl"]
            for line in self
        }

    def _ssa_eligible_amount(self, totals=None):
        """Σ(line total incl. taxes × stamped coverage rate): what SSA may pay."""
        totals = totals or self._ssa_totals()
        return sum(totals[line] * line.ssa_rate / 100.0 for line in self)
