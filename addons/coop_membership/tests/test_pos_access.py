# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestPosAccess(CoopMemberCase):
    """What the till asks the server, and the access log it writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config, cls.cashier = cls._members_only_till("coop_cashier")
        cls.config.open_ui()
        cls.config.current_session_id.set_opening_control(0, None)
        cls.manager = new_test_user(
            cls.env,
            login="coop_pos_manager",
            groups="base.group_user,point_of_sale.group_pos_manager",
        )
        cls.manager.coop_pos_pin = "4321"
        cls.member = cls._create_member("Wanda")
        cls.candidate = cls._create_member("Xavier", welcome=False)
        cls.Log = cls.env["coop.pos.access.log"]

    def test_pos_loads_member_fields(self):
        fields = self.env["res.partner"]._load_pos_data_fields(self.config.id)
        for name in (
            "coop_can_shop",
            "coop_shop_block_reason",
            "coop_state",
            "coop_card_barcode",
        ):
            self.assertIn(name, fields)
        self.assertIn("barcode", fields, "core fields are kept")

    def test_member_may_shop_nothing_logged(self):
        result = self.member.with_user(self.cashier).coop_pos_check_can_shop(
            self.config.id
        )
        self.assertTrue(result["can_shop"])
        self.assertEqual(result["partner"]["coop_state"], self.member.coop_state)
        self.assertTrue(self.member.coop_is_member)
        self.assertFalse(self.Log.search([("partner_id", "=", self.member.id)]))

    def test_refusal_is_logged_with_reason(self):
        result = self.candidate.with_user(self.cashier).coop_pos_check_can_shop(
            self.config.id
        )
        self.assertFalse(result["can_shop"])
        self.assertTrue(result["reason"])
        self.assertEqual(result["reason"], self.candidate.coop_shop_block_reason)
        log = self.Log.search([("partner_id", "=", self.candidate.id)])
        self.assertEqual(log.event, "refused")
        self.assertEqual(log.user_id, self.cashier)
        self.assertEqual(log.reason, result["reason"])

    def test_no_log_when_not_members_only(self):
        self.config.coop_members_only = False
        self.candidate.with_user(self.cashier).coop_pos_check_can_shop(self.config.id)
        self.assertFalse(self.Log.search([("partner_id", "=", self.candidate.id)]))

    def test_answer_is_fresh_from_database(self):
        """A change made in the back office is seen at the next check."""
        as_cashier = self.candidate.with_user(self.cashier)
        self.assertFalse(as_cashier.coop_pos_check_can_shop(self.config.id)["can_shop"])
        self.candidate.coop_welcome_date = "2026-01-10"
        self.candidate._coop_update_state()
        result = as_cashier.coop_pos_check_can_shop(self.config.id)
        self.assertTrue(result["can_shop"])
        self.assertTrue(result["partner"]["coop_can_shop"])

    def test_override_needs_a_manager_pin(self):
        as_cashier = self.candidate.with_user(self.cashier)
        self.assertFalse(as_cashier.coop_pos_override(self.config.id, "0000")["ok"])
        self.assertFalse(as_cashier.coop_pos_override(self.config.id, False)["ok"])
        self.assertFalse(self.Log.search([("event", "=", "override")]))
        wrong = self.Log.search([("event", "=", "wrong_pin")])
        self.assertEqual(len(wrong), 2, "failed attempts are logged")
        self.assertEqual(wrong.user_id, self.cashier)
        result = as_cashier.coop_pos_override(self.config.id, "4321")
        self.assertEqual(
            result, {"ok": True, "manager": self.manager.name, "message": False}
        )
        log = self.Log.search([("event", "=", "override")])
        self.assertEqual(log.partner_id, self.candidate)
        self.assertEqual(log.override_user_id, self.manager)
        self.assertEqual(log.user_id, self.cashier)
        self.assertEqual(log.reason, self.candidate.coop_shop_block_reason)

    def test_pin_of_a_non_manager_is_refused(self):
        self.cashier.coop_pos_pin = "5555"
        result = self.candidate.with_user(self.cashier).coop_pos_override(
            self.config.id, "5555"
        )
        self.assertFalse(result["ok"])

    def test_card_lookup_as_cashier(self):
        found = (
            self.env["res.partner"]
            .with_user(self.cashier)
            .search([("coop_card_barcode", "=", self.member.coop_card_barcode)])
        )
        self.assertEqual(found, self.member)

    def test_members_only_is_a_setting(self):
        self.config.coop_members_only = False
        settings = self.env["res.config.settings"].create(
            {"pos_config_id": self.config.id, "pos_coop_members_only": True}
        )
        settings.execute()
        self.assertTrue(self.config.coop_members_only)
