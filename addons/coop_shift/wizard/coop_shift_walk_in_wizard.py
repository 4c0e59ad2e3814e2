# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CoopShiftWalkInWizard(models.TransientModel):
    """Leader's "today" screen: add a volunteer who came without booking."""

    _name = "coop.shift.walk.in.wizard"
    _description = "Add a walk-in volunteer"

    shift_id = fields.Many2one(
        "coop.shift",
        required=True,
        domain="[('id', 'in', allowed_shift_ids)]",
        default=lambda self: self._default_shift(),
    )
    allowed_shift_ids = fields.Many2many(
        "coop.shift", compute="_compute_allowed_shift_ids"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Volunteer",
        required=True,
        domain="[('coop_is_member', '=', True)]",
    )

    @api.depends_context("uid")
    def _compute_allowed_shift_ids(self):
        shifts = self._leader_shifts()
        for wizard in self:
            wizard.allowed_shift_ids = shifts

    def _default_shift(self):
        return self._leader_shifts()[:1]

    def _leader_shifts(self):
        """Today's open shifts the user leads (all of today's for the office)."""
        domain = [
            ("date", "=", fields.Date.context_today(self)),
            ("state", "!=", "cancelled"),
        ]
        if not self.env["coop.shift.registration"]._coop_is_shift_office():
            domain.append(("is_leader", "=", True))
        return self.env["coop.shift"].search(domain)

    def action_confirm(self):
        self.ensure_one()
        self.shift_id._coop_add_walk_in(self.partner_id)
        return {"type": "ir.actions.client", "tag": "soft_reload"}
