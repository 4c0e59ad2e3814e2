# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class CoopTrainingAttendanceLog(models.Model):
    """Who changed an attendance line, when and why (audit trail).

    Written by the server only (``coop.training.attendance._coop_correct``):
    nobody has the right to create, change or delete a log.
    """

    _name = "coop.training.attendance.log"
    _description = "Correction of an attendance line"
    _order = "create_date desc, id desc"

    attendance_id = fields.Many2one(
        "coop.training.attendance", required=True, ondelete="restrict", index=True
    )
    event_id = fields.Many2one(related="attendance_id.event_id", store=True)
    company_id = fields.Many2one(related="attendance_id.company_id", store=True)
    user_id = fields.Many2one(
        "res.users", string="Corrected by", default=lambda self: self.env.user
    )
    reason = fields.Text(required=True)
    old_state = fields.Char(string="Status before")
    new_state = fields.Char(string="Status after")
    signature_cleared = fields.Boolean()
    late_signature = fields.Boolean(
        help="The learner did not sign during the half-day: the coordinator "
        "recorded the presence afterwards."
    )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A correction log cannot be deleted."))
