# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class CoopShiftSwap(models.Model):
    """A swap proposed between two members: the proposer gives their service
    (``registration_id``) for one offered on the exchange board (``offer_id``);
    the member who offered it accepts or declines on the portal.

    Created by ``coop.shift.registration._coop_propose_swap`` only; the rules
    of exchanges (``coop.shift.registration``) are checked on the
    proposal and again on acceptance.
    """

    _name = "coop.shift.swap"
    _description = "Swap of two services"
    _order = "id desc"

    registration_id = fields.Many2one(
        "coop.shift.registration",
        string="Service proposed",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    offer_id = fields.Many2one(
        "coop.shift.registration",
        string="Service offered",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    proposer_id = fields.Many2one(
        related="registration_id.partner_id", store=True, string="Proposed by"
    )
    partner_id = fields.Many2one(
        related="offer_id.partner_id", store=True, string="Proposed to"
    )
    company_id = fields.Many2one(related="offer_id.company_id", store=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("withdrawn", "Withdrawn"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        index=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("A swap is proposed from the member space."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(self.env._("A swap is accepted or declined, not edited."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_accept(self):
        """The member who offered the service accepts: the two services
        change hands (``_coop_swap``, all checks again)."""
        self._coop_check_answer("partner_id")
        # sudo: the caller answers a swap proposed to them (checked above)
        for swap in self.sudo():
            swap.registration_id._coop_swap(swap.offer_id)
            swap.state = "accepted"
        return True

    def action_decline(self):
        self._coop_check_answer("partner_id")
        self.sudo()._coop_close("declined")
        return True

    def action_withdraw(self):
        self._coop_check_answer("proposer_id")
        self.sudo()._coop_close("withdrawn")
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _coop_check_answer(self, member_field):
        """A proposed swap is answered by its member (``partner_id`` accepts
        or declines, ``proposer_id`` withdraws), or by the shift office."""
        Registration = self.env["coop.shift.registration"]
        if not Registration._coop_is_shift_office() and self.sudo().filtered(
            lambda s: s[member_field] != self.env.user.partner_id
        ):
            raise AccessError(self.env._("This swap is not yours to answer."))
        if self.sudo().filtered(lambda s: s.state != "proposed"):
            raise UserError(self.env._("This swap has already been answered."))

    def _coop_close(self, state):
        self.filtered(lambda s: s.state == "proposed").write({"state": state})
