# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CoopPurchaseCase


@tagged("at_install", "-post_install")
class TestPricing(CoopPurchaseCase):
    """One test per rule of the margin policy (producer price 10.00, VAT 20 %)."""

    def _price(self, tmpl):
        tmpl.invalidate_recordset()
        return tmpl.coop_theoretical_price

    def test_markup_on_cost(self):
        tmpl = self._product("Markup", 10.0, tax=self.vat_20)
        self.assertAlmostEqual(self._price(tmpl), 14.40)  # 10 × 1.20 × 1.20
        self.assertAlmostEqual(tmpl.coop_margin_amount, 2.0)
        self.assertEqual(tmpl.coop_margin_source, "company")

    def test_margin_rate_on_sale_price(self):
        self.company.coop_margin_mode = "margin"
        tmpl = self._product("Margin rate", 10.0, tax=self.vat_20)
        self.assertAlmostEqual(self._price(tmpl), 15.00)  # 10 / 0.80 × 1.20
        self.assertAlmostEqual(tmpl.coop_margin_amount, 2.5)
        self.assertAlmostEqual(tmpl.coop_theoretical_list_price, 12.5)

    def test_margin_rate_of_100_is_refused(self):
        self.company.coop_margin_mode = "margin"
        with self.assertRaises(ValidationError):
            self.categ.coop_margin_rate = 100.0

    def test_product_margin_wins(self):
        self.farm.coop_margin_rate = 25.0
        self.categ.coop_margin_rate = 10.0
        tmpl = self._product("Own", 10.0, tax=self.vat_20, coop_margin_rate=30.0)
        self.assertAlmostEqual(self._price(tmpl), 15.60)
        self.assertEqual(tmpl.coop_margin_source, "product")

    def test_supplier_margin_wins_over_category(self):
        self.farm.coop_margin_rate = 25.0
        self.categ.coop_margin_rate = 10.0
        tmpl = self._product("Supplier", 10.0, tax=self.vat_20)
        self.assertAlmostEqual(self._price(tmpl), 15.00)
        self.assertEqual(tmpl.coop_margin_source, "supplier")

    def test_category_margin_nearest_up_the_tree(self):
        self.categ.coop_margin_rate = 50.0
        child = self.env["product.category"].create(
            {"name": "Child", "parent_id": self.categ.id}
        )
        tmpl = self._product("Child categ", 10.0, tax=self.vat_20, categ_id=child.id)
        self.assertAlmostEqual(self._price(tmpl), 18.00)
        child.coop_margin_rate = 10.0
        self.assertAlmostEqual(self._price(tmpl), 13.20)
        self.assertEqual(tmpl.coop_margin_source, "category")

    def test_cost_coefficients_of_supplier_and_category(self):
        self.farm.coop_cost_rate = 3.0
        self.categ.coop_cost_rate = 2.0
        tmpl = self._product("Costs", 10.0, tax=self.vat_20)
        self.assertAlmostEqual(self._price(tmpl), 15.12)  # 10.50 × 1.20 × 1.20
        self.assertAlmostEqual(tmpl.coop_producer_price, 10.0)
        self.assertAlmostEqual(tmpl.coop_cost_amount, 0.5)
        self.assertAlmostEqual(tmpl.coop_margin_amount, 2.1)
        self.assertAlmostEqual(tmpl.coop_vat_amount, 2.52)

    def test_unit_conversion_from_purchase_unit(self):
        """Bought by the dozen at 120.00, sold by the unit: 10.00 a unit."""
        tmpl = self._product(
            "Dozen",
            120.0,
            tax=self.vat_20,
            uom_id=self.unit.id,
            uom_po_id=self.dozen.id,
        )
        self.assertAlmostEqual(tmpl.coop_producer_price, 10.0)
        self.assertAlmostEqual(self._price(tmpl), 14.40)

    def test_weighed_product_bought_by_the_kg_sold_by_100_g(self):
        hundred_g = self.env["uom.uom"].create(
            {
                "name": "100 g test",
                "category_id": self.kg.category_id.id,
                "uom_type": "smaller",
                "factor": 10.0,
            }
        )
        tmpl = self._product(
            "Weighed", 100.0, tax=self.vat_20, uom_id=hundred_g.id, uom_po_id=self.kg.id
        )
        self.assertAlmostEqual(tmpl.coop_producer_price, 10.0)
        self.assertAlmostEqual(self._price(tmpl), 14.40)

    def test_vendor_discount(self):
        tmpl = self._product("Discount", 12.5, tax=self.vat_20)
        tmpl.seller_ids.discount = 20.0
        self.assertAlmostEqual(self._price(tmpl), 14.40)

    def test_rounding_steps(self):
        tmpl = self._product("Rounding", 10.37, tax=self.vat_20)  # 14.9328 incl. VAT
        for step, expected in (("0.01", 14.93), ("0.05", 14.95), ("0.10", 14.90)):
            self.company.coop_price_rounding = step
            self.assertAlmostEqual(self._price(tmpl), expected, msg=step)
            b = tmpl
            total = (
                b.coop_producer_price
                + b.coop_cost_amount
                + b.coop_margin_amount
                + b.coop_vat_amount
            )
            self.assertAlmostEqual(total, expected, msg="breakdown adds up")

    def test_vat_from_the_product_taxes(self):
        tmpl = self._product("VAT 5.5", 10.0, tax=self.vat_55)
        self.assertAlmostEqual(self._price(tmpl), 12.66)
        self.assertAlmostEqual(tmpl.coop_vat_amount, 0.66)
        self.assertAlmostEqual(tmpl.coop_theoretical_list_price, 12.0)
        tmpl.taxes_id = [Command.set(self.vat_20.ids)]
        self.assertAlmostEqual(self._price(tmpl), 14.40)

    def test_vat_included_in_the_sales_price(self):
        included = self._tax("TVA 20 % TTC test", 20.0, included=True)
        tmpl = self._product("Included", 10.0, tax=included)
        self.assertAlmostEqual(self._price(tmpl), 14.40)
        self.assertAlmostEqual(tmpl.coop_theoretical_list_price, 14.40)

    def test_main_supplier_is_the_first_vendor_line(self):
        tmpl = self._product("Two vendors", 10.0, tax=self.vat_20)
        tmpl.seller_ids = [
            Command.create(
                {"partner_id": self.wholesaler.id, "price": 5.0, "sequence": 9}
            )
        ]
        self.assertAlmostEqual(self._price(tmpl), 14.40)
        self.assertEqual(tmpl.coop_main_supplier_id, self.farm)

    def test_no_supplier_no_theoretical_price(self):
        tmpl = self._product("No vendor", 10.0, list_price=3.0, tax=self.vat_20)
        tmpl.seller_ids = [Command.clear()]
        self.assertFalse(self._price(tmpl))
        self.assertAlmostEqual(tmpl.coop_current_price, 3.60)
        self.assertFalse(tmpl._coop_apply_theoretical_prices())
        self.assertAlmostEqual(tmpl.list_price, 3.0)

    def test_theoretical_prices_in_batch_equal_one_by_one(self):
        products = self._product("A", 3.21) | self._product("B", 7.77, tax=self.vat_20)
        policy = self.env["coop.margin.policy"]
        batch = policy._breakdowns(products)
        for tmpl in products:
            self.assertEqual(
                batch[tmpl.id].price, policy._breakdowns(tmpl)[tmpl.id].price
            )
