# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    coop_members_only = fields.Boolean(
        string="Members only",
        help="An order can only be paid by a customer who may shop; a POS "
        "manager may override with their PIN, and every refusal and override is "
        "logged.",
    )
