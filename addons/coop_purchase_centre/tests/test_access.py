# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CentreCommon


@tagged("post_install", "-at_install", "coop_purchase_centre")
class TestAccess(CentreCommon):
    """A coop's buyer sees and changes only its coop's lines, only while open."""

    def request_of(self, coop):
        return self.order.request_ids.filtered(lambda r: r.coop_id == coop)

    def test_buyer_reads_only_its_coop(self):
        requests = (
            self.env["coop.group.order.request"]
            .with_user(self.buyer_a)
            .search([("order_id", "=", self.order.id)])
        )
        self.assertEqual(requests.coop_id, self.coop_a)
        other = self.request_of(self.coop_b).with_user(self.buyer_a)
        with self.assertRaises(AccessError):
            other.read(["quantity"])
        participants = (
            self.env["coop.group.order.participant"].with_user(self.buyer_a).search([])
        )
        self.assertEqual(participants.coop_id, self.coop_a)

    def test_buyer_cannot_change_another_coop(self):
        other = self.request_of(self.coop_b)
        with self.assertRaises(AccessError):
            other.with_user(self.buyer_a).write({"quantity": 40})
        self.assertEqual(other.quantity, 4)
        values = {
            "participant_id": other.participant_id.id,
            "product_line_id": other.product_line_id.id,
            "quantity": 3,
        }
        other.with_user(self.staff).unlink()  # B has not asked yet
        with self.assertRaises(AccessError):
            self.env["coop.group.order.request"].with_user(self.buyer_a).create(values)
        self.assertEqual(len(self.order.request_ids), 2)
        self.assertNotIn(self.coop_b, self.order.request_ids.coop_id)

    def test_buyer_changes_its_quantity_while_open(self):
        mine = self.request_of(self.coop_a).with_user(self.buyer_a)
        mine.write({"quantity": 7})
        self.assertEqual(mine.quantity, 7)
        self.assertEqual(self.order.product_line_ids.qty_requested, 19)

    def test_buyer_cannot_write_what_the_flows_write(self):
        mine = self.request_of(self.coop_a)
        for field in ("final_quantity", "allocated_quantity"):
            with self.assertRaises(AccessError):
                mine.with_user(self.buyer_a).write({field: 50})
            with self.assertRaises(AccessError):
                mine.with_user(self.staff).write({field: 50})
        self.assertEqual((mine.final_quantity, mine.allocated_quantity), (0, 0))

    def test_nothing_changes_after_the_cutoff(self):
        self.order._flow().date_cutoff = fields.Datetime.now() - timedelta(minutes=5)
        mine = self.request_of(self.coop_a)
        for user in (self.buyer_a, self.staff):
            with self.assertRaises(ValidationError):
                mine.with_user(user).write({"quantity": 1})
        self.assertEqual(mine.quantity, 5)
        with self.assertRaises(ValidationError):
            mine.with_user(self.staff).unlink()
        self.assertTrue(mine.exists())

    def test_nothing_changes_once_closed(self):
        self.order.with_user(self.staff).action_close()
        mine = self.request_of(self.coop_a)
        for user in (self.buyer_a, self.staff):
            with self.assertRaises(ValidationError):
                mine.with_user(user).write({"quantity": 1})
        self.assertEqual(mine.quantity, 5)

    def test_buyer_cannot_run_the_order(self):
        order = self.order.with_user(self.buyer_a)
        for action in ("action_close", "action_cancel", "action_order"):
            with self.assertRaises(AccessError):
                getattr(order, action)()
        self.assertEqual(self.order.state, "open")
        with self.assertRaises(AccessError):
            order.write({"state": "closed"})
        self.assertEqual(self.order.state, "open")

    def test_staff_cannot_jump_states_or_change_the_offer(self):
        order = self.order.with_user(self.staff)
        with self.assertRaises(AccessError):
            order.write({"state": "done"})
        with self.assertRaises(AccessError):
            self.env["coop.group.order"].with_user(self.staff).create(
                {
                    "producer_id": self.producer.id,
                    "date_cutoff": fields.Datetime.now() + timedelta(days=1),
                    "state": "received",
                }
            )
        with self.assertRaises(UserError):
            order.write({"fee_value": 50})
        with self.assertRaises(UserError):
            order.product_line_ids.write({"producer_price": 0.5})
        with self.assertRaises(AccessError):
            order.product_line_ids.write({"qty_ordered": 600})
        with self.assertRaises(UserError):
            order.product_line_ids.write({"qty_received": 600})
        line = self.order.product_line_ids
        self.assertEqual(
            (
                self.order.state,
                self.order.fee_value,
                line.producer_price,
                line.qty_ordered,
            ),
            ("open", 5.0, 2.0, 0),
        )

    def test_an_outside_user_sees_nothing(self):
        outsider = self._buyer(
            "buyer_x",
            self.env["res.partner"].create({"name": "Coop X", "is_company": True}),
        )
        self.assertFalse(self.env["coop.group.order"].with_user(outsider).search([]))
        with self.assertRaises(AccessError):
            self.order.with_user(outsider).read(["name"])
