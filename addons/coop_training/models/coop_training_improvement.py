# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingImprovement(models.Model):
    """Improvement action log (Qualiopi indicator 32), fed by complaints,
    surveys and audits."""

    _name = "coop.training.improvement"
    _description = "Training improvement action"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Action", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    origin = fields.Selection(
        [
            ("complaint", "Complaint"),
            ("survey", "Survey results"),
            ("audit", "Audit"),
            ("watch", "Watch"),
            ("other", "Other"),
        ],
        default="other",
        required=True,
    )
    complaint_id = fields.Many2one("coop.training.complaint", string="Complaint")
    event_type_id = fields.Many2one("event.type", string="Course")
    description = fields.Html()
    user_id = fields.Many2one("res.users", string="Responsible")
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancel", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    result = fields.Text(string="Effect observed")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
