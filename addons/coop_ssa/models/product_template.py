# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    ssa_level_id = fields.Many2one(
        "coop.ssa.level",
        string="SSA coverage (own)",
        tracking=True,
        help="Set by a committee decision; wins over the supplier's and the "
        "category's coverage.",
    )
    ssa_effective_level_id = fields.Many2one(
        "coop.ssa.level",
        string="SSA coverage",
        compute="_compute_ssa_effective_level",
    )
    ssa_rate = fields.Float(
        string="SSA coverage (%)", compute="_compute_ssa_effective_level"
    )
    ssa_origin = fields.Selection(
        [
            ("local", "Local (under 150 km)"),
            ("regional", "Regional"),
            ("national", "France"),
            ("eu", "European Union"),
            ("world", "Outside the EU"),
        ],
        string="Origin",
    )

    @api.depends(
        "ssa_level_id",
        "categ_id.ssa_level_id",
        "categ_id.parent_id.ssa_level_id",
        "seller_ids.partner_id.ssa_level_id",
    )
    def _compute_ssa_effective_level(self):
        """Coverage of a product: its own level, else its main supplier's, else
        its category's (nearest up the tree). No level: not payable by SSA."""
        by_categ = self.categ_id._ssa_level_by_category()
        for tmpl in self:
            level = (
                tmpl.ssa_level_id
                or tmpl.seller_ids[:1].partner_id.commercial_partner_id.ssa_level_id
                or by_categ.get(tmpl.categ_id.id)
                or self.env["coop.ssa.level"]
            )
            tmpl.ssa_effective_level_id = level
            tmpl.ssa_rate = level.rate


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["ssa_rate"]
