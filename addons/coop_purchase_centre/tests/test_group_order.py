# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CentreCommon


@tagged("post_install", "-at_install", "coop_purchase_centre")
class TestGroupOrder(CentreCommon):
    """The worked example: packages of 6, coops ask 5 + 4 + 8 = 17."""

    def test_round_up_orders_eighteen_and_the_centre_keeps_one(self):
        line = self.order.product_line_ids
        self.assertEqual(line.with_context(lang="fr_FR").package_progress, "17 sur 18")
        line.invalidate_recordset(["package_progress"])
        self.assertEqual(line.with_context(lang="en_US").package_progress, "17 of 18")
        self.order.with_user(self.staff).action_close()
        self.assertEqual(line.qty_ordered, 18)
        self.assertEqual(line.grouped_excess, 1)
        self.assertEqual(self.requests_by_coop(self.order, "final_quantity"), [5, 4, 8])

    def test_round_down_orders_twelve_shared_four_three_five(self):
        order = self._group_order(rule="down")
        order.with_user(self.staff).action_close()
        self.assertEqual(order.product_line_ids.qty_ordered, 12)
        self.assertEqual(self.requests_by_coop(order, "final_quantity"), [4, 3, 5])
        note = order.request_ids.filtered(lambda r: r.coop_id == self.coop_c).share_note
        self.assertIn("5", note)
        self.assertIn("8", note)

    def test_short_delivery_is_shared_and_invoiced_at_the_centre_price(self):
        order = self.order.with_user(self.staff)
        order.action_close()
        order.action_order()
        purchase = order.purchase_id
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.partner_id, self.producer)
        self.assertEqual(purchase.order_line.product_qty, 18)
        self.assertEqual(purchase.order_line.price_unit, 2.0)
        self.receive(order, 15)
        order.action_receive()
        self.assertEqual(order.product_line_ids.qty_received, 15)
        order.action_allocate()
        self.assertEqual(order.state, "done")
        self.assertEqual(self.requests_by_coop(order, "allocated_quantity"), [4, 4, 7])
        sales = order.participant_ids.sale_order_id
        self.assertEqual(len(sales), 3)
        self.assertTrue(all(p.state == "done" for p in sales.picking_ids))
        invoices = sales.invoice_ids
        self.assertEqual(set(invoices.mapped("state")), {"posted"})
        producer_bill = purchase.order_line.qty_received * 2.0
        self.assertAlmostEqual(
            sum(invoices.mapped("amount_untaxed")), producer_bill * 1.05
        )
        delivered = sales.picking_ids.move_ids
        self.assertEqual(sum(delivered.mapped("quantity")), 15)

    def test_below_minimum_the_centre_decides(self):
        order = self._group_order(min_order_amount=100.0).with_user(self.staff)
        order.action_close()
        self.assertTrue(order.below_minimum)
        with self.assertRaisesRegex(UserError, "minimum"):
            order.action_order()
        self.assertFalse(order.purchase_id)
        order.action_order_anyway()
        self.assertEqual(order.state, "ordered")
        self.assertTrue(order.purchase_id)

    def _send_notices(self):
        """Run the notice job; return the mails it made."""
        mails = self.env["mail.mail"].search([])
        self.env["coop.group.order.participant"]._cron_send_notices()
        return self.env["mail.mail"].search([]) - mails

    def test_cancel_tells_the_coops(self):
        self._send_notices()
        self.order.with_user(self.staff).action_cancel()
        self.assertEqual(self.order.state, "cancel")
        self.assertEqual(
            self.order.participant_ids.pending_template_ids,
            self.env.ref("coop_purchase_centre.mail_template_group_cancelled"),
        )
        sent = self._send_notices()
        self.assertEqual(len(sent), 3)
        self.assertFalse(self.order.participant_ids.pending_template_ids)
        with self.assertRaises(UserError):
            self.order.with_user(self.staff).action_open()

    def test_ordered_order_cannot_be_cancelled(self):
        order = self.order.with_user(self.staff)
        order.action_close()
        order.action_order()
        with self.assertRaises(UserError):
            order.action_cancel()
        self.assertEqual(order.state, "ordered")

    def test_refused_action_queues_nothing(self):
        self._send_notices()
        orders = self.order | self._group_order()
        self._send_notices()
        orders[0].with_user(self.staff).action_close()
        orders[0].with_user(self.staff).action_order()
        self._send_notices()
        with self.assertRaises(UserError):
            orders.with_user(self.staff).action_cancel()
        self.assertEqual(orders.mapped("state"), ["ordered", "open"])
        self.assertFalse(orders.participant_ids.pending_template_ids)
        self.assertFalse(self._send_notices())

    def test_mails_are_in_the_coops_language(self):
        self._send_notices()
        order = self._group_order()
        sent = self._send_notices()
        self.assertEqual(len(sent), 3)
        self.assertIn(order.name, sent[0].subject)
        self.assertIn("ouverte", sent[0].subject)

    def test_grouping_savings(self):
        # alone: 1 + 2 + 4 units of rounding; grouped: 1
        self.assertEqual(self.order.saved_units, 6)
        self.assertAlmostEqual(self.order.saved_amount, 12.0)

    def test_minimum_reached_only_together(self):
        order = self._group_order(min_order_amount=30.0)
        # alone: A 6 x 2 = 12, B 12, C 12 x 2 = 24; together 18 x 2 = 36
        self.assertFalse(order.below_minimum)
        self.assertEqual(order.minimum_reached_count, 3)

    def test_intercompany_coop_gets_its_purchase_order(self):
        company = self.env["res.company"].create(
            {"name": "Coop C SAS", "partner_id": self.coop_c.id}
        )
        # a database of several companies: its users see several companies
        self.staff.groups_id += self.env.ref("base.group_multi_company")
        order = self.order.with_user(self.staff)
        self.run_to_done(order, 18)
        participant = order.participant_ids.filtered(lambda p: p.coop_id == self.coop_c)
        purchase = participant.coop_purchase_id
        self.assertEqual(purchase.company_id, company)
        self.assertEqual(purchase.partner_id, order.company_id.partner_id)
        self.assertEqual(purchase.state, "purchase")
        self.assertEqual(purchase.order_line.product_qty, 8)
        self.assertAlmostEqual(purchase.order_line.price_unit, 2.1)
        others = order.participant_ids - participant
        self.assertFalse(others.coop_purchase_id)

    def test_cron_reminds_then_closes(self):
        order = self.order
        Order = self.env["coop.group.order"]
        self._send_notices()
        order._flow().date_cutoff = fields.Datetime.now() + timedelta(hours=12)
        Order._cron_reminder_and_close()
        self.assertTrue(order.reminder_sent)
        sent = self._send_notices()
        self.assertEqual(len(sent), 3)
        self.assertIn("date limite approche", sent[0].subject)
        self.assertEqual(order.state, "open")
        order._flow().date_cutoff = fields.Datetime.now() - timedelta(minutes=1)
        Order._cron_reminder_and_close()
        self.assertEqual(order.state, "closed")
        self.assertEqual(order.product_line_ids.qty_ordered, 18)
