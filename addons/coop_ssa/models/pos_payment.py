# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PosPayment(models.Model):
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
