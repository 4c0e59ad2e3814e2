# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CoopAssemblyHands(models.TransientModel):
    """The chair enters the counts of a show of hands (one college at a time).

    A convenience only: the resolution's ``record_show_of_hands`` checks the
    caller and the counts.
    """

    _name = "coop.assembly.hands"
    _description = "Show of hands"

    resolution_id = fields.Many2one("coop.assembly.resolution", required=True)
    college_id = fields.Many2one(
        "coop.assembly.college",
        help="Leave empty when the cooperative has no colleges.",
    )
    votes_present = fields.Integer(compute="_compute_votes_present")
    votes_for = fields.Integer(string="For")
    votes_against = fields.Integer(string="Against")
    votes_abstain = fields.Integer(string="Abstentions")

    @api.depends("resolution_id", "college_id")
    def _compute_votes_present(self):
        for wizard in self:
            present = wizard.resolution_id.assembly_id._votes_present_by_college()
            wizard.votes_present = present.get(wizard.college_id.id or False, 0)

    def action_record(self):
        self.ensure_one()
        self.resolution_id.record_show_of_hands(
            self.votes_for, self.votes_against, self.votes_abstain, self.college_id.id
        )
        return {"type": "ir.actions.act_window_close"}
