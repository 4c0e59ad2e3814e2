# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .bpf_codes import FUNDER_TYPES


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    coop_funder_type = fields.Selection(
        FUNDER_TYPES,
        string="Training funder type",
        compute="_compute_coop_funder_type",
        store=True,
        readonly=False,
        help="BPF income line (cadre C); set from the enrolments of the sale "
        "line, editable for training income invoiced otherwise.",
    )

    @api.depends("sale_line_ids.registration_ids.coop_funder_type")
    def _compute_coop_funder_type(self):
        for line in self:
            types = line.sale_line_ids.registration_ids.filtered(
                "coop_funder_type"
            ).mapped("coop_funder_type")
            if types:
                line.coop_funder_type = types[0]
            elif not line.coop_funder_type:
                line.coop_funder_type = False
