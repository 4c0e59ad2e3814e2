# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SsaPosCase


@tagged("post_install", "-at_install")
class TestPosPayment(SsaPosCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Alice")
        cls._credit(cls.ben, 50.0)

    def test_balance_rpc(self):
        """The till reads the balance of the customer of the draft it synced."""
        Ben = self.env["coop.ssa.beneficiary"]
        order = self._draft(self.ben.partner_id, [(self.p_full, 1), (self.p_most, 2)])
        wallet = Ben.pos_ssa_wallet(self.fund.id, order.id)
        self.assertEqual((wallet["ok"], wallet["balance"]), (True, 50.0))
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        order = self._draft(stranger, [(self.p_full, 1)])
        wallet = Ben.pos_ssa_wallet(self.fund.id, order.id)
        self.assertFalse(wallet["ok"])
        self.assertNotIn("balance", wallet)

    def test_mixed_basket_part_ssa_part_cash(self):
        # eligible = 10 × 100 % + 10 × 70 % + 10 × 0 % = 17
        order = self._sync(
            self.ben.partner_id,
            [(self.p_full, 1), (self.p_most, 1), (self.p_none, 1)],
            [(self.ssa_pm, 17.0), (self.cash_pm, 13.0)],
        )
        self.assertEqual(order.state, "paid")
        self.assertEqual(self.ben.wallet_balance, 33.0)
        line = self.ben.wallet_line_ids.filtered(lambda x: x.kind == "payment")
        self.assertEqual((line.amount, line.pos_order_id), (-17.0, order))
        ssa_payment = order.payment_ids.filtered("payment_method_id.ssa_fund_id")
        self.assertEqual(ssa_payment.ssa_balance_after, 33.0)
        self.assertEqual(
            order.lines.sorted("id").mapped("ssa_rate"), [100.0, 70.0, 0.0]
        )

    def test_more_than_eligible_is_refused(self):
        with self.assertRaises(UserError):
            self._sync(
                self.ben.partner_id,
                [(self.p_most, 1), (self.p_none, 1)],
                [(self.ssa_pm, 10.0), (self.cash_pm, 10.0)],
            )
        self.assertEqual(self.ben.wallet_balance, 50.0)

    def test_overspend_is_refused(self):
        with self.assertRaises(UserError):
            self._sync(self.ben.partner_id, [(self.p_full, 6)], [(self.ssa_pm, 60.0)])
        self.assertEqual(self.ben.wallet_balance, 50.0)

    def test_customer_must_be_a_beneficiary(self):
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaises(UserError):
            self._sync(stranger, [(self.p_full, 1)], [(self.ssa_pm, 10.0)])

    def test_refund_credits_the_wallet_back(self):
        order = self._sync(
            self.ben.partner_id, [(self.p_full, 3)], [(self.ssa_pm, 30.0)]
        )
        self.assertEqual(self.ben.wallet_balance, 20.0)
        refunded = {self.p_full: order.lines}
        self._sync(
            self.ben.partner_id,
            [(self.p_full, -2)],
            [(self.ssa_pm, -20.0)],
            refunded_lines=refunded,
        )
        self.assertEqual(self.ben.wallet_balance, 40.0)
        with self.assertRaises(UserError):
            self._sync(
                self.ben.partner_id,
                [(self.p_full, -1)],
                [(self.ssa_pm, -20.0)],
                refunded_lines=refunded,
            )
        self.assertEqual(self.ben.wallet_balance, 40.0)

    def test_external_mode_records_reference(self):
        self.fund.mode = "external"
        data = self._order_data(
            self.ben.partner_id, [(self.p_full, 1)], [(self.ssa_pm, 10.0)]
        )
        with self.assertRaises(UserError):
            self.env["pos.order"].sync_from_ui([data])
        data = self._order_data(
            self.ben.partner_id, [(self.p_full, 1)], [(self.ssa_pm, 10.0)]
        )
        data["payment_ids"][0][2]["ssa_external_ref"] = "MONA-42"
        result = self.env["pos.order"].sync_from_ui([data])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.assertEqual(order.payment_ids.ssa_external_ref, "MONA-42")
        self.assertEqual(self.ben.wallet_balance, 50.0)

    def test_claim_books_and_reconciles(self):
        self._sync(self.ben.partner_id, [(self.p_full, 2)], [(self.ssa_pm, 20.0)])
        journal = self.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        self.fund.write(
            {"journal_id": journal.id, "clearing_account_id": self.clearing.id}
        )
        today = self.env["coop.ssa.fund"]._period_start()
        claim = self.env["coop.ssa.claim"].create(
            {"fund_id": self.fund.id, "date_from": today, "date_to": "2099-12-31"}
        )
        claim.action_collect_payments()
        self.assertEqual(claim.amount_total, 0.0, "the session is still open")
        self.assertEqual(claim.open_session_count, 1)
        self.session.post_closing_cash_details(0.0)
        self.session.close_session_from_ui()
        claim.action_collect_payments()
        self.assertEqual(claim.amount_total, 20.0)
        self.assertEqual(claim.wallet_line_ids.pos_order_id.session_id, self.session)
        claim.action_post()
        self.assertEqual(claim.state, "posted")
        receivable = claim._receivable_line()
        self.assertEqual(receivable.partner_id, self.fund_partner)
        action = claim.action_register_payment()
        wizard = (
            self.env["account.payment.register"]
            .with_context(**action["context"])
            .create({})
        )
        wizard.action_create_payments()
        self.assertEqual(claim.state, "paid")
        pdf, _fmt = self.env["ir.actions.report"]._render_qweb_pdf(
            "coop_ssa.action_report_coop_ssa_claim", claim.ids
        )
        self.assertTrue(pdf)

    def test_till_figures_are_not_trusted(self):
        data = self._order_data(
            self.ben.partner_id, [(self.p_full, 1)], [(self.ssa_pm, 40.0)]
        )
        line = data["lines"][0][2]
        line.update(price_subtotal=40.0, price_subtotal_incl=40.0)
        data.update(amount_total=40.0, amount_paid=40.0)
        with self.assertRaises(UserError):
            self.env["pos.order"].sync_from_ui([data])
        self.assertEqual(self.ben.wallet_balance, 50.0)

    def test_demo_shop_accepts_the_allowance(self):
        """The demo coop's main till offers the demo fund's payment method."""
        demo_method = self.env.ref("coop_ssa.demo_payment_method_ssa")
        shop = self.env.ref("point_of_sale.pos_config_main")
        self.assertIn(demo_method, shop.payment_method_ids)
        self.assertEqual(demo_method.ssa_fund_id, self.env.ref("coop_ssa.demo_fund"))


@tagged("post_install", "-at_install")
class TestValidationQueries(SsaPosCase):
    """The validation reads a basket in set-based queries: ten lines of ten
    products cost what one line costs (a query per line or per product, the
    coverage looked up product by product, would fail here)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Alice")
        cls._credit(cls.ben, 500.0)
        cls.categ.ssa_level_id = cls.level_30  # superuser: as a decision would
        cls.basket = [
            cls._product(f"Basket {i}", 2.0 + i, level=level, categ=categ)
            for i, (level, categ) in enumerate(
                [(cls.level_100, False), (False, cls.sub_categ), (False, False)] * 3
                + [(cls.level_70, False)]
            )
        ]

    def _validation_queries(self, products, expected=None):
        """Queries of the validation of a draft of ``products`` that pays the
        first one's price by SSA (cold record cache); ``expected``: assert it."""
        lines = [(product, 1) for product in products]
        amount = products[0].lst_price
        data = self._order_data(self.ben.partner_id, lines, [(self.ssa_pm, amount)])
        data["state"] = "draft"
        result = self.env["pos.order"].sync_from_ui([data])
        order = self.env["pos.order"].browse(result["pos.order"][0]["id"])
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        if expected is None:
            order._ssa_validate_payments()
        else:
            with self.assertQueryCount(expected):
                order._ssa_validate_payments()
        return self.cr.sql_log_count - before

    def test_ten_lines_cost_what_one_line_costs(self):
        self._validation_queries(self.basket[:1])  # warm the registry caches
        one = self._validation_queries(self.basket[:1])
        self.assertLessEqual(one, 30)
        self._validation_queries(self.basket, expected=one)
        self._validation_queries(self.basket[::-1], expected=one)
        # three sales pay 2 by SSA, the reversed basket its first product (11)
        self.assertEqual(self.ben.wallet_balance, 500.0 - 6.0 - 11.0)
