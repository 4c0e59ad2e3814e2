# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingAttendanceCorrect(models.TransientModel):
    """Coordinator's correction of a signed attendance line, with a reason."""

    _name = "coop.training.attendance.correct"
    _description = "Correct a signed attendance line"

    attendance_id = fields.Many2one("coop.training.attendance", required=True)
    state = fields.Selection(
        selection=lambda self: (
            self.env["coop.training.attendance"]
            ._fields["state"]
            ._description_selection(self.env)
        ),
        required=True,
    )
    is_signed = fields.Boolean(related="attendance_id.is_locked")
    clear_signature = fields.Boolean(
        help="Remove the signature so that the learner signs again."
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        """Apply the correction through the line's correction flow, which
        checks the coordinator's right and logs the reason."""
        self.ensure_one()
        self.attendance_id._coop_correct(
            self.state, self.reason, clear_signature=self.clear_signature
        )
        return {"type": "ir.actions.act_window_close"}
