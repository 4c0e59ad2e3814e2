# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMemberDeskTour(HttpCase):
    """Headless browser: the member desk's journey on the member form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the tour reads English labels (the test database speaks French)
        env["res.lang"]._activate_lang("en_US")
        cls.desk = new_test_user(
            env,
            login="tour_desk",
            lang="en_US",
            groups="coop_membership.group_coop_member_desk,"
            "account.group_account_invoice",
        )
        share_type = env["coop.share.type"].create(
            {"name": "Tour share", "unit_price": 10.0, "min_qty": 1, "sequence": 0}
        )
        cls.member = env["res.partner"].create({"name": "Tour Desk Member"})
        env["coop.share.line"].create(
            {
                "partner_id": cls.member.id,
                "share_type_id": share_type.id,
                "quantity": 1,
                "date": "2024-01-10",
                "operation": "subscription",
                "origin": "tour",
            }
        )
        # no welcome session yet: a candidate, who may not shop, and the header
        # says why (the engine's reason, in the reader's language)

    def test_member_desk_tour(self):
        self.start_tour(
            "/odoo/action-coop_membership.res_partner_action_coop_member",
            "CoopMemberDeskTour",
            login="tour_desk",
        )
        subscription = self.env["coop.share.subscription"].search(
            [("partner_id", "=", self.member.id)]
        )
        self.assertEqual(subscription.quantity, 3)
        self.assertEqual(subscription.state, "paid")
