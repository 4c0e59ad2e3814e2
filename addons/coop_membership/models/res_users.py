# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from passlib.context import CryptContext

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# A PIN is short: the hash slows an offline guess, the till's lockout an online
# one. Fewer rounds than a password's, since every manager's hash is tried.
PIN_CRYPT = CryptContext(["pbkdf2_sha512"], pbkdf2_sha512__rounds=20000)


class ResUsers(models.Model):
    _inherit = "res.users"

    coop_pos_pin = fields.Char(
        string="Till override PIN",
        compute="_compute_coop_pos_pin",
        inverse="_inverse_coop_pos_pin",
        groups="base.group_erp_manager",
        help="Digits a POS manager types at the till to let a customer who may "
        "not shop buy anyway (logged).",
    )
    coop_pos_pin_hash = fields.Char(
        string="Till override PIN (hashed)",
        copy=False,
        readonly=True,
        groups="base.group_system",
    )
    coop_has_pos_pin = fields.Boolean(
        string="Has a till override PIN",
        compute="_compute_coop_pos_pin",
        groups="base.group_erp_manager",
    )

    def _compute_coop_pos_pin(self):
        """A PIN is never read back: only whether there is one."""
        for user in self:
            user.coop_pos_pin = False
            user.coop_has_pos_pin = bool(user.sudo().coop_pos_pin_hash)

    def _inverse_coop_pos_pin(self):
        """Store the hash of a new PIN (4 to 8 digits, one user's only); an
        empty value removes it."""
        for user in self:
            pin = user.coop_pos_pin
            if not pin:
                user.sudo().coop_pos_pin_hash = False
                continue
            if not (pin.isdigit() and 4 <= len(pin) <= 8):
                raise ValidationError(_("The till override PIN must be 4 to 8 digits."))
            if self._coop_users_by_pin(pin) - user:
                raise ValidationError(_("Another user already has this PIN."))
            # sudo: only the hash is stored, in a field no one but admins reads
            user.sudo().coop_pos_pin_hash = PIN_CRYPT.hash(pin)

    @api.model
    def _coop_users_by_pin(self, pin):
        """The users whose PIN hash matches ``pin`` (each hash is tried: a
        handful of managers)."""
        if not pin or not str(pin).isdigit():
            return self.browse()
        # sudo: only the match is returned, never a hash
        users = self.sudo().with_context(active_test=False)
        users = users.search([("coop_pos_pin_hash", "!=", False)])
        return users.filtered(
            lambda u: PIN_CRYPT.verify(str(pin), u.coop_pos_pin_hash)
        ).sudo(False)

    @api.model
    def _coop_pos_manager_by_pin(self, pin):
        """The active POS manager whose till override PIN is ``pin``, if any."""
        manager_group = self.env.ref("point_of_sale.group_pos_manager")
        users = self._coop_users_by_pin(pin).filtered(
            lambda u: u.active and manager_group in u.sudo().groups_id
        )
        return users[:1]
