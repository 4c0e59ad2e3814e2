# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopAssemblyParticipation(models.Model):
    """*That* a voter's vote was cast on a secret ballot, never *how*.

    One row per voter and resolution (unique index: a second ballot is
    refused, even from two screens at once). ``cast_by_id`` is the voter who
    voted: the voter themselves, the holder of their proxy, or the chair for a
    blank proxy (empty when the chair is not a voter).
    """

    _name = "coop.assembly.participation"
    _description = "Vote cast (secret ballot)"
    _order = "resolution_id, id"

    resolution_id = fields.Many2one(
        "coop.assembly.resolution", required=True, ondelete="cascade", index=True
    )
    voter_id = fields.Many2one(
        "coop.assembly.voter", required=True, ondelete="cascade", index=True
    )
    cast_by_id = fields.Many2one("coop.assembly.voter", ondelete="cascade")
    company_id = fields.Many2one(related="resolution_id.company_id", store=True)

    _sql_constraints = [
        (
            "voter_uniq",
            "unique(resolution_id, voter_id)",
            "This vote has already been cast.",
        ),
    ]
