# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import CoopMemberCase


class TestCoopState(CoopMemberCase):
    """One test per row of coop_membership's own rule table.

    At install (the default): the rows are checked before any other addon
    (coop_shift) refines ``member`` into work states.
    """

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
            "Candidate: the welcome session has not been attended yet",
        )

    def test_member_may_shop(self):
        partner = self._create_member("Dominique")
        self.assertEqual(partner.coop_state, "member")
        self.assertTrue(partner.coop_is_member)
        self.assertEqual(
            partner.coop_check_can_shop(), {"can_shop": True, "reason": False}
        )

    def test_former_member(self):
        partner = self._create_member("Eden")
        self._give_shares(partner, -partner.coop_share_qty)  # all sold back
        partner._coop_update_state()
        self.assertEqual(partner.coop_state, "former")
        self.assertFalse(partner.coop_can_shop)
        self.assertFalse(partner.coop_is_member)

    def test_timeline_written_only_on_change(self):
        partner = self._create_member("Farid")
        lines = partner.coop_state_change_ids
        self.assertEqual(lines.sorted("id")[-1:].new_state, "member")
        partner._coop_update_state()
        self.assertEqual(partner.coop_state_change_ids, lines)

    def test_is_member_search(self):
        member = self._create_member("Gaëlle")
        candidate = self._create_member("Hugo", welcome=False)
        Partner = self.env["res.partner"]
        ids = (member | candidate).ids
        self.assertEqual(
            Partner.search([("id", "in", ids), ("coop_is_member", "=", True)]), member
        )
        self.assertEqual(
            Partner.search([("id", "in", ids), ("coop_is_member", "!=", True)]),
            candidate,
        )

    def test_batch_of_mixed_rows_stores_each_result(self):
        """One evaluation over partners of different rows gives each its own
        state, in the cache and in the database alike."""
        member = self._create_member("Inès")
        candidate = self._create_member("Jules", welcome=False)
        passer_by = self.env["res.partner"].create({"name": "Kim"})
        partners = member | candidate | passer_by
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_partner SET coop_state = 'former', coop_can_shop = TRUE "
            "WHERE id = ANY(%s)",
            [partners.ids],
        )
        self.env.invalidate_all()
        changed = partners._coop_update_state()
        self.assertEqual(changed, partners)
        expected = {
            member.id: ("member", True),
            candidate.id: ("candidate", False),
            passer_by.id: ("not_member", False),
        }
        cached = {p.id: (p.coop_state, p.coop_can_shop) for p in partners}
        self.assertEqual(cached, expected)
        self.env.cr.execute(
            "SELECT id, coop_state, coop_can_shop FROM res_partner WHERE id = ANY(%s)",
            [partners.ids],
        )
        stored = {
            pid: (state, can_shop) for pid, state, can_shop in self.env.cr.fetchall()
        }
        self.assertEqual(stored, expected)
        timeline = partners.coop_state_change_ids.filtered(
            lambda c: c.old_state == "former"
        )
        self.assertEqual(
            {(c.partner_id.id, c.new_state) for c in timeline},
            {(pid, state) for pid, (state, _shop) in expected.items()},
        )

    def test_deleted_partner_is_skipped(self):
        partner = self._create_member("Lou")
        gone = self.env["res.partner"].create({"name": "Gone"})
        ids = (partner | gone).ids
        gone.unlink()
        changed = self.env["res.partner"].browse(ids)._coop_update_state()
        self.assertFalse(changed)
        self.assertEqual(partner.coop_state, "member")
