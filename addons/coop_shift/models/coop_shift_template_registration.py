# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression


class CoopShiftTemplateRegistration(models.Model):
    """A standing member on a template for a date range.

    Creating one registers the member on the template's existing future shifts
    (and generation registers them on the next ones); ending one ("change team",
    leaving) cancels their standing registrations after the end date.
    """

    _name = "coop.shift.template.registration"
    _description = "Standing member of a shift template"
    _order = "date_start desc, id desc"

    template_id = fields.Many2one(
        "coop.shift.template", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    qualification_id = fields.Many2one(
        "coop.qualification", string="Seat", help="Qualified seat taken, if any."
    )
    date_start = fields.Date(
        required=True, default=fields.Date.context_today, string="From"
    )
    date_end = fields.Date(string="Until")
    company_id = fields.Many2one(related="template_id.company_id", store=True)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._("A registration ends after it starts.")
                )

    @api.constrains("partner_id", "qualification_id")
    def _check_qualification(self):
        for line in self.filtered("qualification_id"):
            if line.qualification_id not in line.partner_id.coop_qualification_ids:
                raise ValidationError(
                    self.env._(
                        "%(member)s does not hold the qualification %(qual)s.",
                        member=line.partner_id.display_name,
                        qual=line.qualification_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.partner_id.filtered("coop_shift_unsubscribed").write(
            {"coop_shift_unsubscribed": False}
        )
        self.env["coop.shift"]._coop_register_standing(lines)
        return lines

    def write(self, vals):
        res = super().write(vals)
        if "date_end" in vals:
            self._coop_cancel_after_end()
        return res

    def _coop_cancel_after_end(self):
        """Cancel the planned standing registrations after each line's end."""
        domains = [
            [
                ("partner_id", "=", line.partner_id.id),
                ("shift_id.template_id", "=", line.template_id.id),
                ("date", ">", line.date_end),
            ]
            for line in self.filtered("date_end")
        ]
        if not domains:
            return
        registrations = self.env["coop.shift.registration"].search(
            expression.AND(
                [
                    [
                        ("kind", "=", "standing"),
                        ("state", "in", ("planned", "excused")),
                    ],
                    expression.OR(domains),
                ]
            )
        )
        registrations.write({"state": "cancelled"})

    def action_end(self, date_end=None):
        """End the membership of the template (leaving it or changing team)."""
        date_end = date_end or fields.Date.context_today(self)
        self.filtered(lambda r: not r.date_end or r.date_end > date_end).write(
            {"date_end": date_end}
        )
        return True

    def action_change_team(self, template, date_from=None):
        """Move these members to ``template`` from ``date_from`` (default
        tomorrow): their current lines end the day before, which cancels their
        later standing registrations, and new lines register them on the new
        template's future shifts."""
        date_from = date_from or fields.Date.context_today(self) + timedelta(days=1)
        self.action_end(date_from - timedelta(days=1))
        return self.create(
            [
                {
                    "template_id": template.id,
                    "partner_id": line.partner_id.id,
                    "date_start": date_from,
                }
                for line in self
            ]
        )
