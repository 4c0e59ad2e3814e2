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
    event, so that the same news is never mailed twice.

    Recording the news is part of the change that frees the seat (fast: one
    insert); the mails are rendered and queued just after, by a cron the
    change triggers (``_cron_coop_watch_mail``), so that freeing a seat
    watched by hundreds of members does not wait for hundreds of mails.
    """

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
    mailed = fields.Boolean(
        readonly=True, help="The mail of this news is queued (or not due: no address)."
    )

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
    def _coop_record(self, todo, event):
        """Record ``todo`` (``{(partner_id, shift_id): watch}``) and have the
        mails sent by the cron, triggered now."""
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
        cron = self.env.ref(
            "coop_shift.ir_cron_shift_watch_mail", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()
        return events

    @api.model
    def _cron_coop_watch_mail(self, limit=1000):
        """Queue the mails of the news not mailed yet, in batches, each in
        the member's language; a member without an address gets none."""
        pending = self.search([("mailed", "=", False)], limit=limit)
        for event, template_xmlid in MAIL_TEMPLATES.items():
            template = self.env.ref(template_xmlid, raise_if_not_found=False)
            to_mail = pending.filtered(
                lambda e, event=event: e.event == event and e.partner_id.email
            )
            if template and to_mail:
                template.sudo().send_mail_batch(to_mail.ids)
        pending.write({"mailed": True})
        if len(pending) == limit:
            self.env.ref("coop_shift.ir_cron_shift_watch_mail")._trigger()
        return pending
