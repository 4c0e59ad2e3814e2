# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

WEEK_LETTERS = [(chr(65 + i), chr(65 + i)) for i in range(8)]
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


def float_to_time(value):
    hours = int(value)
    return f"{hours:02d}:{round((value - hours) * 60):02d}"


def template_label(days, week_letter, weekday, start_hour, end_hour):
    """A slot's name, "A - Wednesday 08:00-11:00" (``days``: the weekday
    labels in the reader's language); the calendar feed builds it from SQL."""
    return (
        f"{week_letter} - {days.get(weekday, '')} "
        f"{float_to_time(start_hour)}-{float_to_time(end_hour)}"
    )


def match_text(text, operator, value):
    """Python evaluation of a domain leaf on a computed text (search methods
    of names that are not stored)."""
    text = text or ""
    if operator in ("in", "not in"):
        found = text in (value or [])
    elif operator in ("=", "!="):
        found = text == (value or "")
    elif operator in ("ilike", "not ilike"):
        found = str(value or "").lower() in text.lower()
    elif operator in ("like", "not like", "=like", "=ilike"):
        pattern = str(value or "")
        if operator in ("like", "not like"):
            pattern = f"%{pattern}%"
        regex = "^" + re.escape(pattern).replace("%", ".*").replace("_", ".") + "$"
        flags = re.IGNORECASE if operator == "=ilike" else 0
        found = bool(re.match(regex, text, flags | re.DOTALL))
    else:
        raise NotImplementedError(f"Unsupported operator {operator} on a name")
    return not found if operator.startswith(("not", "!")) else found


class CoopShiftTemplate(models.Model):
    """A recurring service slot: one week letter, one weekday, one time slot.

    Shifts (``coop.shift``) are generated from templates by a cron; standing
    members are registered on a template through ``coop.shift.template.registration``
    lines and automatically on every generated shift.
    """

    _name = "coop.shift.template"
    _description = "Shift template"
    _inherit = ["mail.thread"]
    _order = "week_letter, weekday, start_hour, id"

    name = fields.Char(compute="_compute_name", search="_search_name")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    week_letter = fields.Selection(WEEK_LETTERS, required=True, default="A")
    weekday = fields.Selection(WEEKDAYS, required=True, default="0")
    start_hour = fields.Float(required=True, default=9.0)
    end_hour = fields.Float(required=True, default=12.0)
    date_start = fields.Date(string="Valid from", tracking=True)
    date_end = fields.Date(
        string="Valid until",
        tracking=True,
        help="Ending a template cancels its future shifts and standing registrations.",
    )
    seat_line_ids = fields.One2many(
        "coop.shift.template.seat", "template_id", string="Seat lines", copy=True
    )
    seats_max = fields.Integer(string="Seats", compute="_compute_seats_max", store=True)
    leader_ids = fields.Many2many(
        "res.partner",
        "coop_shift_template_leader_rel",
        "template_id",
        "partner_id",
        string="Team leaders",
    )
    registration_ids = fields.One2many(
        "coop.shift.template.registration", "template_id", string="Standing members"
    )
    member_count = fields.Integer(
        string="Standing members now", compute="_compute_member_count"
    )
    shift_ids = fields.One2many("coop.shift", "template_id", string="Shifts")

    @api.constrains("start_hour", "end_hour")
    def _check_hours(self):
        for template in self:
            if not 0 <= template.start_hour < template.end_hour <= 24:
                raise ValidationError(
                    self.env._("A shift must start before it ends, within the day.")
                )

    @api.depends("week_letter", "weekday", "start_hour", "end_hour")
    @api.depends_context("lang")
    def _compute_name(self):
        """ "A - Wednesday 08:00-11:00", in the reader's language (never stored)."""
        days = dict(self._fields["weekday"]._description_selection(self.env))
        for template in self:
            template.name = template_label(
                days,
                template.week_letter,
                template.weekday,
                template.start_hour,
                template.end_hour,
            )

    def _search_name(self, operator, value):
        """Names are computed: match them in Python over the templates (a few
        hundred at most), in the reader's language and in English."""
        templates = self.with_context(active_test=False).search([])
        ids = [
            template.id
            for lang_templates in (templates, templates.with_context(lang="en_US"))
            for template in lang_templates
            if match_text(template.name, operator, value)
        ]
        return [("id", "in", ids)]

    @api.depends("seat_line_ids.seats")
    def _compute_seats_max(self):
        for template in self:
            template.seats_max = sum(template.seat_line_ids.mapped("seats"))

    def _compute_member_count(self):
        today = fields.Date.context_today(self)
        groups = self.env["coop.shift.template.registration"]._read_group(
            [
                ("template_id", "in", self.ids),
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ],
            ["template_id"],
            ["__count"],
        )
        counts = {template.id: count for template, count in groups}
        for template in self:
            template.member_count = counts.get(template.id, 0)

    @api.model
    def coop_grid_data(self):
        """The ABCD grid: active templates by week letter, weekday and time
        slot, with standing members (filled) against seats. Two queries,
        whatever the number of templates; labels in the reader's language."""
        templates = self.search([])
        templates.fetch(["week_letter", "weekday", "start_hour", "end_hour"])
        days = self._fields["weekday"]._description_selection(self.env)
        cells = {}
        for template in templates:
            slot = (
                f"{float_to_time(template.start_hour)}-"
                f"{float_to_time(template.end_hour)}"
            )
            key = f"{template.week_letter}|{template.weekday}|{slot}"
            cells.setdefault(key, []).append(
                {
                    "id": template.id,
                    "name": template.name,
                    "seats": template.seats_max,
                    "filled": template.member_count,
                    "free": template.seats_max - template.member_count,
                }
            )
        slots = sorted(
            {key.split("|", 2)[2] for key in cells},
        )
        return {
            "weeks": sorted(set(templates.mapped("week_letter"))),
            "days": [list(day) for day in days],
            "slots": slots,
            "cells": cells,
        }

    def write(self, vals):
        res = super().write(vals)
        if "date_end" in vals or vals.get("active") is False:
            self._coop_cancel_future_shifts()
        return res

    def _coop_cancel_future_shifts(self):
        """Cancel the shifts (and their registrations) a template no longer has:
        after its end date, or all future ones when it is archived."""
        today = fields.Date.context_today(self)
        shifts = self.env["coop.shift"]
        for template in self.with_context(active_test=False):
            limit = template.date_end if template.active else None
            limit = max(limit, today) if limit else today
            shifts |= template.shift_ids.filtered(
                lambda s, limit=limit: s.date > limit and s.state == "open"
            )
        shifts._coop_cancel()

    def action_generate_shifts(self):
        """Generate the shifts of these templates: the shift office only (the
        generator inserts by SQL, past the record rules)."""
        if not self.env["coop.shift.registration"]._coop_is_shift_office():
            raise AccessError(self.env._("Only the shift office may generate shifts."))
        self.env["coop.shift"]._coop_generate(templates=self)
        return True

    def action_view_shifts(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_shift.coop_shift_action"
        )
        action["domain"] = [("template_id", "in", self.ids)]
        return action
