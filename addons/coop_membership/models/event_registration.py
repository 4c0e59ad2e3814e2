# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class EventRegistration(models.Model):
    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        events = self.env["event.event"].browse(
            vals["event_id"] for vals in vals_list if vals.get("state") == "done"
        )
        events._coop_check_welcome_attendance()
        registrations = super().create(vals_list)
        registrations.filtered(lambda r: r.state == "done")._coop_welcome_attended()
        return registrations

    def write(self, vals):
        if vals.get("state") == "done":
            self.event_id._coop_check_welcome_attendance()
        res = super().write(vals)
        if vals.get("state") == "done":
            self._coop_welcome_attended()
        return res

    def _coop_welcome_attended(self):
        """Attending a welcome session sets the attendee's welcome date (the
        session's day) when they have none: the welcome date is an input of
        the rule table, so a candidate becomes a member at once."""
        welcome = self.filtered(
            lambda r: r.event_id.coop_is_welcome_session and r.partner_id
        )
        for registration in welcome:
            partner = registration.partner_id
            if not partner.coop_welcome_date:
                # sudo: event users may not write partners' membership fields;
                # only the welcome date is written, from an attended session
                partner.sudo().coop_welcome_date = (
                    registration.event_id.date_begin.date()
                )
