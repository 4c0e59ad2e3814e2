# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .coop_shift_template import WEEKDAYS

WATCH_KINDS = [
    ("shift", "A shift"),
    ("template", "A slot, every cycle"),
    ("weekday", "A day of the week"),
    ("qualification", "A seat needing a qualification I hold"),
    ("understaffed", "Any shift lacking people soon"),
]
# the field naming what a watch of each kind looks at
TARGET_FIELD = {
    "shift": "shift_id",
    "template": "template_id",
    "weekday": "weekday",
    "qualification": "qualification_id",
    "understaffed": "days_ahead",
}


class CoopShiftWatch(models.Model):
    """A member asks to be told when a seat frees (on a shift, a slot, a
    weekday, a qualified seat) or when a shift lacks people N days ahead.

    One mail per member, shift and event (``coop.shift.watch.event`` keeps
    what was told, its cron sends the mails): a seat freed twice, or a shift
    still understaffed the next day, is not told again. Members manage their
    own watches (record rule); the notifications run as superuser from the
    registration flows and the daily job.
    """

    _name = "coop.shift.watch"
    _description = "Shift watch"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner",
        string="Member",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.partner_id,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    kind = fields.Selection(WATCH_KINDS, required=True, default="understaffed")
    shift_id = fields.Many2one("coop.shift", index="btree_not_null", ondelete="cascade")
    template_id = fields.Many2one(
        "coop.shift.template", index="btree_not_null", ondelete="cascade"
    )
    weekday = fields.Selection(WEEKDAYS)
    qualification_id = fields.Many2one("coop.qualification", ondelete="cascade")
    days_ahead = fields.Integer(
        string="Days ahead",
        default=3,
        help="Understaffed: tell me about shifts with free seats starting within "
        "this many days.",
    )
    active = fields.Boolean(default=True)

    @api.constrains("kind", "shift_id", "template_id", "weekday", "qualification_id")
    def _check_target(self):
        """A watch names what it looks at; a qualification watch needs the
        qualification held."""
        for watch in self:
            if not watch[TARGET_FIELD[watch.kind]]:
                raise ValidationError(self.env._("Say what to watch."))
            if not 1 <= watch.days_ahead <= 60:
                raise ValidationError(self.env._("Watch between 1 and 60 days ahead."))
            qualification = watch.qualification_id
            if (
                qualification
                and qualification not in watch.partner_id.coop_qualification_ids
            ):
                raise ValidationError(
                    self.env._(
                        "You do not hold the qualification %(qualification)s.",
                        qualification=qualification.display_name,
                    )
                )

    @api.depends("kind", "shift_id", "template_id", "weekday", "qualification_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        weekdays = dict(self._fields["weekday"]._description_selection(self.env))
        for watch in self:
            if watch.kind == "weekday":
                watch.display_name = weekdays.get(watch.weekday, "")
            elif watch.kind == "understaffed":
                watch.display_name = self.env._(
                    "Shifts lacking people within %(days)s days",
                    days=watch.days_ahead,
                )
            else:
                watch.display_name = watch[TARGET_FIELD[watch.kind]].display_name

    # ------------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------------
    @api.model
    def _coop_seats_freed(self, registrations):
        """Tell the watchers of the seats ``registrations`` leave (cancelled
        or offered for exchange) on open shifts still to come: the matching
        is one statement (``coop.shift.watch.event._coop_record_freed``)."""
        now = fields.Datetime.now()
        freed = registrations.filtered(
            lambda r: r.shift_id.state == "open" and r.shift_id.date_begin > now
        )
        if freed:
            self.env["coop.shift.watch.event"].sudo()._coop_record_freed(freed)

    @api.model
    def _cron_coop_understaffed(self):
        """Tell the watchers of understaffed shifts: open shifts with a free
        general seat starting within each watch's number of days."""
        watches = self.sudo().search([("kind", "=", "understaffed")])
        if not watches:
            return
        today = fields.Date.context_today(self)
        horizon = today + timedelta(days=max(watches.mapped("days_ahead")))
        shifts = (
            self.env["coop.shift"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("date_begin", ">", fields.Datetime.now()),
                    ("date", "<=", horizon),
                ]
            )
        )
        free = shifts._coop_free_seats_map()
        short = shifts.filtered(lambda s: free[s.id] > 0)
        pairs = [
            (watch, shift)
            for watch in watches
            for shift in short
            if shift.date <= today + timedelta(days=watch.days_ahead)
        ]
        self._coop_tell(pairs, "understaffed")

    @api.model
    def _coop_tell(self, pairs, event, exclude=None):
        """Mail each member once per shift and event: ``pairs`` of (watch,
        shift) not told yet, nor the member already on the shift (or the one
        who just left it, ``exclude``)."""
        if not pairs:
            return
        Event = self.env["coop.shift.watch.event"].sudo()
        shifts = self.env["coop.shift"].browse({shift.id for _w, shift in pairs})
        told = Event._coop_told(shifts, event)
        on_shift = defaultdict(set)
        for reg in shifts.registration_ids.filtered(
            lambda r: r.state in ("planned", "attended") and r not in (exclude or ())
        ):
            on_shift[reg.shift_id.id].add(reg.partner_id.id)
        for reg in exclude or ():
            on_shift[reg.shift_id.id].add(reg.partner_id.id)
        todo = {}
        for watch, shift in pairs:
            key = (watch.partner_id.id, shift.id)
            if key in told or key in todo or key[0] in on_shift[shift.id]:
                continue
            todo[key] = watch
        if todo:
            Event._coop_record(todo, event)
