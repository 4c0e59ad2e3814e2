# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopSsaDecisionCriterion(models.Model):
    """One criterion of a committee decision and the score it was given."""

    _name = "coop.ssa.decision.criterion"
    _description = "SSA decision criterion"
    _order = "decision_id, sequence, id"

    decision_id = fields.Many2one(
        "coop.ssa.decision", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(
        string="Criterion",
        required=True,
        help="e.g. locality, price transparency, sustainable practice.",
    )
    score = fields.Integer(help="0 to 5.")
    comment = fields.Char()

    _sql_constraints = [
        ("score_range", "CHECK(score >= 0 AND score <= 5)", "Scores go from 0 to 5."),
    ]
