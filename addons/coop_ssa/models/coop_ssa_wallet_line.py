# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .ssa_flow import in_ssa_flow

MANAGER = "coop_ssa.group_ssa_manager"


class CoopSsaWalletLine(models.Model):
    """The wallet ledger: one signed line per allotment, payment, refund, expiry.

    A wallet's balance is the sum of its lines. Lines are never edited nor
    deleted; a mistake is corrected by a new line. Creating lines also moves the
    cached ``wallet_balance`` of their beneficiaries, in one statement.

    Allotments, expiries, payments and refunds are written only by the server
    flows that checked them (:mod:`.ssa_flow`). By hand, an SSA manager may only
    add a *correction* of the current period, with its reason.
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
            ("correction", "Correction"),
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
    note = fields.Char(string="Reason")
    claim_id = fields.Many2one(
        "coop.ssa.claim",
        string="Claim",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The claim on the fund that includes this payment or refund.",
    )

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
        if not in_ssa_flow(self.env):
            self._check_manual_lines(vals_list)
        lines = super().create(vals_list)
        lines._apply_to_balances()
        return lines

    def write(self, vals):
        if set(vals) - {"claim_id"} or not in_ssa_flow(self.env):
            raise UserError(_("Wallet lines cannot be changed; add a new line."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Wallet lines cannot be deleted; add a new line."))

    @api.model
    def _check_manual_lines(self, vals_list):
        """The rule of lines written by hand: only an SSA manager, only a
        correction, with its reason, in the current period, tied to no sale."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(
                _("Only SSA managers may write corrections in a wallet ledger.")
            )
        period = self.env["coop.ssa.fund"]._period_start()
        for vals in vals_list:
            if vals.get("kind") != "correction":
                raise UserError(
                    _(
                        "Allotments, payments, refunds and expiries are written by "
                        "the fund itself; by hand only a correction can be added."
                    )
                )
            if not (vals.get("note") or "").strip():
                raise UserError(_("Give the reason of the correction."))
            if fields.Date.to_date(vals["period"]) != period:
                raise UserError(_("A correction belongs to the current month only."))
            if any(vals.get(f) for f in ("pos_order_id", "pos_payment_id", "claim_id")):
                raise UserError(_("A correction is not tied to a sale or a claim."))
            vals["date"] = fields.Datetime.now()

    @api.model
    def _insert_checked(self, vals_list):
        """Write the ledger lines a marked server flow has just checked, and
        move their beneficiaries' cached balance, in one statement: the same
        rows as :meth:`create` (fund and company of the beneficiary, period of
        today), for the till's hot path. Returns the new lines."""
        assert in_ssa_flow(self.env), "only a checked allowance flow writes here"
        now = fields.Datetime.now()
        period = self.env["coop.ssa.fund"]._period_start()
        rows = [
            SQL(
                "(%s, %s, %s::numeric, %s, %s, %s)",
                vals["beneficiary_id"],
                vals["kind"],
                vals["amount"],
                vals.get("pos_order_id"),
                vals.get("pos_payment_id"),
                vals.get("origin_order_id"),
            )
            for vals in vals_list
        ]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH new AS (
                    INSERT INTO coop_ssa_wallet_line (beneficiary_id, fund_id,
                           company_id, kind, date, period, amount, pos_order_id,
                           pos_payment_id, origin_order_id, create_uid,
                           create_date, write_uid, write_date)
                    SELECT b.id, b.fund_id, b.company_id, v.kind, %(now)s,
                           %(period)s, v.amount, v.pos_order_id::int,
                           v.pos_payment_id::int, v.origin_order_id::int,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM (VALUES %(rows)s) AS v(ben, kind, amount, pos_order_id,
                                                  pos_payment_id, origin_order_id)
                      JOIN coop_ssa_beneficiary b ON b.id = v.ben::int
                 RETURNING id, beneficiary_id, amount
                ), moved AS (
                    UPDATE coop_ssa_beneficiary b
                       SET wallet_balance = b.wallet_balance + s.total
                      FROM (SELECT beneficiary_id, SUM(amount) AS total
                              FROM new GROUP BY beneficiary_id) s
                     WHERE b.id = s.beneficiary_id
                )
                SELECT id FROM new ORDER BY id
                """,
                now=now,
                period=period,
                uid=self.env.uid,
                rows=SQL(", ").join(rows),
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.env["coop.ssa.beneficiary"].invalidate_model(["wallet_balance"])
        self.env["coop.ssa.beneficiary"].invalidate_model(["wallet_line_ids"])
        return self.browse(ids)

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
