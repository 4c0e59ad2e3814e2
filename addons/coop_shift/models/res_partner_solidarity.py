# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

# The solidarity pool is its own concern of res.partner, in its own file.
# pylint: disable=consider-merging-classes-inherited


class ResPartner(models.Model):
    """A member in difficulty and the solidarity pool (``coop.shift.solidarity``)."""

    _inherit = "res.partner"

    coop_solidarity_received = fields.Integer(
        string="Solidarity services received (12 months)",
        compute="_compute_coop_solidarity_received",
        compute_sudo=True,
    )

    def _compute_coop_solidarity_received(self):
        Pool = self.env["coop.shift.solidarity"]
        received = Pool._coop_received_since(self, Pool._coop_year_start())
        for partner in self:
            partner.coop_solidarity_received = received.get(partner.id, 0)

    def action_coop_receive_solidarity(self):
        """Give this member the service that has waited longest in the pool."""
        self.ensure_one()
        gift = self.env["coop.shift.solidarity"].search(
            [("state", "=", "available"), ("donor_id", "!=", self.id)],
            order="date, id",
            limit=1,
        )
        if not gift:
            raise UserError(self.env._("The solidarity pool is empty."))
        gift.recipient_id = self
        gift.action_give()
        return True

    def _coop_solidarity_counter(self):
        """The counter a solidarity service repays: standard when the member
        owes standard services, else flying (flying members owe there)."""
        self.ensure_one()
        return "standard" if self.coop_points_standard < 0 else "flying"
