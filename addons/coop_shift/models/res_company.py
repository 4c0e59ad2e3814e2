# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Shift cycle and status-machine parameters, one set per cooperative."""

    _inherit = "res.company"

    coop_shift_week_a_date = fields.Date(
        string="Start of a week A",
        default=lambda self: fields.Date.to_date("2026-01-05"),
        help="Any Monday starting a week A; the ABCD letters are counted from it.",
    )
    coop_shift_cycle_weeks = fields.Integer(string="Weeks per cycle", default=4)
    coop_shift_horizon_days = fields.Integer(
        string="Shift generation horizon (days)", default=90
    )
    coop_shift_alert_days = fields.Integer(
        string="Alert duration (days)",
        default=28,
        help="Days a member owing services keeps shopping before suspension.",
    )
    coop_shift_extension_days = fields.Integer(
        string="Grace extension length (days)", default=28
    )
    coop_shift_max_extensions = fields.Integer(
        string="Extensions per member and year", default=2
    )
    coop_shift_extension_max_days = fields.Integer(
        string="Longest grace extension (days)",
        default=56,
        help="Staff cannot grant a longer extension. 0: no limit.",
    )
    coop_shift_leader_window_days = fields.Integer(
        string="Days a leader may mark attendance after the shift",
        default=0,
        help="0: team leaders mark (and undo their marks) on the day of the shift "
        "only; afterwards the shift office corrects attendance.",
    )
    coop_shift_makeup_horizon_days = fields.Integer(
        string="Make-up booking horizon (days)",
        default=28,
        help="Members book make-ups and take exchanges this many days ahead at most.",
    )
    coop_shift_leave_max_days = fields.Integer(
        string="Longest leave a member declares (days)",
        default=365,
        help="A leave declared on the portal starts today or later, within this "
        "many days, and lasts this many days at most.",
    )
    coop_shift_unsubscribe_absences = fields.Integer(
        string="Consecutive absences before unsubscription",
        default=2,
        help="0 disables automatic unsubscription.",
    )
    coop_shift_freeze_points = fields.Integer(
        string="Services owed before freezing",
        default=4,
        help="A member owing this many services (make-ups already booked count as "
        "repaid) is frozen: no shopping and their standing seat is released. "
        "0 disables freezing.",
    )
    coop_shift_absent_points = fields.Integer(
        string="Services owed for an absence", default=2
    )
    coop_shift_excused_points = fields.Integer(
        string="Services owed for an excused absence", default=1
    )
    coop_shift_reminder_days = fields.Integer(
        string="Reminder before a shift (days)", default=2
    )
    coop_shift_solidarity_per_year = fields.Integer(
        string="Solidarity services a member may receive per year",
        default=2,
        help="Services from the solidarity pool one member may receive in twelve "
        "months.",
    )
    coop_shift_exchange_hours = fields.Integer(
        string="Offer a service up to (hours before it starts)",
        default=24,
        help="A member offers their service for exchange, or proposes a swap, up "
        'to this many hours before it starts; later, they use "I can\'t come".',
    )
    coop_shift_max_changes = fields.Integer(
        string="Changes of hands per service",
        default=2,
        help="A service changes hands (taken over or swapped) this many times at most.",
    )
    coop_shift_late_cancel_hours = fields.Integer(
        string="Late cancellation (hours before the shift)",
        default=48,
        help='"I can\'t come" this many hours or less before a standing service '
        "counts as the late-cancellation rule says; earlier it counts as excused.",
    )
    coop_shift_late_cancel_state = fields.Selection(
        [("excused", "Excused"), ("absent", "Absent")],
        string="A late cancellation counts as",
        default="absent",
        required=True,
    )
    coop_shift_office_email = fields.Char(
        string="Shift office email",
        help="Told when a member cannot come (the company email when empty).",
    )

    @api.constrains(
        "coop_shift_exchange_hours",
        "coop_shift_max_changes",
        "coop_shift_late_cancel_hours",
        "coop_shift_week_a_date",
        "coop_shift_cycle_weeks",
        "coop_shift_extension_max_days",
        "coop_shift_leader_window_days",
        "coop_shift_makeup_horizon_days",
        "coop_shift_leave_max_days",
    )
    def _check_coop_shift_cycle(self):
        for company in self:
            week_a = company.coop_shift_week_a_date
            if week_a and week_a.weekday() != 0:
                raise ValidationError(
                    self.env._("The start of a week A must be a Monday.")
                )
            if (
                min(
                    company.coop_shift_extension_max_days,
                    company.coop_shift_leader_window_days,
                    company.coop_shift_makeup_horizon_days,
                    company.coop_shift_leave_max_days,
                    company.coop_shift_exchange_hours,
                    company.coop_shift_max_changes,
                    company.coop_shift_late_cancel_hours,
                )
                < 0
            ):
                raise ValidationError(
                    self.env._("A number of days, hours or changes cannot be negative.")
                )
            if not 1 <= company.coop_shift_cycle_weeks <= 8:
                raise ValidationError(
                    self.env._("A cycle lasts between 1 and 8 weeks.")
                )

    def _coop_shift_week_letter(self, day):
        """Letter (A, B, ...) of the cycle week containing ``day``."""
        self.ensure_one()
        weeks = (day - self.coop_shift_week_a_date).days // 7
        return chr(65 + weeks % self.coop_shift_cycle_weeks)

    def _coop_shift_cycle_start(self, day):
        """First day (a week-A Monday) of the cycle containing ``day``."""
        self.ensure_one()
        length = 7 * self.coop_shift_cycle_weeks
        offset = (day - self.coop_shift_week_a_date).days % length
        return fields.Date.subtract(day, days=offset)

    def _coop_shift_tz(self):
        self.ensure_one()
        return self.partner_id.tz or self.env.user.tz or "Europe/Paris"
