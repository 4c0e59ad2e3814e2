# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import CUTOFF, CoopGovernanceCase


@tagged("post_install", "-at_install")
class TestAssemblyVoters(CoopGovernanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.early = cls._holder("Early Member", qty=1)
        cls.rich = cls._holder("Rich Member", qty=12)
        cls.late = cls._holder("Late Buyer", when=date(2026, 3, 2))
        cls.gone = cls._holder("Gone Member", qty=2)
        cls._register(cls.gone, -2, date(2026, 2, 1))
        cls.leaving = cls._holder("Leaving After", qty=1)
        cls._register(cls.leaving, -1, date(2026, 3, 5))
        cls.on_day = cls._holder("On The Day", when=date(2026, 3, 1))
        cls.other_type = cls._holder("Two Types", qty=1)
        cls._register(cls.other_type, 1, date(2025, 6, 1), cls.big_share_type)

    def test_voters_at_cutoff_date(self):
        """Voters hold at least one share on the cut-off date: bought after, no
        vote; sold back before, no vote; one vote whatever the number."""
        self.assembly.with_user(self.desk).action_compute_voters()
        voters = self.assembly.voter_ids.partner_id
        self.assertIn(self.early, voters)
        self.assertIn(self.rich, voters)
        self.assertIn(self.leaving, voters, "sold back after the cut-off: votes")
        self.assertIn(self.on_day, voters, "the cut-off date is included")
        self.assertNotIn(self.late, voters, "bought after the cut-off date")
        self.assertNotIn(self.gone, voters, "sold back before the cut-off date")
        self.assertEqual(len(self._voter(self.rich)), 1, "one member, one vote")
        self.assertEqual(len(self._voter(self.other_type)), 1)

    def test_sql_list_is_the_orm_definition(self):
        """The list drawn in one statement is the definition read through the
        ORM: shares summed per member up to the cut-off date, above zero; the
        member's name and college copied; nobody present yet."""
        workers = self.env["coop.assembly.college"].create(
            {"name": "Salariés", "weight": 30, "company_id": self.company.id}
        )
        self.rich.coop_college_id = workers
        self.assembly.with_user(self.desk).action_compute_voters()
        rows = self.env["coop.share.line"]._read_group(
            [("date", "<=", CUTOFF), ("company_id", "=", self.company.id)],
            ["partner_id"],
            ["quantity:sum"],
        )
        expected = {
            (partner, partner.name, partner.coop_college_id)
            for partner, quantity in rows
            if quantity > 0
        }
        voters = self.assembly.voter_ids
        self.assertEqual(
            {(v.partner_id, v.partner_name, v.college_id) for v in voters}, expected
        )
        self.assertEqual(len(voters), len(expected), "one member, one vote")
        self.assertEqual(set(voters.mapped("company_id")), {self.company})
        self.assertFalse(any(voters.mapped("present")))
        self.assertEqual(self._voter(self.rich).college_id, workers)

    def test_membership_not_work_status_decides(self):
        """A member who never came to the welcome session (no 'may shop') votes."""
        newcomer = self._holder("Newcomer")
        newcomer.coop_welcome_date = False
        newcomer._coop_update_state()
        self.assembly.action_compute_voters()
        self.assertTrue(self._voter(newcomer))

    def test_draw_again_replaces_the_list(self):
        self.assembly.action_compute_voters()
        count = self.assembly.voter_count
        self.assembly.action_compute_voters()
        self.assertEqual(self.assembly.voter_count, count)

    def test_voters_fixed_after_convocation(self):
        self.assembly.action_compute_voters()
        self.assembly.with_user(self.desk).action_convene()
        with self.assertRaises(UserError):
            self.assembly.action_compute_voters()
        with self.assertRaises(UserError):
            self.assembly.cutoff_date = date(2026, 4, 1)
        with self.assertRaises(UserError):
            self.assembly.resolution_ids[0].name = "Autre chose"

    def test_portal_member_cannot_draw_voters(self):
        user = self._portal_user(self.early)
        with self.assertRaises(AccessError):
            self.assembly.with_user(user).action_compute_voters()
        self.assertFalse(self.assembly.voter_ids)

    def test_desk_cannot_write_state_nor_voters(self):
        """The state is written by the flows only; voters are read only."""
        self.assembly.action_compute_voters()
        with self.assertRaises(AccessError):
            self.assembly.with_user(self.desk).write({"state": "closed"})
        with self.assertRaises(AccessError):
            self.assembly.with_user(self.desk).action_open()
        voter = self._voter(self.early).with_user(self.desk)
        with self.assertRaises(AccessError):
            voter.write({"present": True})
        with self.assertRaises(AccessError):
            voter.create({"assembly_id": self.assembly.id, "partner_id": self.late.id})
        self.assertEqual(self.assembly.state, "draft")
        self.assertFalse(self._voter(self.early).present)
        self.assertFalse(self._voter(self.late))


@tagged("post_install", "-at_install")
class TestMajority(CoopGovernanceCase):
    def test_majority_each_side(self):
        adopted = self.env["coop.assembly.resolution"]._is_adopted
        self.assertTrue(adopted("simple", 51, 49))
        self.assertFalse(adopted("simple", 50, 50), "half is not a majority")
        self.assertTrue(adopted("two_thirds", 2, 1), "two thirds exactly")
        self.assertFalse(adopted("two_thirds", 65, 35))
        self.assertTrue(adopted("three_quarters", 75, 25))
        self.assertFalse(adopted("three_quarters", 74, 26))
        self.assertFalse(adopted("simple", 0, 0), "no vote cast")

    def test_default_majority_by_kind(self):
        self.assertEqual(self.assembly.resolution_ids[0].majority, "simple")
        self.assertEqual(self.assembly.resolution_ids[1].majority, "two_thirds")
        extra = self.assembly.copy({"kind": "extraordinary"})
        self.assertEqual(extra.resolution_ids[0].majority, "simple")
