# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestHousehold(CoopMemberCase):
    """Household members (binôme / rattaché): one test per rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("coop_membership.household_max", 1)

    def _attach(self, name, member):
        return self.env["res.partner"].create(
            {"name": name, "coop_household_parent_id": member.id}
        )

    def test_household_may_shop_while_member_may(self):
        member = self._create_member("Nour")
        child = self._attach("Nour's partner", member)
        self.assertEqual(child.coop_state, "household")
        self.assertEqual(
            child.coop_check_can_shop(), {"can_shop": True, "reason": False}
        )
        self.assertTrue(child.coop_card_barcode.startswith("29"))
        self.assertFalse(child.coop_member_number)

    def test_household_may_not_shop_while_member_may_not(self):
        member = self._create_member("Oscar", welcome=False)
        child = self._attach("Oscar's partner", member)
        self.assertEqual(child.coop_state, "household")
        self.assertFalse(child.coop_can_shop)
        self.assertIn("Oscar", child.coop_shop_block_reason)
        self.assertIn(member.coop_shop_block_reason, child.coop_shop_block_reason)
        # the member attends: the household member follows without being touched
        member.coop_welcome_date = fields.Date.today()
        member._coop_update_state()
        self.assertTrue(child.coop_can_shop)

    def test_maximum_per_member(self):
        member = self._create_member("Paz")
        self._attach("First", member)
        with self.assertRaises(ValidationError):
            self._attach("Second", member)
        self.env["ir.config_parameter"].set_param("coop_membership.household_max", 2)
        self.assertTrue(self._attach("Second", member))

    def test_only_a_member_can_have_a_household(self):
        passer_by = self.env["res.partner"].create({"name": "Quentin"})
        with self.assertRaises(ValidationError):
            self._attach("Nobody's partner", passer_by)
        member = self._create_member("Rosa")
        child = self._attach("Rosa's partner", member)
        with self.assertRaises(ValidationError):
            self._attach("Grandchild", child)

    def test_detached_when_member_leaves(self):
        member = self._create_member("Sami")
        child = self._attach("Sami's partner", member)
        self._give_shares(member, -member.coop_share_qty)
        member._coop_update_state()
        self.assertEqual(member.coop_state, "former")
        self.assertFalse(child.coop_household_parent_id)
        self.assertEqual(child.coop_state, "not_member")
        self.assertFalse(child.coop_can_shop)
        # the note is written in the language ``_()`` finds: the user's
        lang_env = self.env(context=dict(self.env.context, lang=self.env.user.lang))
        self.assertIn(
            lang_env._("Detached from their household: the member left."),
            child.message_ids[:1].body,
        )

    def test_detach_by_hand_updates_state(self):
        member = self._create_member("Tao")
        child = self._attach("Tao's partner", member)
        child.coop_household_parent_id = False
        self.assertEqual(child.coop_state, "not_member")

    def test_maximum_is_a_setting(self):
        self.env["res.config.settings"].create({"coop_household_max": 3}).execute()
        self.assertEqual(self.env["res.partner"]._coop_household_max(), 3)

    def test_update_cost_does_not_grow_with_members(self):
        """The household step of ``_coop_update_state`` runs grouped queries."""

        def count(n):
            members = self.env["res.partner"]
            for i in range(n):
                member = self._create_member(f"Q{n}-{i}")
                self._attach(f"Q{n}-{i} household", member)
                members |= member
            members |= members.coop_household_ids
            self.env.invalidate_all()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            members._coop_update_state()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small = count(3)
        self.assertGreater(small, 0)
        self.assertEqual(small, count(12))
