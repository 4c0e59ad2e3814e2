# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .test_share_common import CoopShareCase


@tagged("at_install", "-post_install", "coop_access")
class TestShareAccess(CoopShareCase):
    """Who may do what with share capital, tested as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create({"name": "Someone Else"})
        cls._register(cls.portal.partner_id, 10, "2023-01-01")
        cls._register(cls.other, 10, "2023-01-01")

    def test_desk_subscribes_and_confirms_without_accounting_rights(self):
        self.assertFalse(self.desk.has_group("account.group_account_invoice"))
        sub = (
            self.env["coop.share.subscription"]
            .with_user(self.desk)
            .create(
                {
                    "partner_id": self.partner.id,
                    "share_type_id": self.share_type.id,
                    "quantity": 10,
                }
            )
        )
        sub.action_confirm()
        self.assertEqual(sub.state, "confirmed")
        self.assertEqual(sub.amount_due, 100.0)
        self.assertEqual(self.partner.with_user(self.desk).coop_share_qty, 10)

    def test_desk_cannot_touch_register_types_or_operations(self):
        Line = self.env["coop.share.line"].with_user(self.desk)
        self.assertTrue(Line.search([("partner_id", "=", self.other.id)]))
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "partner_id": self.other.id,
                    "share_type_id": self.share_type.id,
                    "quantity": 5,
                    "operation": "subscription",
                }
            )
        with self.assertRaises(AccessError):
            self.env["coop.share.type"].with_user(self.desk).create({"name": "X"})
        with self.assertRaises(AccessError):
            self.env["coop.share.operation"].with_user(self.desk).create(
                {
                    "partner_id": self.other.id,
                    "share_type_id": self.share_type.id,
                    "operation_type": "sell_back",
                }
            )

    def test_manager_runs_operations_and_types(self):
        share_type = (
            self.env["coop.share.type"]
            .with_user(self.manager)
            .create({"name": "Part C", "unit_price": 50})
        )
        self.assertTrue(share_type.product_id)
        op = (
            self.env["coop.share.operation"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.other.id,
                    "share_type_id": self.share_type.id,
                    "operation_type": "transfer",
                    "receiver_id": self.partner.id,
                    "quantity": 10,
                }
            )
        )
        op.action_submit()
        op.action_approve()
        op.action_execute()
        self.assertEqual(op.state, "done")
        self.assertEqual(self.other.coop_share_qty, 0)
        self.assertEqual(self.partner.coop_share_qty, 10)

    def test_portal_reads_only_own_shares(self):
        Line = self.env["coop.share.line"].with_user(self.portal)
        lines = Line.search([])
        self.assertEqual(lines.partner_id, self.portal.partner_id)
        with self.assertRaises(AccessError):
            Line.browse(self.other.coop_share_line_ids.ids).read(["quantity"])
        sub = self._subscription(partner=self.portal.partner_id)
        self._subscription(partner=self.other)
        subs = self.env["coop.share.subscription"].with_user(self.portal).search([])
        self.assertEqual(subs, sub)
        with self.assertRaises(AccessError):
            subs.with_user(self.portal).write({"quantity": 20})
