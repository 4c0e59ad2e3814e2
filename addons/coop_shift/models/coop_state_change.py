# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

MAILS = {
    "alert": "coop_shift.mail_template_alert",
    "suspended": "coop_shift.mail_template_suspended",
    "unsubscribed": "coop_shift.mail_template_unsubscribed",
}


class CoopStateChange(models.Model):
    """Status changes are mailed by a cron, not by the state engine: the engine
    stays a few grouped queries even when thousands of members change."""

    _inherit = "coop.state.change"

    coop_shift_mailed = fields.Boolean(readonly=True)

    @api.model
    def _coop_mutable_fields(self):
        return super()._coop_mutable_fields() | {"coop_shift_mailed"}

    @api.model
    def _cron_coop_shift_mail_changes(self):
        """Mail members who entered alert, suspension or unsubscription in the
        last two days (older changes are history, never mailed)."""
        since = fields.Datetime.now() - timedelta(days=2)
        changes = self.search(
            [
                ("new_state", "in", list(MAILS)),
                ("coop_shift_mailed", "=", False),
                ("date", ">=", since),
            ]
        )
        for state, xmlid in MAILS.items():
            template = self.env.ref(xmlid, raise_if_not_found=False)
            todo = changes.filtered(lambda c, s=state: c.new_state == s)
            if template:
                for partner in todo.partner_id.filtered("email"):
                    template.send_mail(partner.id)
        changes.write({"coop_shift_mailed": True})
