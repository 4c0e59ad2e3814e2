# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class EventEvent(models.Model):
    _inherit = "event.event"

    coop_is_welcome_session = fields.Boolean(
        string="Welcome session",
        help="Attending this event makes a candidate a member of the cooperative.",
    )

    def _coop_check_welcome_attendance(self):
        """Marking someone attended at a welcome session makes a candidate a
        member: only the member desk may, and only once the session started
        (cashiers and trainers may mark other events)."""
        welcome = self.filtered("coop_is_welcome_session")
        if not welcome:
            return
        if not self.env.su and not self.env.user.has_group(
            "coop_membership.group_coop_member_desk"
        ):
            raise AccessError(
                _("Only the member desk may mark attendance at a welcome session.")
            )
        now = fields.Datetime.now()
        early = welcome.filtered(lambda e: e.date_begin and e.date_begin > now)
        if early:
            raise UserError(
                _(
                    "The welcome session %(name)s has not started yet: nobody "
                    "can have attended it.",
                    name=early[0].display_name,
                )
            )
