# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date


class CoopShiftLeave(models.Model):
    """A member's leave: their standing services inside it are excused.

    Confirming a leave excuses (no points) the planned standing registrations in
    its range and links them to the leave; cancelling it, or ending it earlier,
    gives the future ones back (``planned``). A leave is an input of the status
    (``res.partner._coop_state_inputs``).
    """

    _name = "coop.shift.leave"
    _description = "Member leave"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, tracking=True
    )
    type_id = fields.Many2one(
        "coop.shift.leave.type", string="Type", required=True, tracking=True
    )
    can_shop = fields.Boolean(related="type_id.can_shop", store=True)
    date_start = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(tracking=True)
    state = fields.Selection(
        [("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="confirmed",
        required=True,
        tracking=True,
    )
    note = fields.Text()
    registration_ids = fields.One2many(
        "coop.shift.registration", "leave_id", string="Excused services"
    )

    @api.constrains("date_start", "date_end", "type_id")
    def _check_dates(self):
        for leave in self:
            if leave.type_id.needs_end_date and not leave.date_end:
                raise ValidationError(
                    self.env._("A %(type)s needs an end date.", type=leave.type_id.name)
                )
            if leave.date_end and leave.date_end < leave.date_start:
                raise ValidationError(self.env._("A leave ends after it starts."))

    @api.depends("partner_id", "type_id", "date_start", "date_end")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Holiday – Ana (02/12/2026 → 20/12/2026)", in the reader's format."""
        for leave in self:
            end = format_date(self.env, leave.date_end) if leave.date_end else "…"
            leave.display_name = (
                f"{leave.type_id.name or ''} – {leave.partner_id.name or ''} "
                f"({format_date(self.env, leave.date_start)} → {end})"
            )

    @api.model_create_multi
    def create(self, vals_list):
        leaves = super().create(vals_list)
        leaves._coop_apply()
        return leaves

    def write(self, vals):
        res = super().write(vals)
        if {"date_start", "date_end", "state"} & set(vals):
            self._coop_apply()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_if_cancelled(self):
        if self.filtered(lambda leave: leave.state != "cancelled"):
            raise UserError(self.env._("Cancel a leave before deleting it."))

    @api.model
    def _coop_declare(self, partner, leave_type, date_start, date_end):
        """A member declares their own leave (portal). Bounded: a type during
        which they may not shop (the others need the office's proof), starting
        today or later but within ``coop_shift_leave_max_days``, with an end
        date not before its start and at most that many days later. Validates
        everything before creating; raises a ``UserError`` saying why."""
        _ = self.env._
        max_days = self.env.company.coop_shift_leave_max_days
        today = fields.Date.context_today(self)
        if not leave_type.exists() or leave_type.can_shop:
            raise UserError(_("This kind of leave is declared at the shift office."))
        try:
            start = fields.Date.to_date(date_start)
            end = fields.Date.to_date(date_end)
        except ValueError:
            start = end = None
        if not start or not end:
            raise UserError(_("Give the first and the last day of your leave."))
        if start < today:
            raise UserError(_("A leave cannot start in the past."))
        if end < start:
            raise UserError(_("Your leave ends before it starts."))
        limit = today + timedelta(days=max_days)
        if start > limit or (end - start).days > max_days:
            raise UserError(
                _(
                    "A leave starts within %(days)s days and lasts %(days)s days "
                    "at most: for a longer one, ask the shift office.",
                    days=max_days,
                )
            )
        return self.create(
            {
                "partner_id": partner.id,
                "type_id": leave_type.id,
                "date_start": start,
                "date_end": end,
            }
        )

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_end_today(self):
        """The member is back: the leave ends today (the day still counts)."""
        self.write({"date_end": fields.Date.context_today(self)})
        return True

    def _coop_apply(self):
        """Excuse the standing services inside each leave, give back those
        outside it (the past stays as it was)."""
        today = fields.Date.context_today(self)
        Registration = self.env["coop.shift.registration"]
        linked = Registration.search(
            [("leave_id", "in", self.ids), ("date", ">=", today)]
        )
        inside = Registration.search(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("kind", "=", "standing"),
                ("state", "in", ("planned", "excused")),
                ("date", ">=", today),
            ]
        )
        for leave in self:
            covered = inside.filtered(
                lambda r, lv=leave: (
                    lv.state == "confirmed"
                    and r.partner_id == lv.partner_id
                    and lv.date_start <= r.date
                    and (not lv.date_end or r.date <= lv.date_end)
                )
            )
            covered.filtered(lambda r: r.state == "planned").write(
                {"state": "excused", "leave_id": leave.id}
            )
            linked -= covered
        linked.filtered(lambda r: r.state == "excused").write(
            {"state": "planned", "leave_id": False}
        )
