# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestEnrolment(TrainingCase):
    def test_confirm_creates_one_line_per_slot(self):
        learner = self.env["res.partner"].create({"name": "Late comer"})
        reg = self._enrol(self.session, learner, confirm=False)
        self.assertEqual(reg.coop_training_state, "draft")
        self.assertFalse(reg.coop_attendance_ids)
        reg.action_coop_confirm()
        self.assertEqual(reg.coop_training_state, "confirmed")
        self.assertEqual(reg.state, "open")
        self.assertEqual(reg.coop_attendance_ids.slot_id, self.slot_am | self.slot_pm)
        with self.assertRaises(UserError):
            reg.action_coop_confirm()

    def test_abandon_needs_reason(self):
        with self.assertRaises(ValidationError):
            self.reg.action_coop_abandon()
        self.reg.coop_abandon_reason = "Moved to another city"
        self.reg.action_coop_abandon()
        self.assertEqual(self.reg.coop_training_state, "abandoned")
        self.assertTrue(self.reg.coop_abandon_date)

    def test_abandon_keeps_signed_hours(self):
        self._sign(self._line(self.reg, self.slot_am))
        self.reg.coop_abandon_reason = "Illness"
        self.reg.action_coop_abandon()
        self.assertEqual(self.reg.coop_hours_attended, 3.5)

    def test_only_confirmed_can_finish(self):
        self.reg.coop_abandon_reason = "Illness"
        self.reg.action_coop_abandon()
        with self.assertRaises(UserError):
            self.reg.action_coop_attended()

    def test_paid_place_through_event_sale(self):
        """A place sold to an OPCO: the enrolment is funded by the invoiced
        partner, and the invoice line carries the BPF funder type."""
        opco = self.env["res.partner"].create(
            {
                "name": "OPCO",
                "is_company": True,
                "coop_training_funder_type": "opco_plan",
            }
        )
        product = self.env["product.product"].create(
            {
                "name": "Training place",
                "type": "service",
                "service_tracking": "event",
                "list_price": 500,
                "invoice_policy": "order",
            }
        )
        ticket = self.env["event.event.ticket"].create(
            {
                "name": "Place",
                "event_id": self.session.id,
                "product_id": product.id,
                "price": 500,
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": opco.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "event_id": self.session.id,
                            "event_ticket_id": ticket.id,
                            "product_uom_qty": 1,
                            "price_unit": 500,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        reg = order.order_line.registration_ids
        self.assertEqual(len(reg), 1)
        self.assertEqual(reg.coop_funder_id, opco)
        self.assertEqual(reg.coop_funder_type, "opco_plan")
        invoice = order._create_invoices()
        self.assertEqual(
            invoice.invoice_line_ids.filtered("sale_line_ids").coop_funder_type,
            "opco_plan",
        )

    def test_send_convocation(self):
        self.reg.with_user(self.trainer_user).action_coop_send_convocation()
        self.assertTrue(self.reg.coop_convocation_date)
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "event.registration"),
                ("res_id", "=", self.reg.id),
                ("subject", "like", "Convocation"),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertTrue(mail.attachment_ids)
        # learner 2 has no email: dated, not mailed
        self.reg2.action_coop_send_convocation()
        self.assertTrue(self.reg2.coop_convocation_date)

    def test_issue_certificate(self):
        with self.assertRaises(UserError):
            self.reg.action_coop_issue_certificate()
        self.reg.action_coop_attended()
        self.reg.action_coop_issue_certificate()
        self.assertTrue(self.reg.coop_certificate_date)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "event.registration"), ("res_id", "=", self.reg.id)]
        )
        self.assertEqual(len(attachment), 1)
