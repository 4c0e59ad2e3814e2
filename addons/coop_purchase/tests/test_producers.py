# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CoopPurchaseCase


@tagged("at_install", "-post_install")
class TestProducers(CoopPurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.veg = cls._product("Légume test", 10.0, coop_organic=True)
        cls.rice = cls._product("Riz test", 3.0, supplier=cls.wholesaler)
        cls.contract = cls.env["coop.producer.contract"].create(
            {
                "partner_id": cls.farm.id,
                "date_start": today - timedelta(days=13),
                "date_end": today + timedelta(days=14),  # 28 days
                "line_ids": [
                    Command.create(
                        {
                            "product_id": cls.veg.product_variant_id.id,
                            "committed_qty": 10,
                            "commitment_period": "week",
                            "price_floor": 12.0,
                        }
                    )
                ],
            }
        )

    def _order(self, partner, product, qty):
        return self.env["purchase.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_qty": qty})
                ],
            }
        )

    def test_local_from_the_distance_threshold(self):
        self.assertTrue(self.farm.coop_is_local)
        self.assertFalse(self.wholesaler.coop_is_local, "a wholesaler never is")
        Partner = self.env["res.partner"]
        self.assertIn(self.farm, Partner.search([("coop_is_local", "=", True)]))
        self.assertNotIn(self.farm, Partner.search([("coop_is_local", "=", False)]))
        self.company.coop_local_distance_km = 30
        self.farm.invalidate_recordset()
        self.assertFalse(self.farm.coop_is_local)
        self.assertIn(self.farm, Partner.search([("coop_is_local", "=", False)]))

    def test_purchase_line_takes_the_contract_price(self):
        veg = self.veg.product_variant_id
        self.assertEqual(self._order(self.farm, veg, 5).order_line.price_unit, 10.0)
        self.contract.action_activate()
        self.assertEqual(self._order(self.farm, veg, 5).order_line.price_unit, 12.0)
        self.veg.seller_ids.price = 15.0
        self.assertEqual(
            self._order(self.farm, veg, 5).order_line.price_unit,
            15.0,
            "the guaranteed price is a floor",
        )
        rice = self.rice.product_variant_id
        self.assertEqual(
            self._order(self.wholesaler, rice, 1).order_line.price_unit, 3.0
        )

    def test_committed_ordered_received(self):
        self.contract.action_activate()
        line = self.contract.line_ids
        self.assertEqual(line.committed_total, 40.0)  # 10 a week × 4 weeks
        line.commitment_period = "contract"
        self.assertEqual(line.committed_total, 10.0)
        order = self._order(self.farm, self.veg.product_variant_id, 6)
        order.button_confirm()
        self._order(self.farm, self.veg.product_variant_id, 50)  # a draft: not counted
        line.invalidate_recordset()
        self.assertEqual((line.ordered_qty, line.received_qty), (6.0, 0.0))
        self.assertEqual(line.ordered_amount, 72.0)
        order.picking_ids.move_ids.quantity = 4
        order.picking_ids.move_ids.picked = True
        order.picking_ids.with_context(
            skip_backorder=True, cancel_backorder=False
        ).button_validate()
        line.invalidate_recordset()
        self.assertEqual((line.ordered_qty, line.received_qty), (6.0, 4.0))

    def test_one_running_contract_per_product(self):
        self.contract.action_activate()
        other = self.contract.copy({"date_start": self.contract.date_end})
        with self.assertRaises(ValidationError):
            other.action_activate()

    def test_purchases_report_local_contracted_organic(self):
        self.contract.action_activate()
        self._order(self.farm, self.veg.product_variant_id, 10).button_confirm()
        self._order(self.wholesaler, self.rice.product_variant_id, 120).button_confirm()
        self.env.flush_all()
        today = fields.Date.today()
        figures = self.env["coop.purchase.report"]._figures(today, today)
        self.assertAlmostEqual(figures["value_total"], 480.0)  # 120 + 360
        for kind in ("local", "contracted", "organic"):
            self.assertAlmostEqual(figures[f"value_{kind}"], 120.0, msg=kind)
            self.assertAlmostEqual(figures[f"share_{kind}"], 25.0, msg=kind)
        share = self.env["coop.purchase.share"].create(
            {"date_from": today, "date_to": today}
        )
        self.assertAlmostEqual(share.share_local, 25.0)

    def test_organic_certificate_renewal_activity(self):
        self.farm.coop_organic_expiry = fields.Date.today() + timedelta(days=10)
        self.wholesaler.coop_organic_expiry = fields.Date.today() + timedelta(days=90)
        self.assertTrue(self.farm.coop_is_organic)
        Partner = self.env["res.partner"]
        Partner._cron_coop_organic_expiry()
        Partner._cron_coop_organic_expiry()
        renewal = self.env.ref("coop_purchase.mail_activity_organic_renewal")
        self.assertEqual(
            len(
                self.farm.activity_ids.filtered(lambda a: a.activity_type_id == renewal)
            ),
            1,
        )
        self.assertFalse(self.wholesaler.activity_ids)
