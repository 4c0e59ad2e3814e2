# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingComplaint(models.Model):
    """Complaint and incident register (Qualiopi indicator 31)."""

    _name = "coop.training.complaint"
    _description = "Training complaint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    partner_id = fields.Many2one("res.partner", string="From")
    origin = fields.Selection(
        [
            ("learner", "Learner"),
            ("client", "Client cooperative"),
            ("funder", "Funder"),
            ("trainer", "Trainer"),
            ("other", "Other"),
        ],
        default="learner",
        required=True,
    )
    event_id = fields.Many2one("event.event", string="Session")
    description = fields.Html()
    response = fields.Html()
    state = fields.Selection(
        [("new", "New"), ("in_progress", "Being handled"), ("closed", "Closed")],
        default="new",
        required=True,
        tracking=True,
    )
    date_closed = fields.Date(string="Closed on")
    improvement_ids = fields.One2many(
        "coop.training.improvement", "complaint_id", string="Improvement actions"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_close(self):
        self.check_access("write")
        self.write({"state": "closed", "date_closed": fields.Date.context_today(self)})
        return True
