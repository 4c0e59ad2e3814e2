# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingAttendanceLog(models.Model):
    """Who changed a signed attendance line, when and why (audit trail)."""

    _name = "coop.training.attendance.log"
    _description = "Correction of a signed attendance line"
    _order = "create_date desc, id desc"

    attendance_id = fields.Many2one(
        "coop.training.attendance", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one(
        "res.users", string="Corrected by", default=lambda self: self.env.user
    )
    reason = fields.Text(required=True)
    old_state = fields.Char(string="Status before")
    new_state = fields.Char(string="Status after")
    signature_cleared = fields.Boolean()
