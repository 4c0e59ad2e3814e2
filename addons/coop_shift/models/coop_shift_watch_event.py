# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

EVENTS = [("seat_free", "A seat freed"), ("understaffed", "Lacking people")]
MAIL_TEMPLATES = {
    "seat_free": "coop_shift.mail_template_watch_seat_free",
    "understaffed": "coop_shift.mail_template_watch_understaffed",
}


class CoopShiftWatchEvent(models.Model):
    """What a member was told by their watches: one row per member, shift and
    event, so that the same news is never mailed twice."""

    _name = "coop.shift.watch.event"
    _description = "Shift watch notification"
    _order = "id desc"

    watch_id = fields.Many2one(
        "coop.shift.watch", required=True, ondelete="cascade", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", readonly=True
    )
    shift_id = fields.Many2one(
        "coop.shift", required=True, index=True, ondelete="cascade", readonly=True
    )
    event = fields.Selection(EVENTS, required=True, readonly=True)

    _sql_constraints = [
        (
            "told_once",
            "unique(partner_id, shift_id, event)",
            "A member is told once per shift and event.",
        ),
    ]

    @api.model
    def _coop_told(self, shifts, event):
        """``{(partner_id, shift_id)}`` already told of ``event`` on ``shifts``."""
        rows = self.search_fetch(
            [("shift_id", "in", shifts.ids), ("event", "=", event)],
            ["partner_id", "shift_id"],
        )
        return {(row.partner_id.id, row.shift_id.id) for row in rows}

    @api.model
    def _coop_record_and_mail(self, todo, event):
        """Record ``todo`` (``{(partner_id, shift_id): watch}``) and mail each
        member with an address, in their language, in one batch."""
        events = self.create(
            [
                {
                    "watch_id": watch.id,
                    "partner_id": partner_id,
                    "shift_id": shift_id,
                    "event": event,
                }
                for (partner_id, shift_id), watch in todo.items()
            ]
        )
        template = self.env.ref(MAIL_TEMPLATES[event], raise_if_not_found=False)
        to_mail = events.filtered(lambda e: e.partner_id.email)
        if template and to_mail:
            template.sudo().send_mail_batch(to_mail.ids)
        return events
