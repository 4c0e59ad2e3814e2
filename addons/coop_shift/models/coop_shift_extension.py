# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date


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
        default=lambda self: (
            fields.Date.context_today(self)
            + timedelta(days=self.env.company.coop_shift_extension_days)
        ),
        help="Included: the extension still applies on this day.",
    )
    reason = fields.Text(required=True)
    author_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, readonly=True
    )

    @api.constrains("date_start", "date_end", "partner_id")
    def _check_extension(self):
        """An extension ends after it starts, lasts at most
        ``coop_shift_extension_max_days`` and a member gets at most
        ``coop_shift_max_extensions`` per calendar year (company settings)."""
        limit = self.env.company.coop_shift_max_extensions
        max_days = self.env.company.coop_shift_extension_max_days
        for extension in self:
            if extension.date_end < extension.date_start:
                raise ValidationError(self.env._("An extension ends after it starts."))
            if max_days and (extension.date_end - extension.date_start).days > max_days:
                raise ValidationError(
                    self.env._(
                        "An extension lasts %(days)s days at most.", days=max_days
                    )
                )
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

    @api.depends("partner_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for extension in self:
            extension.display_name = self.env._(
                "Extension %(member)s until %(date)s",
                member=extension.partner_id.name or "",
                date=format_date(self.env, extension.date_end),
            )

    @api.model_create_multi
    def create(self, vals_list):
        days = self.env.company.coop_shift_extension_days
        for vals in vals_list:
            if not self.env.su:
                # the author is whoever grants it, never chosen by the client
                vals["author_id"] = self.env.uid
            if vals.get("date_start") and not vals.get("date_end"):
                start = fields.Date.to_date(vals["date_start"])
                vals["date_end"] = start + timedelta(days=days)
        return super().create(vals_list)

    def write(self, vals):
        if "author_id" in vals and not self.env.su:
            raise AccessError(self.env._("The author of an extension cannot change."))
        return super().write(vals)
