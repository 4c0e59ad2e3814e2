# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductCategory(models.Model):
    _name = "product.category"
    _inherit = ["product.category", "coop.ssa.coverage.mixin"]

    ssa_level_id = fields.Many2one(
        help="Coverage of the category's products (and sub-categories) that have "
        "none of their own.",
    )

    def _ssa_level_by_category(self):
        """{category id: level} using the nearest category up the tree with one."""
        ancestor_ids = {int(i) for c in self for i in c.parent_path.split("/") if i}
        ancestors = self.browse(ancestor_ids)
        own = {c.id: c.ssa_level_id for c in ancestors if c.ssa_level_id}
        result = {}
        for categ in self:
            chain = [int(i) for i in categ.parent_path.split("/") if i]
            levels = [own[i] for i in reversed(chain) if i in own]
            result[categ.id] = levels[0] if levels else self.env["coop.ssa.level"]
        return result
