# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each rule of the allowance's money path, attacked by the role that could
break it, calling the server's public methods as a forged client would."""

import json

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SsaPosCase


@tagged("post_install", "-at_install")
class TestMoneyPathAttacks(SsaPosCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Alice")
        cls._credit(cls.ben, 50.0)
        cls.cashier = new_test_user(
            cls.env,
            login="atk_cashier",
            groups="point_of_sale.group_pos_user,coop_ssa.group_ssa_cashier",
        )
        cls.till_user = new_test_user(
            cls.env, login="atk_till", groups="point_of_sale.group_pos_user"
        )
        cls.pos_manager = new_test_user(
            cls.env,
            login="atk_pos_manager",
            groups="point_of_sale.group_pos_manager,product.group_product_manager",
        )
        cls.contacts = new_test_user(
            cls.env, login="atk_contacts", groups="base.group_partner_manager"
        )
        cls.desk = new_test_user(
            cls.env, login="atk_desk", groups="coop_membership.group_coop_member_desk"
        )
        cls.officer = new_test_user(
            cls.env, login="atk_officer", groups="coop_ssa.group_ssa_officer"
        )
        cls.manager = new_test_user(
            cls.env, login="atk_manager", groups="coop_ssa.group_ssa_manager"
        )

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def _sync_as(self, user, partner, lines, payments, state="paid", **kw):
        data = self._order_data(partner, lines, payments, **kw)
        data["state"] = state
        result = self.env["pos.order"].with_user(user).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _money(self):
        """(balance, ledger lines, what a claim of the fund would be, anomalies)."""
        self.env.invalidate_all()
        lines = self.ben.wallet_line_ids
        claimed = lines.filtered(lambda x: x.kind in ("payment", "refund"))
        claim = self.env["coop.ssa.claim"].new(
            {
                "fund_id": self.fund.id,
                "date_from": "2020-01-01",
                "date_to": "2099-12-31",
            }
        )
        return (
            self.ben.wallet_balance,
            sorted(zip(lines.ids, lines.mapped("amount"), strict=True)),
            -sum(claimed.mapped("amount")),
            claim._find_anomalies()[0],
        )

    def _assert_refused(self, exc, func, *args, **kwargs):
        before = self._money()
        with self.assertRaises(exc):
            func(*args, **kwargs)
        self.assertEqual(self._money(), before)

    def _ssa_sale(self, amount=10.0, product=None):
        return self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(product or self.p_full, 1)],
            [(self.ssa_pm, amount)],
        )

    # ------------------------------------------------------------------
    # 1. claims come from the ledger; SSA payments are immutable
    # ------------------------------------------------------------------
    def test_1_cashier_cannot_change_booked_ssa_payments(self):
        order = self._ssa_sale()
        payment = order.payment_ids.with_user(self.cashier)
        self._assert_refused(UserError, payment.write, {"amount": 40.0})
        self._assert_refused(
            UserError,
            order.with_user(self.cashier).write,
            {"payment_ids": [Command.update(payment.id, {"amount": 40.0})]},
        )
        self._assert_refused(UserError, payment.unlink)
        cash_order = self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(self.p_none, 1)],
            [(self.cash_pm, 10.0)],
        )
        Payment = self.env["pos.payment"].with_user(self.cashier)
        self._assert_refused(
            UserError,
            Payment.create,
            {
                "pos_order_id": cash_order.id,
                "amount": 10.0,
                "payment_method_id": self.ssa_pm.id,
            },
        )
        self._assert_refused(
            UserError,
            cash_order.payment_ids.with_user(self.cashier).write,
            {"payment_method_id": self.ssa_pm.id},
        )
        self._assert_refused(
            UserError,
            cash_order.with_user(self.cashier).add_payment,
            {
                "pos_order_id": cash_order.id,
                "amount": 10.0,
                "payment_method_id": self.ssa_pm.id,
                "payment_date": "2026-01-01",
            },
        )

    def test_1_claim_is_the_ledger_and_lists_mismatches(self):
        order = self._ssa_sale()
        payment = order.payment_ids
        self.session.post_closing_cash_details(0.0)
        self.session.close_session_from_ui()
        # a row changed behind the ORM's back (the ORM refuses it)
        self.env.cr.execute(
            "UPDATE pos_payment SET amount = 40 WHERE id = %s", [payment.id]
        )
        self.env.invalidate_all()
        claim = (
            self.env["coop.ssa.claim"]
            .with_user(self.officer)
            .create(
                {
                    "fund_id": self.fund.id,
                    "date_from": "2020-01-01",
                    "date_to": "2099-12-31",
                }
            )
        )
        claim.action_collect_payments()
        self.assertEqual(claim.amount_total, 10.0)
        self.assertEqual(claim.anomaly_count, 1)
        self.assertIn("40", claim.anomaly_html)

    # ------------------------------------------------------------------
    # 2. a draft cannot carry an unchecked SSA payment into "paid"
    # ------------------------------------------------------------------
    def test_2_draft_then_paid_goes_through_the_check(self):
        order = self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(self.p_none, 4)],
            [(self.ssa_pm, 40.0)],
            state="draft",
        )
        self.assertEqual(order.state, "draft")
        self._assert_refused(
            UserError, order.with_user(self.cashier).action_pos_order_paid
        )
        self._assert_refused(
            UserError, order.with_user(self.cashier).write, {"state": "paid"}
        )
        self.assertEqual(order.state, "draft")

    def test_2_draft_then_paid_books_a_valid_payment(self):
        order = self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(self.p_full, 2)],
            [(self.ssa_pm, 20.0)],
            state="draft",
        )
        self.assertEqual(self.ben.wallet_balance, 50.0)
        order.with_user(self.cashier).action_pos_order_paid()
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.ben.wallet_balance, 30.0)

    # ------------------------------------------------------------------
    # 3. refunds per refunded line, to the wallet, never cash
    # ------------------------------------------------------------------
    def _mixed_sale(self):
        return self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(self.p_full, 2), (self.p_none, 1)],
            [(self.ssa_pm, 20.0), (self.cash_pm, 10.0)],
        )

    def _refund_as(self, order, product, qty, payments):
        origin = order.lines.filtered(lambda x: x.product_id == product)
        return self._sync_as(
            self.cashier,
            self.ben.partner_id,
            [(product, qty)],
            payments,
            refunded_lines={product: origin},
        )

    def test_3_ssa_paid_line_is_not_refunded_in_cash(self):
        order = self._mixed_sale()
        self._assert_refused(
            UserError, self._refund_as, order, self.p_full, -1, [(self.cash_pm, -10.0)]
        )

    def test_3_cash_paid_line_never_credits_the_wallet(self):
        order = self._mixed_sale()
        self._assert_refused(
            UserError, self._refund_as, order, self.p_none, -1, [(self.ssa_pm, -10.0)]
        )
        self._refund_as(order, self.p_none, -1, [(self.cash_pm, -10.0)])
        self.assertEqual(self.ben.wallet_balance, 30.0)

    def test_3_refund_gives_the_line_share_back_once(self):
        order = self._mixed_sale()
        self._refund_as(order, self.p_full, -1, [(self.ssa_pm, -10.0)])
        self.assertEqual(self.ben.wallet_balance, 40.0)
        self._refund_as(order, self.p_full, -1, [(self.ssa_pm, -10.0)])
        self.assertEqual(self.ben.wallet_balance, 50.0)
        self._assert_refused(
            UserError, self._refund_as, order, self.p_full, -1, [(self.ssa_pm, -10.0)]
        )

    # ------------------------------------------------------------------
    # 4. the eligible amount comes from the server's price
    # ------------------------------------------------------------------
    def test_4_price_sent_by_the_till_does_not_raise_eligibility(self):
        data = self._order_data(
            self.ben.partner_id, [(self.p_full, 1)], [(self.ssa_pm, 45.0)]
        )
        line = data["lines"][0][2]
        line.update(price_unit=45.0, price_subtotal=45.0, price_subtotal_incl=45.0)
        data.update(amount_total=45.0, amount_paid=45.0)
        sync = self.env["pos.order"].with_user(self.cashier).sync_from_ui
        self._assert_refused(UserError, sync, [data])
        data = self._order_data(
            self.ben.partner_id,
            [(self.p_full, 1)],
            [(self.ssa_pm, 10.0), (self.cash_pm, 35.0)],
        )
        data["lines"][0][2].update(price_unit=45.0, price_subtotal_incl=45.0)
        data.update(amount_total=45.0, amount_paid=45.0)
        sync([data])
        self.assertEqual(self.ben.wallet_balance, 40.0)

    # ------------------------------------------------------------------
    # 5. coverage only through an applied committee decision
    # ------------------------------------------------------------------
    def test_5_coverage_is_not_set_by_hand(self):
        supplier = self.env["res.partner"].create({"name": "Farm"})
        attacks = [
            (self.contacts, supplier, {"ssa_level_id": self.level_100.id}),
            (self.pos_manager, self.p_none, {"ssa_level_id": self.level_100.id}),
            (
                self.pos_manager,
                self.p_none.product_tmpl_id,
                {"ssa_level_id": self.level_100.id},
            ),
            (self.pos_manager, self.categ, {"ssa_level_id": self.level_100.id}),
            (self.officer, self.p_full, {"ssa_level_id": False}),
        ]
        for user, record, vals in attacks:
            with (
                self.subTest(user=user.login, model=record._name),
                self.assertRaises(AccessError),
            ):
                record.with_user(user).write(vals)
        self.assertFalse(supplier.ssa_level_id | self.p_none.ssa_level_id)
        self.assertEqual(self.p_full.ssa_level_id, self.level_100)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(self.contacts).create(
                {"name": "Forged", "ssa_level_id": self.level_100.id}
            )
        self._assert_refused(
            UserError,
            self._sync_as,
            self.cashier,
            self.ben.partner_id,
            [(self.p_none, 1)],
            [(self.ssa_pm, 10.0)],
        )

    def test_5_only_ssa_managers_apply_decisions(self):
        decision = self.env["coop.ssa.decision"].create(
            {
                "name": "Soda",
                "target": "product",
                "product_tmpl_id": self.p_none.product_tmpl_id.id,
                "level_id": self.level_30.id,
                "outcome": "approved",
            }
        )
        with self.assertRaises(AccessError):
            decision.with_user(self.officer).action_apply()
        self.assertFalse(self.p_none.ssa_level_id)
        decision.with_user(self.manager).action_apply()
        self.assertEqual(self.p_none.ssa_level_id, self.level_30)

    # ------------------------------------------------------------------
    # 6. the balance is the ledger; manual lines are managers' corrections
    # ------------------------------------------------------------------
    def test_6_balance_is_never_written(self):
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                self._assert_refused(
                    UserError, self.ben.with_user(user).write, {"wallet_balance": 999}
                )

    def test_6_ledger_lines_by_hand(self):
        Line = self.env["coop.ssa.wallet.line"]
        base = {"beneficiary_id": self.ben.id, "amount": 500.0, "note": "Forged"}
        self._assert_refused(
            AccessError,
            Line.with_user(self.officer).create,
            {**base, "kind": "correction"},
        )
        self._assert_refused(
            AccessError,
            Line.with_user(self.cashier).create,
            {**base, "kind": "correction"},
        )
        as_manager = Line.with_user(self.manager)
        for vals in (
            {**base, "kind": "allotment"},
            {**base, "kind": "refund"},
            {**base, "kind": "correction", "note": ""},
            {**base, "kind": "correction", "period": "2020-01-01"},
        ):
            with self.subTest(vals=vals):
                self._assert_refused(UserError, as_manager.create, vals)
        line = self.ben.wallet_line_ids[:1]
        self._assert_refused(
            UserError, line.with_user(self.manager).write, {"amount": 1}
        )
        as_manager.create({**base, "kind": "correction", "note": "Lost card"})
        self.assertEqual(self.ben.wallet_balance, 550.0)

    # ------------------------------------------------------------------
    # 7. allotment and SSA payments are for SSA roles
    # ------------------------------------------------------------------
    def test_7_allotment_is_for_ssa_officers(self):
        for user in (self.till_user, self.cashier, self.desk):
            with self.subTest(user=user.login):
                self._assert_refused(
                    AccessError,
                    self.fund.with_user(user).action_allot_current_period,
                )

    def test_7_till_user_without_ssa_group_cannot_pay_by_ssa(self):
        self._assert_refused(
            AccessError,
            self._sync_as,
            self.till_user,
            self.ben.partner_id,
            [(self.p_full, 1)],
            [(self.ssa_pm, 10.0)],
        )
        methods = self.env["pos.payment.method"].with_user(self.till_user)
        domain = methods._load_pos_data_domain({})
        self.assertNotIn(self.ssa_pm, methods.search(domain))

    def test_7_cashier_cannot_enumerate_wallets(self):
        Ben = self.env["coop.ssa.beneficiary"].with_user(self.cashier)
        with self.assertRaises(AccessError):
            Ben.search_read([], ["partner_id", "wallet_balance"])
        with self.assertRaises(AccessError):
            self.ben.with_user(self.cashier).read(["wallet_balance"])

    def test_7_cashier_reads_only_the_balance_of_the_order_customer(self):
        """The cashier's own draft for Alice answers; every other question
        (a partner id, another cashier's draft, a paid order, a closed till) is
        refused with the same words, which tell neither balance nor existence."""
        Ben = self.env["coop.ssa.beneficiary"].with_user(self.cashier)
        other = new_test_user(
            self.env,
            login="atk_cashier2",
            groups="point_of_sale.group_pos_user,coop_ssa.group_ssa_cashier",
        )
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        partner = self.ben.partner_id
        own = self._draft(partner, [(self.p_full, 1)], user=self.cashier)
        others = self._draft(partner, [(self.p_full, 1)], user=other)
        paid = self._sync_as(
            self.cashier, partner, [(self.p_none, 1)], [(self.cash_pm, 10.0)]
        )
        self.assertEqual(Ben.pos_ssa_wallet(self.fund.id, own.id)["balance"], 50.0)
        before = self._money()
        refusals = set()
        for order_id in (partner.id, stranger.id, others.id, paid.id, own.id + 999):
            with self.subTest(order_id=order_id):
                with self.assertRaises(AccessError) as caught:
                    Ben.pos_ssa_wallet(self.fund.id, order_id)
                refusals.add(str(caught.exception))
        self.assertEqual(len(refusals), 1)
        self.assertNotIn("50", refusals.pop())
        # the till's closing screen (drafts would stop a real closing)
        self.session.write({"state": "closing_control"})
        with self.assertRaises(AccessError):
            Ben.pos_ssa_wallet(self.fund.id, own.id)
        self.assertEqual(self._money(), before)

    # ------------------------------------------------------------------
    # 8. cashiers do not read the ledger (allotments tell the household size)
    # ------------------------------------------------------------------
    def test_8_cashier_cannot_read_allotment_lines(self):
        self.fund._allot(self.fund._period_start())
        Line = self.env["coop.ssa.wallet.line"].with_user(self.cashier)
        with self.assertRaises(AccessError):
            Line.search_read([("kind", "=", "allotment")], ["amount"])
        with self.assertRaises(AccessError):
            self.ben.with_user(self.cashier).read(["wallet_line_ids"])
        with self.assertRaises(AccessError):
            self.ben.partner_id.with_user(self.cashier).read(["ssa_beneficiary_ids"])


@tagged("post_install", "-at_install")
class TestBalanceReadOverJsonRpc(SsaPosCase, HttpCase):
    """Rule 7 over the wire: a logged-in SSA cashier asking the balance RPC
    about a partner (not an order of theirs) learns nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Alice")
        cls._credit(cls.ben, 50.0)
        cls.session = None  # HttpCase's HTTP session, not the till's
        cls.cashier = new_test_user(
            cls.env,
            login="rpc_cashier",
            groups="point_of_sale.group_pos_user,coop_ssa.group_ssa_cashier",
        )

    def _ask(self, order_id):
        self.authenticate("rpc_cashier", "rpc_cashier")
        return self.url_open(
            "/web/dataset/call_kw/coop.ssa.beneficiary/pos_ssa_wallet",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "coop.ssa.beneficiary",
                        "method": "pos_ssa_wallet",
                        "args": [self.fund.id, order_id],
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()

    @mute_logger("odoo.http")
    def test_cashier_asks_another_partner_over_json_rpc(self):
        own = self._draft(self.ben.partner_id, [(self.p_full, 1)], user=self.cashier)
        self.assertEqual(self._ask(own.id)["result"]["balance"], 50.0)
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        answers = [self._ask(pid) for pid in (self.ben.partner_id.id, stranger.id)]
        for answer in answers:
            self.assertNotIn("result", answer)
            self.assertEqual(
                answer["error"]["data"]["name"], "odoo.exceptions.AccessError"
            )
            self.assertNotIn("50", answer["error"]["data"]["message"])
        self.assertEqual(*(a["error"]["data"]["message"] for a in answers))
        self.assertEqual(self.ben.wallet_balance, 50.0)
