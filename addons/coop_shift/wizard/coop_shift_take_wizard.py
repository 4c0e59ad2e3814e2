# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopShiftTakeWizard(models.TransientModel):
    """Desk: a stand-in takes a service over, or a member gives a service."""

    _name = "coop.shift.take.wizard"
    _description = "Exchange or give a service"

    registration_id = fields.Many2one("coop.shift.registration", required=True)
    partner_id = fields.Many2one("res.partner", string="Member", required=True)
    mode = fields.Selection(
        [("take", "Stand-in takes the service"), ("give", "Give as solidarity")],
        required=True,
        default="take",
    )

    def action_confirm(self):
        self.ensure_one()
        registration = self.registration_id
        if self.mode == "give":
            registration._coop_give_solidarity(self.partner_id)
            return True
        registration._coop_stand_in(self.partner_id)
        return True
