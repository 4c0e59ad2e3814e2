# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class CoopShiftRegistration(models.Model):
    """Giving a worked service to the solidarity pool (``coop.shift.solidarity``)."""

    _inherit = "coop.shift.registration"

    solidarity_ids = fields.One2many(
        "coop.shift.solidarity", "registration_id", string="Solidarity pool"
    )
    solidarity_donable = fields.Boolean(
        string="May go to the solidarity pool",
        compute="_compute_solidarity_donable",
        compute_sudo=True,
    )

    @api.constrains("state")
    def _check_solidarity_state(self):
        """A service in the solidarity pool stays attended."""
        if self.filtered(lambda r: r.solidarity_ids and r.state != "attended"):
            raise ValidationError(
                self.env._(
                    "This service was given to the solidarity pool: its attendance "
                    "can no longer change."
                )
            )

    @api.depends(
        "state", "kind", "solidarity_partner_id", "solidarity_ids", "counter_line_ids"
    )
    def _compute_solidarity_donable(self):
        earned = self._coop_points_earned()
        for registration in self:
            registration.solidarity_donable = registration._coop_is_donable(earned)

    def action_donate_solidarity(self):
        """Give these worked services to the solidarity pool."""
        earned = self._coop_points_earned()
        if not self or self.filtered(lambda r: not r._coop_is_donable(earned)):
            raise UserError(
                self.env._(
                    "Only an attended make-up or extra service that earned you no "
                    "point can go to the solidarity pool, once."
                )
            )
        self.env["coop.shift.solidarity"].create(
            [{"registration_id": registration.id} for registration in self]
        )
        return True

    def _coop_is_donable(self, earned):
        """An attended make-up or extra service may go to the pool when it
        earned its worker nothing (they owed nothing), was not given to a named
        member and is not in the pool already. ``earned`` is
        ``_coop_points_earned()``."""
        self.ensure_one()
        return (
            self.state == "attended"
            and self.kind in ("makeup", "extra")
            and not self.solidarity_partner_id
            and not self.solidarity_ids
            and not earned.get(self.id)
        )

    def _coop_points_earned(self):
        """``{registration_id: points it posted to the ledger}`` (one query)."""
        groups = (
            self.env["coop.shift.counter.line"]
            .sudo()
            ._read_group(
                [("registration_id", "in", self.ids), ("manual", "=", False)],
                ["registration_id"],
                ["points:sum"],
            )
        )
        return {registration.id: points for registration, points in groups}
