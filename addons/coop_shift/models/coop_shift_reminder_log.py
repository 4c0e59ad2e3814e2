# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CoopShiftReminderLog(models.Model):
    """The reminders sent for a service, by days before it: a member reminded
    7 and 1 days before gets each once."""

    _name = "coop.shift.reminder.log"
    _description = "Shift reminder sent"

    registration_id = fields.Many2one(
        "coop.shift.registration", required=True, ondelete="cascade", readonly=True
    )
    days = fields.Integer(required=True, readonly=True)

    _sql_constraints = [
        (
            "sent_once",
            "unique(registration_id, days)",
            "A reminder is sent once per service and day.",
        ),
    ]

    @api.model
    def _coop_sent(self, registrations):
        """``{(registration_id, days)}`` already sent for ``registrations``."""
        rows = self.search_fetch(
            [("registration_id", "in", registrations.ids)], ["registration_id", "days"]
        )
        return {(row.registration_id.id, row.days) for row in rows}
