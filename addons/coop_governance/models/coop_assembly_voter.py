# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopAssemblyVoter(models.Model):
    """A member entitled to vote at an assembly (one member, one vote).

    The list is drawn from the share register by the assembly
    (``_compute_voters_sql``); nobody creates or edits a voter by hand: the
    access rights give read only, the flows write with a bounded ``sudo``.
    """

    _name = "coop.assembly.voter"
    _description = "Voter at a general assembly"
    _order = "partner_name, id"
    _rec_name = "partner_id"

    assembly_id = fields.Many2one(
        "coop.assembly", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True, readonly=True
    )
    partner_name = fields.Char(related="partner_id.name", store=True)
    member_number = fields.Integer(related="partner_id.coop_member_number")
    college_id = fields.Many2one("coop.assembly.college", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    present = fields.Boolean(readonly=True)

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(assembly_id, partner_id)",
            "A member is a voter only once at an assembly.",
        ),
    ]
