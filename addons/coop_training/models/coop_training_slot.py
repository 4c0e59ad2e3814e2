# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .evidence import check_server_flow, flow_env

# written only by the trainer's countersigning flow
TRAINER_SIGNATURE_FIELDS = {"trainer_signature", "trainer_signed_at", "trainer_user_id"}
# the half-day a signature attests: frozen once anything is signed
SLOT_TIME_FIELDS = {"event_id", "date", "period", "time_start", "time_end"}


class CoopTrainingSlot(models.Model):
    """A half-day of a session: the unit of the attendance sheet (émargement)."""

    _name = "coop.training.slot"
    _description = "Training half-day"
    _inherit = ["mail.thread"]
    _order = "date, period, time_start"
    _rec_names_search = ["event_id", "module_title"]

    event_id = fields.Many2one(
        "event.event", string="Session", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    date = fields.Date(required=True, tracking=True)
    period = fields.Selection(
        [("morning", "Morning"), ("afternoon", "Afternoon")],
        required=True,
        default="morning",
    )
    time_start = fields.Float(string="Start", required=True, default=9.0)
    time_end = fields.Float(string="End", required=True, default=12.5)
    duration = fields.Float(
        string="Hours", compute="_compute_duration", store=True, aggregator="sum"
    )
    datetime_start = fields.Datetime(
        string="Starts at", compute="_compute_datetime_start", store=True
    )
    datetime_end = fields.Datetime(
        string="Ends at", compute="_compute_datetime_start", store=True
    )
    module_title = fields.Char(string="Module", required=True)
    trainer_employee_id = fields.Many2one("hr.employee", string="Trainer (staff)")
    trainer_partner_id = fields.Many2one("res.partner", string="External trainer")
    trainer_name = fields.Char(compute="_compute_trainer_name")
    trainer_signature = fields.Image(
        max_width=600, max_height=300, copy=False, attachment=True
    )
    trainer_signed_at = fields.Datetime(readonly=True, copy=False)
    trainer_user_id = fields.Many2one(
        "res.users", string="Countersigned by", readonly=True, copy=False
    )
    attendance_ids = fields.One2many(
        "coop.training.attendance", "slot_id", string="Attendance"
    )
    signed_count = fields.Integer(compute="_compute_counts")
    expected_count = fields.Integer(compute="_compute_counts")
    coop_is_complete = fields.Boolean(
        string="Sheet complete",
        compute="_compute_counts",
        help="Signed by the trainer and every learner line has a status.",
    )

    _sql_constraints = [
        (
            "half_day_unique",
            "unique(event_id, date, period)",
            "A session has one slot per half-day.",
        ),
    ]

    @api.constrains("time_start", "time_end", "period")
    def _check_times(self):
        """Times lie in the day, end after start; a morning ends by 14:00 and an
        afternoon starts from 12:00."""
        for slot in self:
            if not 0 <= slot.time_start < slot.time_end <= 24:
                raise ValidationError(self.env._("A slot must end after it starts."))
            if slot.period == "morning" and slot.time_end > 14:
                raise ValidationError(self.env._("A morning slot ends by 14:00."))
            if slot.period == "afternoon" and slot.time_start < 12:
                raise ValidationError(
                    self.env._("An afternoon slot starts from 12:00.")
                )

    @api.constrains("trainer_employee_id", "trainer_partner_id")
    def _check_one_trainer(self):
        for slot in self:
            if slot.trainer_employee_id and slot.trainer_partner_id:
                raise ValidationError(
                    self.env._("A slot has one trainer: staff or external.")
                )

    @api.depends("time_start", "time_end")
    def _compute_duration(self):
        for slot in self:
            slot.duration = max(slot.time_end - slot.time_start, 0.0)

    @api.depends("date", "time_start", "time_end", "event_id.date_tz")
    def _compute_datetime_start(self):
        for slot in self:
            if not slot.date:
                slot.datetime_start = slot.datetime_end = False
                continue
            tz = slot.event_id.date_tz or "Europe/Paris"
            slot.datetime_start = slot._coop_utc(slot.time_start, tz)
            slot.datetime_end = slot._coop_utc(slot.time_end, tz)

    @api.depends("trainer_employee_id", "trainer_partner_id")
    def _compute_trainer_name(self):
        for slot in self:
            slot.trainer_name = (
                slot.trainer_employee_id.name or slot.trainer_partner_id.name or ""
            )

    @api.depends(
        "attendance_ids.state", "attendance_ids.signed_at", "trainer_signed_at"
    )
    def _compute_counts(self):
        for slot in self:
            lines = slot.attendance_ids
            slot.expected_count = len(lines)
            slot.signed_count = len(lines.filtered("signed_at"))
            slot.coop_is_complete = bool(slot.trainer_signed_at) and all(
                line.state != "unknown" for line in lines
            )

    def _compute_display_name(self):
        periods = dict(self._fields["period"]._description_selection(self.env))
        for slot in self:
            slot.display_name = (
                f"{slot.event_id.name} - {slot.date} {periods.get(slot.period, '')}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(TRAINER_SIGNATURE_FIELDS & set(vals) for vals in vals_list):
            self._coop_check_flow()
        slots = super().create(vals_list)
        slots._coop_create_attendance()
        slots.event_id._coop_sync_dates()
        return slots

    def write(self, vals):
        """Evidence rule: the trainer's countersignature is written only by
        ``action_trainer_sign``; a half-day with a signature keeps its date
        and times."""
        if TRAINER_SIGNATURE_FIELDS & set(vals):
            self._coop_check_flow()
        if SLOT_TIME_FIELDS & set(vals) and self._coop_has_signatures():
            raise UserError(self.env._("A half-day already signed cannot be moved."))
        events = self.event_id
        res = super().write(vals)
        if SLOT_TIME_FIELDS & set(vals):
            (events | self.event_id)._coop_sync_dates()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        """A half-day with signatures is evidence: it is never deleted."""
        if self._coop_has_signatures():
            raise UserError(self.env._("A half-day with signatures cannot be deleted."))

    def action_open_signing_page(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/training/slot/{self.id}/sign",
            "target": "new",
        }

    def action_trainer_sign(self, signature):
        """Record the trainer's countersignature of this half-day: once, from
        the start of the half-day, by a trainer of the session (or a
        coordinator). The flow records who signs and when."""
        if not self.env.user.has_group("coop_training.group_training_trainer"):
            raise AccessError(self.env._("Only a trainer countersigns a half-day."))
        self.check_access("write")
        now = fields.Datetime.now()
        for slot in self:
            if slot.trainer_signed_at:
                raise UserError(self.env._("The trainer already signed this slot."))
            if now < slot.datetime_start:
                raise UserError(
                    self.env._(
                        "%(slot)s has not started yet: the trainer countersigns "
                        "from its start.",
                        slot=slot.display_name,
                    )
                )
        if not signature:
            raise UserError(self.env._("Draw your signature, then validate."))
        # sudo: rights checked above; the fields are closed to plain writes.
        flow_env(self).write(
            {
                "trainer_signature": signature,
                "trainer_signed_at": now,
                "trainer_user_id": self.env.uid,
            }
        )
        return True

    def _coop_has_signatures(self):
        """True when a learner or the trainer signed one of these half-days,
        or a correction was logged on them."""
        lines = self.sudo().attendance_ids
        return bool(
            self.filtered("trainer_signed_at")
            or lines.filtered("signed_at")
            or lines.log_ids
        )

    def _coop_check_flow(self):
        check_server_flow(
            self.env,
            self.env._("A countersignature is recorded only by the signing page."),
        )

    def _coop_create_attendance(self):
        """Create the missing attendance lines: one per confirmed enrolment."""
        regs = self.event_id.registration_ids.filtered(
            lambda r: r.coop_training_state in ("confirmed", "attended")
        )
        regs._coop_create_attendance(self)

    def _coop_utc(self, hours, tz):
        local = pytz.timezone(tz).localize(
            fields.Datetime.to_datetime(self.date).replace(
                hour=int(hours), minute=round((hours % 1) * 60) % 60
            )
        )
        return local.astimezone(pytz.utc).replace(tzinfo=None)
