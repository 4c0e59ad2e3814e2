# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestMemberDemo(TransactionCase):
    """The demo coop, as installed with demo data, shows members in every
    state, household members and a welcome session."""

    def _ref(self, xmlid):
        return self.env.ref(f"coop_membership.{xmlid}")

    def test_demo_coop_loads(self):
        module = self.env["ir.module.module"]._get("coop_membership")
        if not module.demo:
            self.skipTest("database installed without demo data")
        self.assertTrue(self._ref("share_partner_01").coop_is_member)
        self.assertEqual(self._ref("share_partner_02").coop_state, "former")
        self.assertEqual(self._ref("share_partner_09").coop_state, "candidate")
        # Louis attended the demo welcome session: a member now
        louis = self._ref("share_partner_06")
        self.assertTrue(louis.coop_is_member)
        self.assertTrue(louis.coop_welcome_date)
        paul, tom = self._ref("household_partner_01"), self._ref("household_partner_09")
        self.assertEqual((paul | tom).mapped("coop_state"), ["household"] * 2)
        self.assertTrue(paul.coop_can_shop)
        self.assertFalse(tom.coop_can_shop, "Inès is still a candidate")
        self.assertTrue(self._ref("share_partner_01").coop_card_barcode)
        self.assertEqual(len(self._ref("working_group_suppliers").member_ids), 2)
