# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingAttendanceCorrect(models.TransientModel):
    """Coordinator's correction of a signed attendance line, with a reason."""

    _name = "coop.training.attendance.correct"
    _description = "Correct a signed attendance line"

    attendance_id = fields.Many2one("coop.training.attendance", required=True)
    state = fields.Selection(
        selection=lambda self: self.env["coop.training.attendance"]
        ._fields["state"]
        ._description_selection(self.env),
        required=True,
    )
    clear_signature = fields.Boolean(
        help="Remove the signature so that the learner signs again."
    )
    reason = fields.Text(required=True)

    def action_apply(self):
        self.ensure_one()
        vals = {"state": self.state}
        if self.clear_signature:
            vals.update(signature=False, signed_at=False, signer_ip=False)
        self.attendance_id.with_context(coop_correction_reason=self.reason).write(vals)
        return {"type": "ir.actions.act_window_close"}
