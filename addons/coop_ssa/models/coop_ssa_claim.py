# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from .ssa_flow import ssa_flow

CLAIMED_KINDS = ("payment", "refund")


class CoopSsaClaim(models.Model):
    """The shop's claim on a fund for the SSA payments of a period.

    For a fund with wallets the claim is the sum of the wallet ledger's
    payments and refunds of the period, never a sum of till payments; till
    payments that do not match the ledger are listed as anomalies. An external
    fund (no wallet here) is claimed from its till payments. Only sales of
    closed sessions are claimed. Posting it books a receivable on the fund
    against the clearing account; the claim is paid when that receivable is
    reconciled with the fund's payment.
    """

    _name = "coop.ssa.claim"
    _description = "SSA claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(required=True, default="/", copy=False, readonly=True)
    fund_id = fields.Many2one("coop.ssa.fund", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    fund_mode = fields.Selection(related="fund_id.mode")
    wallet_line_ids = fields.One2many(
        "coop.ssa.wallet.line",
        "claim_id",
        string="Wallet payments and refunds",
        readonly=True,
    )
    payment_ids = fields.One2many(
        "pos.payment",
        "ssa_claim_id",
        string="SSA payments",
        readonly=True,
        help="External funds only: the till payments claimed.",
    )
    payment_count = fields.Integer(
        string="Number of lines", compute="_compute_amount_total", store=True
    )
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    anomaly_count = fields.Integer(compute="_compute_anomalies")
    anomaly_html = fields.Html(
        string="Anomalies",
        compute="_compute_anomalies",
        sanitize=False,
        help="Till payments of the period that do not match the wallet ledger.",
    )
    open_session_count = fields.Integer(
        string="Left out (sessions still open)",
        compute="_compute_anomalies",
        help="Payments of the period whose till session is still open: they are "
        "not in this claim and go into a later one once the session is closed.",
    )
    move_id = fields.Many2one("account.move", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Claimed"), ("paid", "Paid")],
        compute="_compute_state",
        store=True,
        tracking=True,
    )

    @api.depends("wallet_line_ids.amount", "payment_ids.amount", "fund_id.mode")
    def _compute_amount_total(self):
        for claim in self:
            if claim.fund_id.mode == "internal":
                claim.amount_total = -sum(claim.wallet_line_ids.mapped("amount"))
                claim.payment_count = len(claim.wallet_line_ids)
            else:
                claim.amount_total = sum(claim.payment_ids.mapped("amount"))
                claim.payment_count = len(claim.payment_ids)

    def _compute_anomalies(self):
        for claim in self:
            anomalies, left_out = claim._find_anomalies()
            claim.anomaly_count = len(anomalies)
            claim.open_session_count = left_out
            claim.anomaly_html = (
                Markup("<ul>%s</ul>")
                % Markup().join(Markup("<li>%s</li>") % a for a in anomalies)
                if anomalies
                else False
            )

    @api.depends("move_id.state", "move_id.line_ids.amount_residual")
    def _compute_state(self):
        for claim in self:
            receivable = claim._receivable_line()
            if not claim.move_id or claim.move_id.state != "posted":
                claim.state = "draft"
            elif receivable and receivable.reconciled:
                claim.state = "paid"
            else:
                claim.state = "posted"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("coop.ssa.claim")
        return super().create(vals_list)

    def _receivable_line(self):
        self.ensure_one()
        return self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )

    def _period_domain(self, date_field):
        self.ensure_one()
        return [
            (date_field, ">=", self.date_from),
            (date_field, "<", fields.Date.add(self.date_to, days=1)),
            ("company_id", "=", self.company_id.id),
        ]

    def _find_anomalies(self):
        """(anomalies, payments left out): the period's SSA till payments that
        disagree with the wallet ledger (no ledger line, another amount, a
        ledger line whose payment is no longer this fund's), in words, and the
        number of payments of sessions still open."""
        self.ensure_one()
        if not self.fund_id or not self.date_from or not self.date_to:
            return [], 0
        # sudo: read-only comparison of the claim's own fund and period,
        # for SSA officers who need not be till users.
        payments = (
            self.env["pos.payment"]
            .sudo()
            .search(
                [
                    ("payment_method_id.ssa_fund_id", "=", self.fund_id.id),
                    ("pos_order_id.state", "in", ("paid", "done", "invoiced")),
                    *self._period_domain("payment_date"),
                ]
            )
        )
        left_out = len(payments.filtered(lambda p: p.session_id.state != "closed"))
        if self.fund_id.mode != "internal":
            return [], left_out
        Line = self.env["coop.ssa.wallet.line"].sudo()
        base = [("fund_id", "=", self.fund_id.id), ("kind", "in", CLAIMED_KINDS)]
        lines = Line.search([*base, ("pos_payment_id", "in", payments.ids)])
        lines |= Line.search(
            [*base, ("pos_payment_id", "!=", False), *self._period_domain("date")]
        )
        by_payment = {line.pos_payment_id: line for line in lines}
        anomalies = []
        for payment in payments:
            line = by_payment.pop(payment, None)
            ref = payment.pos_order_id.pos_reference or payment.pos_order_id.name
            if not line:
                anomalies.append(
                    _(
                        "Ticket %(ref)s: SSA payment of %(amount)s with no "
                        "ledger line.",
                        ref=ref,
                        amount=payment.amount,
                    )
                )
            elif self.currency_id.compare_amounts(-line.amount, payment.amount):
                anomalies.append(
                    _(
                        "Ticket %(ref)s: till payment %(amount)s, ledger %(ledger)s.",
                        ref=ref,
                        amount=payment.amount,
                        ledger=-line.amount,
                    )
                )
        for payment, line in by_payment.items():
            order = payment.pos_order_id
            anomalies.append(
                _(
                    "Ticket %(ref)s: ledger line of %(ledger)s whose till payment is "
                    "no longer an SSA payment of this fund.",
                    ref=order.pos_reference or order.name,
                    ledger=-line.amount,
                )
            )
        return anomalies, left_out

    def action_collect_payments(self):
        """Attach the period's SSA movements not yet claimed, of closed sessions:
        the wallet ledger's payments and refunds (internal fund), or the till
        payments (external fund)."""
        self.check_access("write")
        for claim in self:
            if claim.state != "draft":
                raise UserError(_("Only draft claims can collect payments."))
            # sudo + flow mark: the claim links the ledger lines and payments
            # of its own fund and period, changing no amount.
            claim_sudo = ssa_flow(claim.sudo())
            claim_sudo.wallet_line_ids.claim_id = False
            claim_sudo.payment_ids.ssa_claim_id = False
            if claim.fund_id.mode == "internal":
                lines = claim_sudo.env["coop.ssa.wallet.line"].search(
                    [
                        ("fund_id", "=", claim.fund_id.id),
                        ("kind", "in", CLAIMED_KINDS),
                        ("claim_id", "=", False),
                        ("pos_order_id.session_id.state", "=", "closed"),
                        *claim._period_domain("date"),
                    ]
                )
                lines.claim_id = claim
                continue
            payments = claim_sudo.env["pos.payment"].search(
                [
                    ("payment_method_id.ssa_fund_id", "=", claim.fund_id.id),
                    ("ssa_claim_id", "=", False),
                    ("pos_order_id.state", "in", ("paid", "done", "invoiced")),
                    ("session_id.state", "=", "closed"),
                    *claim._period_domain("payment_date"),
                ]
            )
            payments.ssa_claim_id = claim
        return True

    def action_post(self):
        """Book the claim: debit the fund (receivable), credit the clearing account."""
        for claim in self:
            fund = claim.fund_id
            if not (fund.journal_id and fund.clearing_account_id):
                raise UserError(
                    _("Set the claim journal and clearing account of the fund.")
                )
            if not (claim.payment_ids or claim.wallet_line_ids):
                raise UserError(_("This claim has no payment."))
            partner = fund.partner_id.commercial_partner_id
            label = _("SSA claim %(name)s", name=claim.name)
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": fund.journal_id.id,
                    "date": claim.date_to,
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "partner_id": partner.id,
                                "account_id": partner.property_account_receivable_id.id,
                                "debit": claim.amount_total,
                            }
                        ),
                        Command.create(
                            {
                                "name": label,
                                "partner_id": partner.id,
                                "account_id": fund.clearing_account_id.id,
                                "credit": claim.amount_total,
                            }
                        ),
                    ],
                }
            )
            move.action_post()
            claim.move_id = move
        return True

    def action_register_payment(self):
        """Open the payment wizard on the claim's receivable (the fund pays)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Register the fund's payment"),
            "res_model": "account.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move.line",
                "active_ids": self._receivable_line().ids,
            },
        }

    def action_print(self):
        return self.env.ref("coop_ssa.action_report_coop_ssa_claim").report_action(self)
