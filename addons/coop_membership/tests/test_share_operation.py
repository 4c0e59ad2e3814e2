# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .test_share_common import CoopShareCase


@tagged("post_install", "-at_install")
class TestShareOperation(CoopShareCase):
    """Sell-back, transfer and conversion, each behind an approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.coop_sell_back_delay_months = 12
        cls._register(cls.partner, 10, "2023-01-01")
        cls.receiver = cls.env["res.partner"].create({"name": "Bruno Keller"})

    def _operation(self, **vals):
        return self.env["coop.share.operation"].create(
            {
                "partner_id": self.partner.id,
                "share_type_id": self.share_type.id,
                "quantity": 10,
                "date": "2026-06-01",
                **vals,
            }
        )

    def _run(self, operation):
        operation.action_submit()
        operation.action_approve()
        operation.action_execute()
        return operation

    def test_sell_back_after_delay_makes_credit_note(self):
        op = self._run(self._operation(operation_type="sell_back"))
        self.assertEqual(op.state, "done")
        refund = op.refund_id
        self.assertEqual(refund.move_type, "out_refund")
        self.assertEqual(refund.state, "posted")
        self.assertEqual(refund.journal_id, self.company.coop_capital_journal_id)
        self.assertEqual(refund.invoice_line_ids.account_id.code, "101300")
        self.assertEqual(refund.amount_total, 100.0)
        self.assertEqual(self.partner.coop_share_qty, 0)
        self.assertEqual(self.partner.coop_state, "former")
        self.assertEqual(op.share_line_ids.operation, "sell_back")

    def test_sell_back_within_delay_refused(self):
        self._register(self.partner, 10, "2026-03-01")
        op = self._operation(operation_type="sell_back", quantity=20)
        with self.assertRaisesRegex(ValidationError, "12 months"):
            op.action_submit()
        op.quantity = 10
        op.action_submit()
        self.assertEqual(op.state, "submitted")

    def test_sell_back_delay_is_configurable(self):
        self._register(self.partner, 10, "2026-03-01")
        self.company.coop_sell_back_delay_months = 2
        op = self._run(self._operation(operation_type="sell_back", quantity=20))
        self.assertEqual(self.partner.coop_share_qty, 0)
        self.assertEqual(op.refund_id.amount_total, 200.0)

    def test_sell_back_keeps_none_or_the_minimum(self):
        op = self._operation(operation_type="sell_back", quantity=5)
        with self.assertRaisesRegex(ValidationError, "at least 10"):
            op.action_submit()

    def test_solidarity_rate_keeps_its_reduced_minimum(self):
        self._subscription(quantity=1, solidarity=True).action_confirm()
        op = self._run(self._operation(operation_type="sell_back", quantity=10))
        self.assertEqual(op.state, "done")
        self.assertEqual(self.partner.coop_share_qty, 1)

    def test_transfer_to_another_member(self):
        self._register(self.partner, 10, "2023-02-01")
        self._run(
            self._operation(
                operation_type="transfer", quantity=10, receiver_id=self.receiver.id
            )
        )
        self.assertEqual(self.partner.coop_share_qty, 10)
        self.assertEqual(self.receiver.coop_share_qty, 10)
        self.assertEqual(self.receiver.coop_state, "candidate")
        self.assertEqual(
            self.receiver.coop_share_line_ids.mapped("operation"), ["transfer_in"]
        )

    def test_transfer_below_minimum_refused(self):
        self._register(self.partner, 10, "2023-02-01")
        op = self._operation(
            operation_type="transfer", quantity=4, receiver_id=self.receiver.id
        )
        with self.assertRaisesRegex(ValidationError, "Bruno Keller would hold 4"):
            op.action_submit()

    def test_transfer_needs_a_receiver(self):
        with self.assertRaises(ValidationError):
            self._operation(operation_type="transfer", receiver_id=self.partner.id)

    def test_conversion_keeps_the_value(self):
        op = self._run(
            self._operation(
                operation_type="conversion",
                target_share_type_id=self.big_share_type.id,
            )
        )
        self.assertEqual(op.target_quantity, 1)
        holdings = self.env["coop.share.line"]._coop_holdings(self.partner)
        self.assertEqual(holdings[self.partner.id, self.share_type.id], 0)
        self.assertEqual(holdings[self.partner.id, self.big_share_type.id], 1)
        self.assertEqual(self.partner.coop_share_qty, 1)

    def test_conversion_refused_when_not_whole(self):
        op = self._operation(
            operation_type="conversion",
            quantity=5,
            target_share_type_id=self.big_share_type.id,
        )
        with self.assertRaises(ValidationError):
            op.action_submit()

    def test_cannot_move_more_than_held(self):
        op = self._operation(
            operation_type="transfer", quantity=11, receiver_id=self.receiver.id
        )
        with self.assertRaises(ValidationError):
            op.action_submit()

    def test_approval_required_before_execution(self):
        op = self._operation(operation_type="sell_back")
        with self.assertRaises(UserError):
            op.action_execute()
        op.action_submit()
        with self.assertRaises(UserError):
            op.action_execute()
        self.assertEqual(self.partner.coop_share_qty, 10)

    def test_refused_operation_changes_nothing(self):
        op = self._operation(operation_type="sell_back")
        op.action_submit()
        op.action_refuse()
        self.assertEqual(op.state, "refused")
        with self.assertRaises(UserError):
            op.action_execute()
        self.assertEqual(self.partner.coop_share_qty, 10)
        op.action_draft()
        self.assertEqual(op.state, "draft")

    def test_only_manager_approves(self):
        desk = new_test_user(
            self.env, login="desk_op", groups="coop_membership.group_coop_member_desk"
        )
        op = self._operation(operation_type="sell_back")
        op.action_submit()
        with self.assertRaises(AccessError):
            op.with_user(desk).action_approve()
        self.assertEqual(op.state, "submitted")

    def test_approval_and_execution_in_chatter(self):
        op = self._run(self._operation(operation_type="sell_back"))
        bodies = " ".join(op.message_ids.mapped("body"))
        self.assertIn("Approved by", bodies)
        self.assertIn("Executed", bodies)
        self.assertEqual(op.approved_by_id, self.env.user)
