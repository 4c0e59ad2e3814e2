# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CoopPosCase


@tagged("at_install", "-post_install")
class TestSuggestion(CoopPosCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.farm.write({"coop_order_cycle_days": 5, "coop_min_order_amount": 100.0})
        cls.egg = cls._product("Œufs test", 5.0, list_price=7.0)
        cls.egg.seller_ids.delay = 2  # horizon 2 + 5 = 7 days
        cls.egg_variant = cls.egg.product_variant_id
        cls.env["product.packaging"].create(
            {"name": "Plateau 6", "product_id": cls.egg_variant.id, "qty": 6}
        )
        cls.other = cls._product("Grossiste test produit", 2.0, supplier=cls.wholesaler)
        cls._sale([(cls.egg_variant, 8, 0.0)], days_ago=2)
        cls._sale([(cls.egg_variant, 6, 0.0)], days_ago=5)
        cls._sale([(cls.egg_variant, 100, 0.0)], days_ago=20)  # before the period
        stock = cls.env.ref("stock.stock_location_stock")
        cls.env["stock.quant"]._update_available_quantity(cls.egg_variant, stock, 3.0)
        cls.Suggestion = cls.env["coop.purchase.suggestion"]

    def _one(self, daily, on_hand, incoming, horizon, pack):
        egg = self.egg_variant
        return self.Suggestion._suggest_one(
            egg.id, egg.uom_id, egg.uom_po_id, daily, on_hand, incoming, horizon, pack
        )

    def test_arithmetic_cover_and_packaging(self):
        row = self._one(2.0, 5.0, 3.0, 10, 0.0)
        self.assertEqual(row["qty_suggested"], 12.0)  # 2 × 10 − 5 − 3
        row = self._one(2.0, 5.0, 3.0, 10, 5.0)
        self.assertEqual(row["qty_suggested"], 15.0)  # rounded up to 3 packs of 5
        row = self._one(2.0, 30.0, 0.0, 10, 6.0)
        self.assertEqual(row["qty_suggested"], 0.0, "enough stock")

    def test_arithmetic_purchase_unit(self):
        self.egg.uom_po_id = self.dozen
        row = self._one(1.3, 0.0, 0.0, 10, 0.0)
        self.assertAlmostEqual(row["qty_suggested"], 1.09)  # 13 eggs, in dozens
        row = self._one(1.3, 0.0, 0.0, 10, 12.0)
        self.assertEqual(row["qty_suggested"], 2.0)  # packs of a dozen

    def _wizard(self, user=None):
        wizard = self.Suggestion.with_user(user or self.env.user).create(
            {"partner_id": self.farm.id, "sales_days": 7}
        )
        wizard.action_compute()
        return wizard

    def test_from_till_sales_stock_and_lead_time(self):
        wizard = self._wizard(self.buyer)
        line = wizard.line_ids.filtered(lambda ln: ln.product_id == self.egg_variant)
        self.assertEqual(wizard.line_ids.partner_id, self.farm)
        self.assertAlmostEqual(line.daily_sales, 2.0)  # 14 in 7 days
        self.assertEqual(line.qty_available, 3.0)
        self.assertEqual(line.horizon_days, 7)
        self.assertEqual(line.qty_suggested, 12.0)  # 2 × 7 − 3 = 11 → 2 packs of 6
        self.assertAlmostEqual(line.cover_days, 7.5)  # (3 + 12) / 2
        all_products = self.Suggestion.create({"sales_days": 7})
        all_products.action_compute()
        self.assertIn(self.other.product_variant_id, all_products.line_ids.product_id)

    def test_minimum_order_then_draft_order(self):
        wizard = self._wizard(self.buyer)
        line = wizard.line_ids.filtered(lambda ln: ln.product_id == self.egg_variant)
        self.assertTrue(line.below_minimum)  # 12 × 5.00 < 100.00
        orders = self.env["purchase.order"].search_count([])
        with self.assertRaises(UserError):
            wizard.action_create_orders()
        self.assertEqual(self.env["purchase.order"].search_count([]), orders)
        wizard.line_ids = [Command.update(line.id, {"qty_to_order": 24})]
        self.assertFalse(line.below_minimum)
        self.assertAlmostEqual(line.cover_days, 13.5)
        action = wizard.action_create_orders()
        order = self.env["purchase.order"].browse(action["res_id"])
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.farm)
        self.assertEqual(order.order_line.product_qty, 24.0)
        self.assertEqual(order.order_line.price_unit, 5.0)

    def test_set_based_queries(self):
        """Suggestions for many products take a bounded number of queries."""
        for i in range(5):
            self._product(f"Batch {i}", 1.0)
        self.env.invalidate_all()
        end = datetime.now()
        with self.assertQueryCount(__system__=20):
            self.Suggestion._suggest(self.farm, end - timedelta(days=7), end)
