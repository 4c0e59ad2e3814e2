# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    _inherit = "res.users"

    coop_pos_pin = fields.Char(
        string="Till override PIN",
        copy=False,
        groups="base.group_erp_manager",
        help="Digits a POS manager types at the till to let a customer who may "
        "not shop buy anyway (logged).",
    )

    @api.constrains("coop_pos_pin")
    def _check_coop_pos_pin(self):
        """An override PIN is made of 4 to 8 digits and belongs to one user."""
        for user in self.filtered("coop_pos_pin"):
            pin = user.coop_pos_pin
            if not (pin.isdigit() and 4 <= len(pin) <= 8):
                raise ValidationError(_("The till override PIN must be 4 to 8 digits."))
            if self.search_count([("coop_pos_pin", "=", pin)]) > 1:
                raise ValidationError(_("Another user already has this PIN."))
