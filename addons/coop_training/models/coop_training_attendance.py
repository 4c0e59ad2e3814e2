# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

LOCKED_FIELDS = {"state", "signature", "signed_at", "registration_id", "slot_id"}


class CoopTrainingAttendance(models.Model):
    """One learner on one half-day: the line of the attendance sheet.

    Once the learner signed, the line is evidence: only a coordinator may
    change it, giving a reason that is logged (coop.training.attendance.log).
    """

    _name = "coop.training.attendance"
    _description = "Training attendance"
    _order = "slot_date, slot_id, learner_id"

    registration_id = fields.Many2one(
        "event.registration",
        string="Enrolment",
        required=True,
        ondelete="cascade",
        index=True,
    )
    slot_id = fields.Many2one(
        "coop.training.slot", string="Half-day", required=True, ondelete="cascade"
    )
    event_id = fields.Many2one(related="slot_id.event_id", store=True, index=True)
    company_id = fields.Many2one(related="slot_id.company_id", store=True)
    slot_date = fields.Date(related="slot_id.date", store=True, string="Date")
    learner_id = fields.Many2one(
        related="registration_id.coop_learner_id", store=True, string="Learner"
    )
    state = fields.Selection(
        [
            ("unknown", "Not recorded"),
            ("present", "Present"),
            ("late", "Late"),
            ("absent", "Absent"),
            ("excused", "Excused"),
        ],
        string="Status",
        default="unknown",
        required=True,
    )
    signature = fields.Image(max_width=600, max_height=300, copy=False, attachment=True)
    signed_at = fields.Datetime(string="Signed at", readonly=True, copy=False)
    signer_ip = fields.Char(string="Signed from", readonly=True, copy=False)
    is_locked = fields.Boolean(compute="_compute_is_locked")
    log_ids = fields.One2many(
        "coop.training.attendance.log", "attendance_id", string="Corrections"
    )
    note = fields.Char()

    _sql_constraints = [
        (
            "registration_slot_unique",
            "unique(registration_id, slot_id)",
            "A learner has one attendance line per half-day.",
        ),
    ]

    @api.depends("signed_at")
    def _compute_is_locked(self):
        for line in self:
            line.is_locked = bool(line.signed_at)

    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.learner_id.name} - {line.slot_id.display_name}"

    def write(self, vals):
        """Signed lines are locked: see ``_coop_check_locked``."""
        if LOCKED_FIELDS & set(vals):
            self._coop_check_locked(vals)
        res = super().write(vals)
        if vals.get("state") == "absent":
            self._coop_alert_absence()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(line.signed_at for line in self) and not self.env.user.has_group(
            "coop_training.group_training_coordinator"
        ):
            raise UserError(self.env._("A signed attendance line cannot be deleted."))

    def action_open_correction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.training.attendance.correct",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attendance_id": self.id, "default_state": self.state},
        }

    def _coop_check_locked(self, vals):
        """Rule: a signed line changes only by a coordinator with a reason
        (context key ``coop_correction_reason``), and the change is logged."""
        locked = self.filtered("signed_at")
        if not locked:
            return
        reason = self.env.context.get("coop_correction_reason")
        if not self.env.user.has_group("coop_training.group_training_coordinator"):
            raise AccessError(
                self.env._(
                    "A signed attendance line can only be corrected by a coordinator."
                )
            )
        if not reason:
            raise UserError(self.env._("Give the reason for correcting a signed line."))
        self.env["coop.training.attendance.log"].sudo().create(
            [
                {
                    "attendance_id": line.id,
                    "reason": reason,
                    "old_state": line.state,
                    "new_state": vals.get("state", line.state),
                    "signature_cleared": "signature" in vals and not vals["signature"],
                }
                for line in locked
            ]
        )

    def _coop_alert_absence(self):
        """Drop-out prevention (Qualiopi indicator 12): an absence schedules a
        follow-up activity on the enrolment for the session's responsible."""
        for line in self:
            reg = line.registration_id
            # sudo: the trainer recording the absence may not assign activities
            # to the coordinator otherwise.
            reg.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Absence on %(slot)s: contact the learner",
                    slot=line.slot_id.display_name,
                ),
                user_id=(reg.event_id.user_id or self.env.user).id,
            )

    def _coop_counts_hours(self):
        """A half-day counts as attended when the learner is present or late
        and signed."""
        self.ensure_one()
        return self.state in ("present", "late") and bool(self.signed_at)

    def _coop_sign(self, signature, ip=False, late=False):
        """Record a learner's signature on an unsigned line.

        The caller must be allowed to read the line (record rules: a portal
        learner reads only their own lines, a trainer those of their sessions).
        """
        self.check_access("read")
        # sudo: access was checked above; learners have no write access to
        # their lines (nor read access to enrolments) except through this.
        lines = self.sudo()
        if any(line.signed_at for line in lines):
            raise UserError(self.env._("This half-day is already signed."))
        if any(
            line.registration_id.coop_training_state not in ("confirmed", "attended")
            for line in lines
        ):
            raise UserError(self.env._("Only confirmed learners sign."))
        lines.write(
            {
                "signature": signature,
                "signed_at": fields.Datetime.now(),
                "signer_ip": ip,
                "state": "late" if late else "present",
            }
        )
        return True
