# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "coop.ssa.coverage.mixin"]

    ssa_local_producer = fields.Boolean(string="Local producer")
    ssa_organic = fields.Boolean(string="Organic")
    ssa_margin_transparency = fields.Boolean(string="Transparent margins")
    ssa_level_id = fields.Many2one(
        string="SSA coverage of products",
        help="Coverage of this supplier's products that have none of their own.",
    )
    ssa_beneficiary_ids = fields.One2many(
        "coop.ssa.beneficiary",
        "partner_id",
        string="SSA participations",
        groups="coop_ssa.group_ssa_officer",
    )
