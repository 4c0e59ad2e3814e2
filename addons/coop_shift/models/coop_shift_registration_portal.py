# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# The self-service hooks of registrations (watches, chosen reminders: issue
# #18) are a concern of their own, kept apart from the registration rules.
# pylint: disable=consider-merging-classes-inherited


class CoopShiftRegistration(models.Model):
    """Member self-service hooks of registrations: a seat that frees (cancelled
    or offered for exchange) tells the members watching it
    (``coop.shift.watch._coop_seats_freed``); reminders follow each member's
    preference."""

    _inherit = "coop.shift.registration"

    def write(self, vals):
        freeing = self.browse()
        if vals.get("state") == "cancelled" or vals.get("exchange_state") == "offered":
            # a repeated news (offered, then cancelled) is filtered when told
            freeing = self.filtered(lambda r: r.state == "planned")
        result = super().write(vals)
        if freeing:
            # sudo: the watchers' addresses are read to tell them; bounded to
            # the watches of the seats just freed
            self.env["coop.shift.watch"].sudo()._coop_seats_freed(freeing)
        return result

    @api.model
    def _cron_coop_reminder(self):
        """Remind members of their services when, and whether, each chose
        (``coop.shift.reminder.preference``; the coop's default otherwise)."""
        self.env["coop.shift.reminder.preference"]._coop_send_reminders()
