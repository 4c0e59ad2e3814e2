# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    ssa_level_id = fields.Many2one("coop.ssa.level", string="SSA coverage", readonly=True)
    ssa_rate = fields.Float(string="SSA coverage (%)", readonly=True)

    def _ssa_stamp_levels(self):
        """Record each line's coverage at sale time (for claims and reports)."""
        by_level = defaultdict(lambda: self.browse())
        for line in self:
            by_level[line.product_id.product_tmpl_id.ssa_effective_level_id] |= line
        for level, lines in by_level.items():
            lines.write({"ssa_level_id": level.id, "ssa_rate": level.rate})

    def _ssa_eligible_amount(self):
        """Σ(line total incl. taxes × coverage rate): what SSA may pay."""
        return sum(
            line.price_subtotal_incl * line.product_id.product_tmpl_id.ssa_rate / 100.0
            for line in self
        )
