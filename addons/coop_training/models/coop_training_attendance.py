# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from .evidence import check_server_flow, flow_env, in_server_flow

# written only by the signing and correction flows of this model
SIGNATURE_FIELDS = {"signature", "signed_at", "signer_ip", "signer_user_id"}
# never moved once created: the line belongs to one learner and one half-day
ANCHOR_FIELDS = {"registration_id", "slot_id"}
# frozen on a signed line, except through a coordinator's correction
SIGNED_FROZEN_FIELDS = {"state", "note"}


class CoopTrainingAttendance(models.Model):
    """One learner on one half-day: the line of the attendance sheet.

    The line is evidence. Its signature is written only by the signing flow
    (``_coop_sign``, during the half-day) or by a coordinator's correction
    (``_coop_correct``, with a reason, logged); it never changes learner or
    half-day; once signed, nothing else changes it and it cannot be deleted.
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
    signer_user_id = fields.Many2one(
        "res.users", string="Signed by (user)", readonly=True, copy=False
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        """Lines are created empty by the enrolment workflow: a signature
        comes only from the signing flow."""
        if any(SIGNATURE_FIELDS & set(vals) for vals in vals_list):
            self._coop_check_flow()
        return super().create(vals_list)

    def write(self, vals):
        """Evidence rule: see the class docstring."""
        self._coop_check_write(vals)
        res = super().write(vals)
        if vals.get("state") == "absent":
            self._coop_alert_absence()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        """A signed or corrected line is evidence: it is corrected, never
        deleted."""
        if any(line.signed_at or line.log_ids for line in self):
            raise UserError(
                self.env._(
                    "A signed or corrected attendance line cannot be deleted: "
                    "a coordinator corrects it with a reason instead."
                )
            )

    def action_open_correction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "coop.training.attendance.correct",
            "view_mode": "form",
            "target": "new",
            "context": {"default_attendance_id": self.id, "default_state": self.state},
        }

    # ------------------------------------------------------------ rules
    def _coop_check_flow(self):
        check_server_flow(
            self.env,
            self.env._(
                "Signatures are recorded only by the signing page, or by a "
                "coordinator's correction."
            ),
        )

    def _coop_check_write(self, vals):
        """Rule: signature fields and the learner/half-day of a line are
        written only by the flows; a signed line's status and note are frozen
        outside a coordinator's correction."""
        keys = set(vals)
        if keys & (SIGNATURE_FIELDS | ANCHOR_FIELDS):
            self._coop_check_flow()
        frozen = keys & SIGNED_FROZEN_FIELDS and self.filtered("signed_at")
        if frozen and not in_server_flow(self.env):
            raise AccessError(
                self.env._(
                    "A signed attendance line can only be corrected by a "
                    "coordinator, with a reason."
                )
            )

    def _coop_sign_window(self):
        """The time a learner may sign a half-day: from its start to its end,
        widened by the company's margin (minutes)."""
        self.ensure_one()
        slot = self.slot_id
        margin = timedelta(minutes=slot.company_id.coop_training_sign_margin or 0)
        return slot.datetime_start - margin, slot.datetime_end + margin

    def _coop_window_open(self, now=None):
        """True while the learner may sign this line (see ``_coop_sign_window``)."""
        self.ensure_one()
        start, end = self._coop_sign_window()
        return start <= (now or fields.Datetime.now()) <= end

    def _coop_sign(self, signature):
        """Record a learner's signature on an unsigned line, during its
        half-day only. The flow records itself who signs (the current user),
        when (now) and from where (the request's address).

        The caller must be allowed to read the line (record rules: a portal
        learner reads only their own lines, a trainer those of their sessions).
        A signature outside the window is a coordinator's correction.
        """
        self.check_access("read")
        # sudo: access was checked above; learners have no write access to
        # their lines (nor read access to enrolments) except through this.
        lines = self.sudo()
        now = fields.Datetime.now()
        for line in lines:
            line._coop_check_signable(now)
        ip = request.httprequest.remote_addr if request else False
        flow_env(lines).write(
            {
                "signature": signature,
                "signed_at": now,
                "signer_ip": ip,
                "signer_user_id": self.env.uid,
                "state": "present",
            }
        )
        return True

    def _coop_check_signable(self, now):
        """Refuse, saying why, a line that cannot be signed now."""
        if self.signed_at:
            raise UserError(self.env._("This half-day is already signed."))
        if self.registration_id.coop_training_state not in ("confirmed", "attended"):
            raise UserError(self.env._("Only confirmed learners sign."))
        if not self._coop_window_open(now):
            raise UserError(
                self.env._(
                    "%(slot)s can be signed only during the half-day. A late "
                    "signature is recorded by a coordinator, with a reason.",
                    slot=self.slot_id.display_name,
                )
            )

    def _coop_correct(self, state, reason, clear_signature=False):
        """A coordinator's correction of a line, with a reason, logged.

        On a signed line: change its status, or clear its signature so that
        the learner signs again. On an unsigned line marked present or late: a
        late signature, recorded in the coordinator's name.
        """
        if not self.env.user.has_group("coop_training.group_training_coordinator"):
            raise AccessError(
                self.env._("Only a coordinator corrects an attendance line.")
            )
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for the correction."))
        now = fields.Datetime.now()
        for line in self:
            vals = {"state": state}
            late = not line.signed_at and state in ("present", "late")
            if clear_signature and line.signed_at:
                vals.update(dict.fromkeys(SIGNATURE_FIELDS, False))
            elif late:
                vals.update(signed_at=now, signer_user_id=self.env.uid)
            # sudo: the coordinator's right was checked above; the log is
            # written by the server only.
            self.env["coop.training.attendance.log"].sudo().create(
                {
                    "attendance_id": line.id,
                    "user_id": self.env.uid,
                    "reason": reason,
                    "old_state": line.state,
                    "new_state": state,
                    "signature_cleared": "signature" in vals,
                    "late_signature": late,
                }
            )
            flow_env(line).write(vals)
        return True

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
