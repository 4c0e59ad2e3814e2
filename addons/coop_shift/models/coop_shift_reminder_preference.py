# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

MAX_DAYS = 28


class CoopShiftReminderPreference(models.Model):
    """When, and whether, a member is reminded of their services.

    A member without a preference gets the coop's default: one reminder
    ``coop_shift_reminder_days`` days before (company setting). Members
    manage their own preference (record rule); the daily job reads them all.
    """

    _name = "coop.shift.reminder.preference"
    _description = "Shift reminder preference"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.partner_id,
    )
    enabled = fields.Boolean(string="Remind me", default=True)
    days_first = fields.Integer(string="First reminder (days before)", default=2)
    days_second = fields.Integer(
        string="Second reminder (days before)",
        default=0,
        help="0: no second reminder.",
    )

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)", "One preference per member."),
    ]

    @api.constrains("days_first", "days_second")
    def _check_days(self):
        for pref in self:
            if not 0 <= pref.days_first <= MAX_DAYS or not (
                0 <= pref.days_second <= MAX_DAYS
            ):
                raise ValidationError(
                    self.env._(
                        "A reminder comes 0 to %(max)s days before the service.",
                        max=MAX_DAYS,
                    )
                )

    def write(self, vals):
        """A preference stays its member's: only shift staff move it."""
        if (
            "partner_id" in vals
            and not self.env.su
            and not self.env.user.has_group("coop_shift.group_coop_shift_staff")
        ):
            raise AccessError(self.env._("You set your own reminders only."))
        return super().write(vals)

    @api.model
    def _coop_for(self, partner):
        """``partner``'s preference, or a new one holding the coop's default
        (not saved)."""
        pref = self.search([("partner_id", "=", partner.id)], limit=1)
        return pref or self.new(
            {
                "partner_id": partner.id,
                "days_first": self.env.company.coop_shift_reminder_days,
            }
        )

    def _coop_days(self):
        """The days before a service this member is reminded (none when off)."""
        self.ensure_one()
        if not self.enabled:
            return []
        return sorted({self.days_first} | ({self.days_second} - {0}), reverse=True)

    @api.model
    def _coop_send_reminders(self):
        """Send the reminders due today: for each planned service within the
        longest reminder window, one mail when a reminder day of its member is
        reached and not yet sent (``coop.shift.reminder.log``); a member who
        turned reminders off gets none. Missed days are caught up once."""
        today = fields.Date.context_today(self)
        default = self.env.company.coop_shift_reminder_days
        longest = self._read_group([], [], ["days_first:max", "days_second:max"])[0]
        horizon = max(default, *(days or 0 for days in longest))
        Registration = self.env["coop.shift.registration"]
        registrations = Registration.search(
            [
                ("state", "=", "planned"),
                ("date", ">=", today),
                ("date", "<=", today + timedelta(days=horizon)),
            ]
        )
        prefs = {
            pref.partner_id.id: pref
            for pref in self.search(
                [("partner_id", "in", registrations.partner_id.ids)]
            )
        }
        Log = self.env["coop.shift.reminder.log"]
        sent = Log._coop_sent(registrations)
        due, logs = Registration, []
        for reg in registrations:
            pref = prefs.get(reg.partner_id.id)
            if not pref and reg.reminder_sent:
                continue
            days = pref._coop_days() if pref else [default]
            delta = (reg.date - today).days
            reached = [d for d in days if delta <= d and (reg.id, d) not in sent]
            if reached:
                due |= reg
                logs += [{"registration_id": reg.id, "days": d} for d in reached]
        due._coop_send_mail("coop_shift.mail_template_reminder")
        due.write({"reminder_sent": True})
        Log.create(logs)
        return due
