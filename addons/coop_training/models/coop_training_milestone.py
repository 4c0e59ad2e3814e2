# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .coop_training_cohort import MILESTONE_TYPES


class CoopTrainingMilestone(models.Model):
    """A step of a cooperative's creation, with its target and its result."""

    _name = "coop.training.milestone"
    _description = "Milestone of a cooperative in creation"
    _order = "cohort_id, sequence, id"

    cohort_id = fields.Many2one(
        "coop.training.cohort", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(compute="_compute_sequence", store=True, readonly=False)
    milestone_type = fields.Selection(
        MILESTONE_TYPES, string="Milestone", required=True
    )
    date_target = fields.Date(string="Target date")
    date_done = fields.Date(string="Reached on")
    value_target = fields.Float(
        string="Target", help="Members, shares (EUR)... when the milestone counts."
    )
    value_done = fields.Float(string="Reached")
    note = fields.Char()

    @api.depends("milestone_type")
    def _compute_sequence(self):
        order = [key for key, _label in MILESTONE_TYPES]
        for milestone in self:
            milestone.sequence = (
                order.index(milestone.milestone_type)
                if milestone.milestone_type
                else 99
            )
