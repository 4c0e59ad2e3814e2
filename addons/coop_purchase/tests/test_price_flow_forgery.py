# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A client cannot pretend to be the price flow by sending its context key.

The price history and the closing of a review are written only inside the
price flow (apply a theoretical price, dismiss a review). Its mark is a Python
object no JSON-RPC request can carry: ``coop_price_flow=True`` sent in the
context, by a pricing manager or a buyer, is refused and writes nothing.
"""

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CoopPurchaseCase

FORGED = {"coop_price_flow": True}
FORGED_SOURCE = {
    "coop_price_source": {"trigger": "bill", "origin": "BILL/FORGED"},
    "coop_price_trigger": "bill",
    "coop_price_origin": "BILL/FORGED",
}


class CoopPriceFlowCase(CoopPurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tmpl = cls._product("Forged", 10.0, list_price=10.0, tax=cls.vat_20)
        cls.History = cls.env["coop.price.history"]
        cls.Review = cls.env["coop.price.review"]
        cls.Review.search([]).unlink()
        cls.tmpl.seller_ids.price = 11.0
        cls.review = cls.Review.search([("product_tmpl_id", "=", cls.tmpl.id)])
        cls.history_vals = {
            "product_tmpl_id": cls.tmpl.id,
            "old_price": 12.0,
            "new_price": 1.0,
        }
        cls.closing_vals = {"state": "applied", "applied_uid": cls.buyer.id}

    def assertSourceIgnored(self):
        self.assertEqual(self.tmpl.seller_ids.price, 12.0)
        self.assertEqual(self.review.new_supplier_price, 12.0)
        self.assertEqual(self.review.trigger, "vendor_price")
        self.assertFalse(self.review.origin)

    def assertNothingWritten(self):
        self.assertFalse(self.History.search([("product_tmpl_id", "=", self.tmpl.id)]))
        self.assertEqual(self.review.state, "pending")
        self.assertFalse(self.review.applied_uid)
        self.assertEqual(self.Review.search_count([]), 1)
        self.assertAlmostEqual(self.tmpl.list_price, 10.0)


@tagged("post_install", "-at_install")
class TestPriceFlowForgery(CoopPriceFlowCase):
    def test_forged_context_does_not_write_the_history(self):
        for user in (self.pricer, self.buyer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.History.with_user(user).with_context(**FORGED).create(
                    self.history_vals
                )
        self.assertNothingWritten()

    def test_forged_context_does_not_close_a_review(self):
        for user in (self.pricer, self.buyer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.review.with_user(user).with_context(**FORGED).write(
                    self.closing_vals
                )
        self.assertNothingWritten()

    def test_review_is_not_created_closed(self):
        vals = dict(self.closing_vals, product_tmpl_id=self.tmpl.id)
        with self.assertRaises(AccessError):
            self.Review.with_user(self.pricer).with_context(**FORGED).create(vals)
        self.assertNothingWritten()

    def test_forged_source_does_not_label_a_review(self):
        seller = self.tmpl.seller_ids.with_user(self.buyer)
        seller.with_context(**FORGED_SOURCE).write({"price": 12.0})
        self.assertSourceIgnored()

    def test_the_flows_still_write(self):
        self.review.with_user(self.pricer).action_dismiss()
        self.assertEqual(self.review.state, "dismissed")
        self.assertEqual(self.review.applied_uid, self.pricer)
        self.tmpl.with_user(self.pricer).action_coop_apply_theoretical_price()
        history = self.tmpl.coop_price_history_ids
        self.assertEqual(history.user_id, self.pricer)
        self.assertAlmostEqual(history.new_price, 15.84)


@tagged("post_install", "-at_install")
class TestPriceFlowForgeryRpc(HttpCase, CoopPriceFlowCase):
    """The same attacks through ``/web/dataset/call_kw``, as a client sends them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for user in (cls.pricer, cls.buyer):
            user.password = user.login

    @mute_logger("odoo.http")
    def _rpc(self, user, model, method, args, kwargs):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_forged_context_does_not_write_the_history(self):
        for user in (self.pricer, self.buyer):
            with self.subTest(user=user.login), self.assertRaises(JsonRpcException):
                self._rpc(
                    user,
                    "coop.price.history",
                    "create",
                    [self.history_vals],
                    {"context": FORGED},
                )
        self.assertNothingWritten()

    def test_forged_context_does_not_close_a_review(self):
        for user in (self.pricer, self.buyer):
            with self.subTest(user=user.login), self.assertRaises(JsonRpcException):
                self._rpc(
                    user,
                    "coop.price.review",
                    "write",
                    [self.review.ids, self.closing_vals],
                    {"context": FORGED},
                )
        self.assertNothingWritten()

    def test_forged_source_does_not_label_a_review(self):
        self._rpc(
            self.buyer,
            "product.supplierinfo",
            "write",
            [self.tmpl.seller_ids.ids, {"price": 12.0}],
            {"context": FORGED_SOURCE},
        )
        self.assertSourceIgnored()
