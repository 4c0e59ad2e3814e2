# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date


class CoopShiftClosure(models.Model):
    """A coop-wide closure (public holiday, inventory day...).

    Its shifts are cancelled, or never generated: nobody owes a make-up for
    them, since cancelled registrations carry no points.
    """

    _name = "coop.shift.closure"
    _description = "Coop closure"
    _order = "date_start desc"

    name = fields.Char(required=True, translate=True)
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    shift_ids = fields.One2many("coop.shift", "closure_id", string="Cancelled shifts")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for closure in self:
            if closure.date_end < closure.date_start:
                raise ValidationError(self.env._("A closure ends after it starts."))

    @api.depends("name", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for closure in self:
            start = format_date(self.env, closure.date_start)
            end = format_date(self.env, closure.date_end)
            dates = start if start == end else f"{start} → {end}"
            closure.display_name = f"{closure.name or ''} ({dates})"

    @api.model_create_multi
    def create(self, vals_list):
        closures = super().create(vals_list)
        closures._coop_cancel_shifts()
        return closures

    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_end"} & set(vals):
            self._coop_cancel_shifts()
        return res

    def _coop_cancel_shifts(self):
        for closure in self:
            shifts = self.env["coop.shift"].search(
                [
                    ("company_id", "=", closure.company_id.id),
                    ("date", ">=", closure.date_start),
                    ("date", "<=", closure.date_end),
                    ("state", "=", "open"),
                ]
            )
            shifts.write({"closure_id": closure.id})
            shifts._coop_cancel()
