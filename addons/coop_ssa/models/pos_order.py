# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _process_payment_lines(self, pos_order, order, pos_session, draft):
        res = super()._process_payment_lines(pos_order, order, pos_session, draft)
        if not draft:
            order._ssa_validate_payments()
        return res

    def _ssa_validate_payments(self):
        """Check this order's SSA payments again on the server and book them.

        The till is never trusted: per fund, the paid amount must not exceed
        min(wallet balance, eligible amount, amount due). The wallet row is
        locked first so that concurrent orders cannot overspend it. A negative
        SSA amount (refund) may give back at most what SSA paid on the refunded
        order. Raises UserError, which refuses the whole order.
        """
        self.ensure_one()
        payments = self.payment_ids.filtered("payment_method_id.ssa_fund_id")
        Line = self.env["coop.ssa.wallet.line"].sudo()
        payments -= Line.search([("pos_payment_id", "in", payments.ids)]).pos_payment_id
        if not payments:
            return
        by_fund = defaultdict(lambda: self.env["pos.payment"])
        for payment in payments:
            by_fund[payment.payment_method_id.ssa_fund_id] |= payment
        self.lines._ssa_stamp_levels()
        for fund, fund_payments in by_fund.items():
            if fund.mode == "external":
                self._ssa_check_external(fund, fund_payments)
            else:
                self._ssa_book_internal(fund, fund_payments)

    def _ssa_beneficiary(self, fund):
        row = self.env["coop.ssa.beneficiary"]._find_participating(
            fund.id, self.partner_id.id
        )
        if not row:
            raise UserError(
                _(
                    "%(fund)s: the customer of order %(order)s is not a participating "
                    "beneficiary.",
                    fund=fund.name,
                    order=self.pos_reference or self.name,
                )
            )
        # sudo: the wallet of the order's customer is debited by the server
        # after its own checks; no household or income field is read.
        return self.env["coop.ssa.beneficiary"].sudo().browse(row[0])

    def _ssa_eligible_and_due(self):
        """(eligible amount, amount due), both recomputed from the lines."""
        totals = self.lines._ssa_totals()
        eligible = self.lines._ssa_eligible_amount(totals)
        return self.currency_id.round(eligible), self.currency_id.round(
            sum(totals.values())
        )

    def _ssa_limit(self, balance):
        """What SSA may pay on this order: min(balance, eligible, amount due)."""
        return self.currency_id.round(min(balance, *self._ssa_eligible_and_due()))

    def _ssa_refundable(self, ben):
        """What SSA paid on the refunded order(s), less what was already refunded."""
        origins = self.lines.refunded_orderline_id.order_id
        if not origins:
            return 0.0
        lines = (
            self.env["coop.ssa.wallet.line"]
            .sudo()
            .search(
                [
                    ("beneficiary_id", "=", ben.id),
                    "|",
                    ("pos_order_id", "in", origins.ids),
                    ("origin_order_id", "in", origins.ids),
                ]
            )
        )
        return -sum(lines.mapped("amount"))

    def _ssa_book_internal(self, fund, payments):
        ben = self._ssa_beneficiary(fund)
        origin = self.lines.refunded_orderline_id.order_id[:1]
        vals_list = [
            {
                "amount": -payment.amount,
                "pos_order_id": self.id,
                "pos_payment_id": payment.id,
                "origin_order_id": origin.id,
            }
            for payment in payments
        ]
        amount = sum(payments.mapped("amount"))
        if amount >= 0:
            cap = self._ssa_limit(amount)
            if self.currency_id.compare_amounts(amount, cap) > 0:
                raise UserError(self._ssa_refusal(fund, amount, cap))
            balance = ben._wallet_debit(vals_list, cap=cap)
        else:
            balance = self._ssa_book_refund(ben, fund, amount, vals_list)
        payments.write({"ssa_balance_after": balance})

    def _ssa_book_refund(self, ben, fund, amount, vals_list):
        """Credit the wallet back, at most what SSA paid on the refunded order."""
        balance = ben._wallet_lock()[ben.id]
        refundable = self._ssa_refundable(ben)
        if self.currency_id.compare_amounts(-amount, refundable) > 0:
            raise UserError(
                _(
                    "%(fund)s: this refund gives back %(amount)s but SSA paid "
                    "only %(paid)s on the refunded order.",
                    fund=fund.name,
                    amount=-amount,
                    paid=refundable,
                )
            )
        self.env["coop.ssa.wallet.line"].sudo().create(
            [{**vals, "beneficiary_id": ben.id, "kind": "refund"} for vals in vals_list]
        )
        return balance - amount

    def _ssa_refusal(self, fund, amount, limit):
        return _(
            "%(fund)s: SSA payment of %(amount)s refused. At most %(limit)s can be "
            "paid (eligible products %(eligible)s, amount due %(due)s).",
            fund=fund.name,
            amount=amount,
            limit=limit,
            eligible=self._ssa_eligible_and_due()[0],
            due=self._ssa_eligible_and_due()[1],
        )

    def _ssa_check_external(self, fund, payments):
        """External funds: no wallet here, but eligibility and a reference are
        still required."""
        amount = sum(payments.mapped("amount"))
        limit = self._ssa_limit(amount) if amount > 0 else amount
        if self.currency_id.compare_amounts(amount, limit) > 0:
            raise UserError(self._ssa_refusal(fund, amount, limit))
        for payment in payments:
            ref = payment.ssa_external_ref or payment.transaction_id
            if not ref:
                raise UserError(
                    _(
                        "%(fund)s: enter the external reference or voucher numbers "
                        "of the payment.",
                        fund=fund.name,
                    )
                )
            payment.ssa_external_ref = ref
