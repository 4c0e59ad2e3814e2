# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    coop_assembly_proxy_max = fields.Integer(
        related="company_id.coop_assembly_proxy_max", readonly=False
    )
    coop_assembly_notice_days = fields.Integer(
        related="company_id.coop_assembly_notice_days", readonly=False
    )
    coop_quorum_ordinary_first = fields.Float(
        related="company_id.coop_quorum_ordinary_first", readonly=False
    )
    coop_quorum_ordinary_second = fields.Float(
        related="company_id.coop_quorum_ordinary_second", readonly=False
    )
    coop_quorum_extraordinary_first = fields.Float(
        related="company_id.coop_quorum_extraordinary_first", readonly=False
    )
    coop_quorum_extraordinary_second = fields.Float(
        related="company_id.coop_quorum_extraordinary_second", readonly=False
    )
    coop_quorum_other_first = fields.Float(
        related="company_id.coop_quorum_other_first", readonly=False
    )
    coop_quorum_other_second = fields.Float(
        related="company_id.coop_quorum_other_second", readonly=False
    )
