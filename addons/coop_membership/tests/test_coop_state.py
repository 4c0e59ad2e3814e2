# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestCoopState(CoopMemberCase):
    """One test per row of the membership rule table."""

    def test_not_member(self):
        partner = self.env["res.partner"].create({"name": "Passer-by"})
        partner._coop_update_state()
        self.assertEqual(partner.coop_state, "not_member")
        self.assertFalse(partner.coop_can_shop)
        self.assertEqual(
            partner.coop_check_can_shop(),
            {"can_shop": False, "reason": partner._coop_not_member_reason()},
        )

    def test_candidate_may_not_shop(self):
        partner = self._create_member("Camille", welcome=False)
        self.assertEqual(partner.coop_state, "candidate")
        self.assertFalse(partner.coop_can_shop)
        self.assertEqual(
            partner.coop_shop_block_reason,
            partner._coop_reason_candidate()[partner.id],
        )

    def test_member_may_shop(self):
        partner = self._create_member("Dominique")
        self.assertEqual(partner.coop_state, "member")
        self.assertEqual(
            partner.coop_check_can_shop(), {"can_shop": True, "reason": False}
        )

    def test_former_member(self):
        partner = self._create_member("Eden")
        self._give_shares(partner, -partner.coop_share_qty)  # all sold back
        partner._coop_update_state()
        self.assertEqual(partner.coop_state, "former")
        self.assertFalse(partner.coop_can_shop)

    def test_timeline_written_only_on_change(self):
        partner = self._create_member("Farid")
        lines = partner.coop_state_change_ids
        self.assertEqual(lines.sorted("id")[-1:].new_state, "member")
        partner._coop_update_state()
        self.assertEqual(partner.coop_state_change_ids, lines)
