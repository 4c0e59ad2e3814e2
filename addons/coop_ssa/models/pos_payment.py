# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .ssa_flow import in_ssa_flow

# What an SSA payment is: never changed once the sale is validated.
MONEY_FIELDS = {"amount", "payment_method_id", "pos_order_id", "is_change"}
# Written by the validation and the claim only.
FLOW_FIELDS = {"ssa_balance_after", "ssa_external_ref", "ssa_claim_id"}


class PosPayment(models.Model):
    """SSA payments are created, changed and deleted only by the till's sync
    (:meth:`pos.order._process_order`, marked by :mod:`.ssa_flow`) while their
    order is a draft; once the order is validated they are immutable."""

    _inherit = "pos.payment"

    ssa_external_ref = fields.Char(
        string="SSA reference",
        help="External transaction reference or voucher numbers (external funds).",
    )
    ssa_balance_after = fields.Float(
        string="SSA balance after", readonly=True, help="Wallet balance after payment."
    )
    ssa_claim_id = fields.Many2one(
        "coop.ssa.claim", string="SSA claim", readonly=True, copy=False, index=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        method_ids = {vals.get("payment_method_id") for vals in vals_list}
        methods = self.env["pos.payment.method"].browse(method_ids - {None, False})
        if methods.ssa_fund_id and not in_ssa_flow(self.env):
            raise UserError(self._ssa_refusal())
        return super().create(vals_list)

    def write(self, vals):
        ssa = self.filtered("payment_method_id.ssa_fund_id")
        new_method = self.env["pos.payment.method"].browse(
            vals.get("payment_method_id")
        )
        if new_method.ssa_fund_id:
            ssa = self
        if ssa and set(vals) & (MONEY_FIELDS | FLOW_FIELDS):
            flow = in_ssa_flow(self.env)
            if not flow or (set(vals) & MONEY_FIELDS and ssa._ssa_validated()):
                raise UserError(self._ssa_refusal())
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_ssa_only_in_sync(self):
        ssa = self.filtered("payment_method_id.ssa_fund_id")
        if ssa and (not in_ssa_flow(self.env) or ssa._ssa_validated()):
            raise UserError(self._ssa_refusal())

    def _ssa_validated(self):
        """Whether any of these payments belongs to a validated sale."""
        return any(p.pos_order_id.state != "draft" for p in self)

    @api.model
    def _ssa_refusal(self):
        return _(
            "Allowance (SSA) payments are taken at the till only, and never "
            "changed once the sale is validated: refund the sale instead."
        )
