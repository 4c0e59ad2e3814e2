# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class CoopSsaWalletLine(models.Model):
    """The wallet ledger: one signed line per allotment, payment, refund, expiry.

    A wallet's balance is the sum of its lines. Lines are never edited nor
    deleted; a mistake is corrected by a new line. Creating lines also moves the
    cached ``wallet_balance`` of their beneficiaries, in one statement.
    """

    _name = "coop.ssa.wallet.line"
    _description = "SSA wallet ledger line"
    _order = "date desc, id desc"

    beneficiary_id = fields.Many2one(
        "coop.ssa.beneficiary", required=True, index=True, ondelete="restrict"
    )
    fund_id = fields.Many2one(
        related="beneficiary_id.fund_id", store=True, index=True, string="Fund"
    )
    partner_id = fields.Many2one(related="beneficiary_id.partner_id")
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")
    kind = fields.Selection(
        [
            ("allotment", "Allotment"),
            ("payment", "Payment"),
            ("refund", "Refund"),
            ("expiry", "Expiry"),
            ("adjustment", "Adjustment"),
        ],
        required=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    period = fields.Date(
        required=True, index=True, help="First day of the month the line belongs to."
    )
    amount = fields.Monetary(required=True, help="Positive credits, negative debits.")
    pos_order_id = fields.Many2one("pos.order", index="btree_not_null", readonly=True)
    pos_payment_id = fields.Many2one(
        "pos.payment", index="btree_not_null", readonly=True
    )
    origin_order_id = fields.Many2one(
        "pos.order",
        string="Refunded order",
        index="btree_not_null",
        readonly=True,
        help="For refunds: the order whose SSA payment is given back.",
    )
    external_ref = fields.Char(string="External reference")
    note = fields.Char()

    _sql_constraints = [
        (
            "payment_sign",
            "CHECK((kind != 'payment' OR amount <= 0) AND "
            "(kind NOT IN ('refund', 'allotment') OR amount >= 0) AND "
            "(kind != 'expiry' OR amount <= 0))",
            "The sign of a wallet line must match its kind.",
        ),
        (
            "payment_uniq",
            "UNIQUE(pos_payment_id)",
            "A till payment is written to the ledger once.",
        ),
    ]

    def init(self):
        # One allotment and one expiry per beneficiary and period, whatever runs.
        self.env.cr.execute(
            SQL(
                """
                CREATE UNIQUE INDEX IF NOT EXISTS coop_ssa_wallet_line_period_uniq
                    ON coop_ssa_wallet_line (beneficiary_id, period, kind)
                 WHERE kind IN ('allotment', 'expiry')
                """
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("period"):
                vals["period"] = self.env["coop.ssa.fund"]._period_start()
        lines = super().create(vals_list)
        lines._apply_to_balances()
        return lines

    def write(self, vals):
        if set(vals) - {"note"}:
            raise UserError(_("Wallet lines cannot be changed; add a new line."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Wallet lines cannot be deleted; add a new line."))

    def _apply_to_balances(self):
        """Add these lines' amounts to their beneficiaries' cached balance."""
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """
                UPDATE coop_ssa_beneficiary b
                   SET wallet_balance = b.wallet_balance + s.total
                  FROM (SELECT beneficiary_id, SUM(amount) AS total
                          FROM coop_ssa_wallet_line WHERE id IN %s
                         GROUP BY beneficiary_id) s
                 WHERE b.id = s.beneficiary_id
                """,
                tuple(self.ids),
            )
        )
        self.env["coop.ssa.beneficiary"].invalidate_model(["wallet_balance"])
