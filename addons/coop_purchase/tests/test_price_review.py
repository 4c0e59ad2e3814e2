# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged, users

from .common import CoopPurchaseCase


@tagged("at_install", "-post_install")
class TestPriceReview(CoopPurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmpl = cls._product("Reviewed", 10.0, list_price=10.0, tax=cls.vat_20)
        cls.other = cls._product("Other", 5.0, list_price=5.0, tax=cls.vat_20)
        cls.Review = cls.env["coop.price.review"]
        cls.Review.search([]).unlink()

    def _reviews(self, tmpl=None):
        return self.Review.search([("product_tmpl_id", "=", (tmpl or self.tmpl).id)])

    def test_new_vendor_price_puts_the_product_on_review(self):
        self.tmpl.seller_ids.price = 11.0
        review = self._reviews()
        self.assertEqual(len(review), 1)
        self.assertEqual(review.trigger, "vendor_price")
        self.assertEqual(
            (review.old_supplier_price, review.new_supplier_price), (10, 11)
        )
        self.assertAlmostEqual(review.current_price, 12.0)
        self.assertAlmostEqual(review.theoretical_price, 15.84)  # 11 × 1.2 × 1.2
        self.assertAlmostEqual(review.difference, 3.84)
        self.tmpl.seller_ids.price = 12.0
        self.assertEqual(len(self._reviews()), 1, "one review per product")
        self.assertEqual(self._reviews().new_supplier_price, 12.0)

    def test_same_price_or_other_vendor_does_not(self):
        self.tmpl.seller_ids.price = 10.0
        self.tmpl.seller_ids = [
            Command.create(
                {"partner_id": self.wholesaler.id, "price": 8.0, "sequence": 9}
            )
        ]
        self.tmpl.seller_ids.filtered(
            lambda s: s.partner_id == self.wholesaler
        ).price = 7
        self.assertFalse(self._reviews())

    def _purchase(self, tmpl, price, qty=1.0):
        order = self.env["purchase.order"].create(
            {
                "partner_id": self.farm.id,
                "order_line": [
                    Command.create(
                        {"product_id": tmpl.product_variant_id.id, "product_qty": qty}
                    )
                ],
            }
        )
        order.order_line.price_unit = price
        return order

    def test_confirmed_purchase_at_another_price(self):
        order = self._purchase(self.tmpl, 12.0)
        self.assertFalse(self._reviews(), "a draft order changes nothing")
        order.with_user(self.buyer).button_confirm()
        self.assertEqual(self.tmpl.seller_ids.price, 12.0)
        review = self._reviews()
        self.assertEqual(review.trigger, "purchase")
        self.assertEqual(review.origin, order.name)

    def test_confirmed_purchase_at_the_same_price(self):
        self._purchase(self.tmpl, 10.0).button_confirm()
        self.assertFalse(self._reviews())

    def test_vendor_bill_at_another_price(self):
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.farm.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.tmpl.product_variant_id.id,
                            "quantity": 3,
                            "price_unit": 13.0,
                        }
                    )
                ],
            }
        )
        bill.action_post()
        review = self._reviews()
        self.assertEqual(review.trigger, "bill")
        self.assertEqual(review.origin, bill.name)
        self.assertEqual(self.tmpl.seller_ids.price, 13.0)

    def test_pricing_manager_applies_a_selection(self):
        self.tmpl.seller_ids.price = 11.0
        self.other.seller_ids.price = 6.0
        self._reviews().with_user(self.pricer).action_apply()
        self.assertAlmostEqual(self.tmpl.list_price, 13.2)
        self.assertAlmostEqual(self.other.list_price, 5.0, msg="not selected")
        self.assertEqual(self._reviews().state, "applied")
        self.assertEqual(self._reviews().applied_uid, self.pricer)
        self.assertEqual(self._reviews(self.other).state, "pending")
        history = self.tmpl.coop_price_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.user_id, self.pricer)
        self.assertAlmostEqual(history.old_price, 12.0)
        self.assertAlmostEqual(history.new_price, 15.84)
        self.assertTrue(self.tmpl.coop_label_pending)
        self.assertFalse(self.other.coop_label_pending)

    def test_pricing_manager_applies_all(self):
        self.tmpl.seller_ids.price = 11.0
        self.other.seller_ids.price = 6.0
        self.Review.with_user(self.pricer).action_apply_all()
        self.assertAlmostEqual(self.tmpl.list_price, 13.2)
        self.assertAlmostEqual(self.other.list_price, 7.2)
        self.assertFalse(self.Review.search([("state", "=", "pending")]))
        queue = self.env["product.template"].search([("coop_label_pending", "=", True)])
        self.assertEqual((self.tmpl | self.other) & queue, self.tmpl | self.other)

    @users("coop_purchase_buyer")
    def test_buyer_may_not_apply_nor_dismiss(self):
        self.tmpl.seller_ids.price = 11.0
        review = self._reviews().with_env(self.env)
        with self.assertRaises(AccessError):
            review.action_apply()
        with self.assertRaises(AccessError):
            self.env["coop.price.review"].action_apply_all()
        with self.assertRaises(AccessError):
            self.tmpl.with_env(self.env).action_coop_apply_theoretical_price()
        with self.assertRaises(AccessError):
            review.action_dismiss()
        self.assertAlmostEqual(self.tmpl.list_price, 10.0)
        self.assertEqual(self._reviews().state, "pending")
        self.assertFalse(self.tmpl.coop_price_history_ids)
        self.assertFalse(self.tmpl.coop_label_pending)

    def test_dismiss_keeps_the_price(self):
        self.tmpl.seller_ids.price = 11.0
        self._reviews().with_user(self.pricer).action_dismiss()
        self.assertEqual(self._reviews().state, "dismissed")
        self.assertAlmostEqual(self.tmpl.list_price, 10.0)

    @users("coop_purchase_pricer", "coop_purchase_buyer")
    def test_history_is_written_by_the_flow_only(self):
        vals = {"product_tmpl_id": self.tmpl.id, "old_price": 1, "new_price": 2}
        with self.assertRaises(AccessError):
            self.env["coop.price.history"].create(vals)
        history = self.tmpl.coop_price_history_ids
        self.assertFalse(history)

    @users("coop_purchase_buyer")
    def test_history_flow_needs_a_pricing_manager(self):
        vals = {"product_tmpl_id": self.tmpl.id, "old_price": 1, "new_price": 2}
        History = self.env["coop.price.history"].with_context(coop_price_flow=True)
        with self.assertRaises(AccessError):
            History.create(vals)
        self.assertFalse(self.tmpl.coop_price_history_ids)

    def test_review_is_closed_by_its_actions_only(self):
        self.tmpl.seller_ids.price = 11.0
        review = self._reviews().with_user(self.pricer)
        with self.assertRaises(AccessError):
            review.write({"state": "applied"})
        with self.assertRaises(AccessError):
            review.with_user(self.buyer).with_context(coop_price_flow=True).write(
                {"state": "dismissed"}
            )
        self.assertEqual(self._reviews().state, "pending")
        self.assertAlmostEqual(self.tmpl.list_price, 10.0)
