# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestPosMembersOnlyTour(TestPointOfSaleHttpCommon):
    """Headless browser: a member buys, a candidate is refused, a manager
    overrides with their PIN; refusals and override are logged, and the
    server ties the override to the paid order."""

    # the shared member fixtures, without BaseCommon's environment set-up
    _create_member = CoopMemberCase.__dict__["_create_member"]
    _give_shares = CoopMemberCase.__dict__["_give_shares"]
    _test_share_type = CoopMemberCase.__dict__["_test_share_type"]

    @classmethod
    @TestPointOfSaleHttpCommon.setup_country("fr")
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.groups_id += cls.env.ref("coop_membership.group_coop_manager")
        cls.main_pos_config.coop_members_only = True
        # the tour reads English labels; the test database is French
        cls.env["res.lang"]._activate_lang("en_US")
        cls.pos_user.lang = "en_US"
        cls.pos_admin.coop_pos_pin = "7391"
        cls.member = cls._create_member("Ana Membre")
        cls.member.write({"coop_card_barcode": "2800000900014"})
        # a candidate: holds shares, has not attended the welcome session
        cls.suspended = cls._create_member("Bea Candidate", welcome=False)
        cls.suspended.write({"coop_card_barcode": "2800000900021"})

    def test_members_only_tour(self):
        # a French company: l10n_fr_pos_cert makes its orders inalterable
        self.assertTrue(self.main_pos_config.company_id._is_accounting_unalterable())
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("CoopMembersOnlyTour", login="pos_user")
        orders = self.env["pos.order"].search(
            [("session_id", "=", self.main_pos_config.current_session_id.id)]
        )
        paid = orders.filtered(lambda o: o.state == "paid")
        self.assertEqual(paid.partner_id, self.member | self.suspended)
        self.assertTrue(all(paid.mapped("l10n_fr_hash")), "orders are certified")
        logs = self.env["coop.pos.access.log"].search(
            [("partner_id", "=", self.suspended.id)]
        )
        refused = logs.filtered(lambda log: log.event == "refused")
        self.assertTrue(refused)
        self.assertEqual(
            refused[0].reason,
            "Candidate: the welcome session has not been attended yet",
            "in the cashier's language",
        )
        self.assertEqual(refused.user_id, self.pos_user)
        override = logs.filtered(lambda log: log.event == "override")
        self.assertEqual(override.override_user_id, self.pos_admin)
        self.assertEqual(override.config_id, self.main_pos_config)
        sold = paid.filtered(lambda o: o.partner_id == self.suspended)
        self.assertEqual(override.order_ref, sold.uuid)
        self.assertFalse(
            self.env["coop.pos.access.log"].search(
                [("partner_id", "=", self.member.id)]
            )
        )
