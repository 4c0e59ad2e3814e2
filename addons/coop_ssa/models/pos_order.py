# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from contextlib import contextmanager

from psycopg2.errors import DeadlockDetected, LockNotAvailable, SerializationFailure

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE

from .ssa_flow import ssa_flow

PAID_STATES = ("paid", "done", "invoiced")
CASHIER = "coop_ssa.group_ssa_cashier"
CONCURRENCY = (SerializationFailure, LockNotAvailable, DeadlockDetected)


class PosOrder(models.Model):
    """Every path to a paid order (sync of a paid order, a draft then
    ``action_pos_order_paid``, ``_process_saved_order``, session closing) ends
    in ``create`` or ``write`` with a paid state: both run
    :meth:`_ssa_validate_payments`, the one validation point of the allowance."""

    _inherit = "pos.order"

    # ------------------------------------------------------------------
    # CRUD: the validation point
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.filtered(lambda o: o.state in PAID_STATES)._ssa_validate_payments()
        return orders

    def write(self, vals):
        if vals.get("state") not in PAID_STATES:
            return super().write(vals)
        drafts = self.filtered(lambda o: o.state == "draft")
        with self.env.cr.savepoint():
            drafts._ssa_validate_payments()
            return super().write(vals)

    @api.model
    def _process_order(self, order, existing_order):
        # The till's sync is the only path that may create SSA payments (on a
        # draft or with the sale); the validation above checks them.
        return super(PosOrder, ssa_flow(self))._process_order(
            order, existing_order and ssa_flow(existing_order)
        )

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    def _ssa_validate_payments(self):
        """Check the SSA payments of these orders on the server and book them.

        The till is never trusted: per fund, a sale's SSA payment must not
        exceed min(wallet balance, eligible amount, amount due), taken by an SSA
        cashier, the wallet row locked first so that concurrent orders cannot
        overspend it. A refund gives back to the wallet exactly the SSA share
        of the lines it refunds, never cash. Raises, which refuses the order.
        """
        with self._ssa_wallet_busy():
            self._ssa_validate_orders()

    @api.model
    @contextmanager
    def _ssa_wallet_busy(self):
        """The rule of a wallet used at two tills at once: the wallet row lock
        makes the later sale fail with a concurrency error. The request is
        replayed by the server as for any such error; when its tries are used
        up (or outside a request), the till is told in words to try again,
        never shown a database error."""
        try:
            yield
        except CONCURRENCY:
            if request:
                tries = getattr(request, "_coop_ssa_tries", 0) + 1
                request._coop_ssa_tries = tries
                if tries < MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
            raise UserError(
                _(
                    "The allowance balance is being used at another till at this "
                    "very moment: try again."
                )
            ) from None

    def _ssa_validate_orders(self):
        booked = (
            self.env["coop.ssa.wallet.line"]
            .sudo()
            .search([("pos_payment_id", "in", self.payment_ids.ids)])
            .pos_payment_id
        )
        for order in self:
            payments = order.payment_ids.filtered("payment_method_id.ssa_fund_id")
            if payments & booked:
                continue  # validated already
            refunds = order.lines.filtered("refunded_orderline_id")
            paid_by_ssa = refunds.refunded_orderline_id.filtered("ssa_amount")
            if not payments and not paid_by_ssa:
                continue
            if not self.env.user.has_group(CASHIER):
                raise AccessError(
                    _("Only SSA cashiers may take food-allowance (SSA) payments.")
                )
            funds = payments.payment_method_id.ssa_fund_id
            if len(funds) > 1:
                raise UserError(_("An order is paid by one food-allowance fund only."))
            order.lines._ssa_stamp_levels()
            if refunds:
                order._ssa_book_refund(funds, payments, refunds)
            elif funds.mode == "external":
                order._ssa_check_external(funds, payments)
            else:
                order._ssa_book_internal(funds, payments)

    def _ssa_beneficiary(self, fund, lock=False):
        """The order customer's wallet of ``fund``, or a refusal; with
        ``lock``: (wallet, balance read under its row lock)."""
        row = self.env["coop.ssa.beneficiary"]._find_participating(
            fund.id, self.partner_id.id, lock=lock
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
        ben = self.env["coop.ssa.beneficiary"].sudo().browse(row[0])
        return (ben, row[1]) if lock else ben

    def _ssa_price_context(self):
        """(pricelist, fiscal position) of the server's price on this till:
        the order's own only when the till offers them."""
        config = self.config_id
        pricelist = self.pricelist_id
        if pricelist not in config.available_pricelist_ids | config.pricelist_id:
            pricelist = config.pricelist_id
        fpos = self.fiscal_position_id
        if fpos not in config.fiscal_position_ids | config.default_fiscal_position_id:
            fpos = config.default_fiscal_position_id
        return pricelist, fpos

    def _ssa_figures(self):
        """{line: eligible amount}, eligible amount, amount due: recomputed
        from the lines, once per validation."""
        totals = self.lines._ssa_totals()
        by_line = self.lines._ssa_eligible_by_line(totals)
        round_ = self.currency_id.round
        return by_line, round_(sum(by_line.values())), round_(sum(totals.values()))

    def _ssa_check_cap(self, fund, amount):
        """Refuse an SSA ``amount`` over min(eligible, amount due) (the wallet
        checks its balance itself); return {line: eligible amount}."""
        by_line, eligible, due = self._ssa_figures()
        cap = min(eligible, due)
        if self.currency_id.compare_amounts(amount, cap) > 0:
            raise UserError(
                _(
                    "%(fund)s: SSA payment of %(amount)s refused. At most %(limit)s "
                    "can be paid (eligible products %(eligible)s, amount due "
                    "%(due)s).",
                    fund=fund.name,
                    amount=amount,
                    limit=cap,
                    eligible=eligible,
                    due=due,
                )
            )
        return by_line

    def _ssa_book_internal(self, fund, payments):
        ben, balance = self._ssa_beneficiary(fund, lock=True)
        vals_list = [
            {
                "amount": -payment.amount,
                "pos_order_id": self.id,
                "pos_payment_id": payment.id,
            }
            for payment in payments
        ]
        amount = sum(payments.mapped("amount"))
        if self.currency_id.compare_amounts(amount, 0) < 0:
            raise UserError(
                _(
                    "%(fund)s: a negative SSA payment is only possible on a refund.",
                    fund=fund.name,
                )
            )
        by_line = self._ssa_check_cap(fund, amount)
        balance = ben._wallet_debit(
            vals_list, locked_balance=balance, currency=fund.currency_id
        )
        ssa_flow(payments).write({"ssa_balance_after": balance})
        self._ssa_spread(amount, by_line)

    def _ssa_spread(self, amount, by_line):
        """Stamp on each line its share of the SSA ``amount``, in proportion to
        what is eligible on it (the last eligible line takes the rounding)."""
        eligible = {line: value for line, value in by_line.items() if value}
        total = sum(eligible.values())
        shares, left = {}, amount
        for index, (line, value) in enumerate(eligible.items()):
            share = (
                left
                if index == len(eligible) - 1
                else self.currency_id.round(amount * value / total)
            )
            shares[line] = share
            left -= share
        self.lines._ssa_stamp_amounts(shares)

    def _ssa_refund_shares(self, refunds):
        """{refund line: SSA share it gives back}, the rule of refunds.

        A refunded line gives back the SSA share of that line in proportion to
        the quantity refunded; a line paid in cash gives back nothing. A line
        cannot be refunded beyond the quantity sold (counting validated refunds).
        """
        done = self.env["pos.order.line"].search(
            [
                ("refunded_orderline_id", "in", refunds.refunded_orderline_id.ids),
                ("order_id.state", "in", PAID_STATES),
                ("id", "not in", refunds.ids),
            ]
        )
        refunded_qty = defaultdict(float)
        for line in done:
            refunded_qty[line.refunded_orderline_id] -= line.qty
        shares = {}
        for line in refunds:
            origin = line.refunded_orderline_id
            refunded_qty[origin] -= line.qty
            if origin.qty and refunded_qty[origin] > origin.qty + 1e-6:
                raise UserError(
                    _(
                        "%(product)s of order %(order)s is already refunded.",
                        product=origin.product_id.display_name,
                        order=origin.order_id.pos_reference or origin.order_id.name,
                    )
                )
            share = origin.ssa_amount * -line.qty / origin.qty if origin.qty else 0.0
            shares[line] = -self.currency_id.round(share)
        return shares

    def _ssa_book_refund(self, fund, payments, refunds):
        """Credit the wallet that paid with exactly the SSA share of the
        refunded lines: neither cash for SSA-paid goods nor the reverse."""
        shares = self._ssa_refund_shares(refunds)
        due = -sum(shares.values())
        amount = -sum(payments.mapped("amount"))
        if self.currency_id.compare_amounts(amount, due):
            raise UserError(
                _(
                    "This refund must give %(due)s back to the food-allowance wallet "
                    "(the SSA share of the refunded lines), and the rest in another "
                    "way; %(amount)s was entered.",
                    due=self.currency_id.round(due),
                    amount=self.currency_id.round(amount),
                )
            )
        if fund.mode == "external":
            self._ssa_check_references(fund, payments)
        if fund.mode != "internal":
            self.lines._ssa_stamp_amounts(shares)
            return
        origin = refunds.refunded_orderline_id.order_id[:1]
        paid = (
            self.env["coop.ssa.wallet.line"]
            .sudo()
            .search(
                [("pos_order_id", "=", origin.id), ("kind", "=", "payment")], limit=1
            )
        )
        if paid.fund_id != fund:
            raise UserError(
                _("%(fund)s did not pay the refunded order.", fund=fund.name)
            )
        ben = paid.beneficiary_id
        balance = ben._wallet_lock()[ben.id]
        ssa_flow(self.env["coop.ssa.wallet.line"].sudo()).create(
            [
                {
                    "beneficiary_id": ben.id,
                    "kind": "refund",
                    "amount": -payment.amount,
                    "pos_order_id": self.id,
                    "pos_payment_id": payment.id,
                    "origin_order_id": origin.id,
                }
                for payment in payments
            ]
        )
        ssa_flow(payments).write({"ssa_balance_after": balance + amount})
        self.lines._ssa_stamp_amounts(shares)

    def _ssa_check_external(self, fund, payments):
        """External funds: no wallet here, but eligibility and a reference are
        still required."""
        amount = sum(payments.mapped("amount"))
        by_line = self._ssa_check_cap(fund, amount)
        self._ssa_check_references(fund, payments)
        self._ssa_spread(amount, by_line)

    def _ssa_check_references(self, fund, payments):
        """An external fund's payment carries its reference or voucher numbers."""
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
            ssa_flow(payment).ssa_external_ref = ref
