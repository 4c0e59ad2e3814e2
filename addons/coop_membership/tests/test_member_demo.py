# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file


@tagged("post_install", "-at_install")
class TestMemberDemo(TransactionCase):
    """The demo coop loads (the test database has no demo data) and shows
    members in every state, household members and a welcome session."""

    def test_demo_coop_loads(self):
        for path in ("demo/coop_share_demo.xml", "demo/coop_member_demo.xml"):
            convert_file(
                self.env, "coop_membership", path, {}, mode="init", kind="demo"
            )

        def ref(xmlid):
            return self.env.ref(f"coop_membership.{xmlid}")

        self.assertEqual(ref("share_partner_01").coop_state, "member")
        self.assertEqual(ref("share_partner_02").coop_state, "former")
        self.assertEqual(ref("share_partner_09").coop_state, "candidate")
        # Louis attended the demo welcome session: a member now
        self.assertEqual(ref("share_partner_06").coop_state, "member")
        paul, tom = ref("household_partner_01"), ref("household_partner_09")
        self.assertEqual((paul | tom).mapped("coop_state"), ["household"] * 2)
        self.assertTrue(paul.coop_can_shop)
        self.assertFalse(tom.coop_can_shop, "Inès is still a candidate")
        self.assertTrue(ref("share_partner_01").coop_card_barcode)
        self.assertEqual(len(ref("working_group_suppliers").member_ids), 2)
