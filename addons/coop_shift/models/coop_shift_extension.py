# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CoopShiftExtension(models.Model):
    """A grace period granted by staff: a member owing services keeps shopping
    (state ``delay``) until its end date included. At most N per member and
    calendar year (company setting)."""

    _name = "coop.shift.extension"
    _description = "Grace extension"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True
    )
    date_start = fields.Date(required=True, default=fields.Date.context_today)
    date_end = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self)
        + timedelta(days=self.env.company.coop_shift_extension_days),
        help="Included: the extension still applies on this day.",
    )
    reason = fields.Text(required=True)
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("date_start", "date_end", "partner_id")
    def _check_extension(self):
        limit = self.env.company.coop_shift_max_extensions
        for extension in self:
            if extension.date_end < extension.date_start:
                raise ValidationError(self.env._("An extension ends after it starts."))
            year = extension.date_start.year
            count = self.search_count(
                [
                    ("partner_id", "=", extension.partner_id.id),
                    ("date_start", ">=", date(year, 1, 1)),
                    ("date_start", "<=", date(year, 12, 31)),
                ]
            )
            if limit and count > limit:
                raise ValidationError(
                    self.env._(
                        "%(member)s already had %(limit)s extensions this year.",
                        member=extension.partner_id.name,
                        limit=limit,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        days = self.env.company.coop_shift_extension_days
        for vals in vals_list:
            if vals.get("date_start") and not vals.get("date_end"):
                start = fields.Date.to_date(vals["date_start"])
                vals["date_end"] = start + timedelta(days=days)
        extensions = super().create(vals_list)
        extensions.partner_id._coop_update_state()
        return extensions

    def write(self, vals):
        res = super().write(vals)
        self.partner_id._coop_update_state()
        return res

    def unlink(self):
        partners = self.partner_id
        res = super().unlink()
        partners._coop_update_state()
        return res
