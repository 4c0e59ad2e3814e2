# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import CoopGovernanceCase


@tagged("post_install", "-at_install")
class TestProxiesAndDoor(CoopGovernanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = [cls._holder(f"Voter {i}") for i in range(6)]
        cls.late = cls._holder("Late Buyer", when=date(2026, 3, 2))
        cls.gone = cls._holder("Gone Member", qty=2)
        cls._register(cls.gone, -2, date(2026, 2, 1))
        cls.assembly.action_compute_voters()
        cls.assembly.with_user(cls.desk).action_convene()
        cls.v = [cls._voter(cls, m) for m in cls.members]
        cls.Proxy = cls.env["coop.assembly.proxy"].with_user(cls.desk)

    def _give(self, giver, holder=None):
        return self.Proxy.create(
            {
                "assembly_id": self.assembly.id,
                "giver_id": giver.id,
                "holder_id": holder.id if holder else False,
            }
        )

    def _valid(self):
        return self.assembly.proxy_ids.filtered(lambda p: p.state == "valid")

    def test_proxy_limit(self):
        """A holder holds at most K proxies (company setting, here 2)."""
        self._give(self.v[1], self.v[0])
        self._give(self.v[2], self.v[0])
        with self.assertRaisesRegex(ValidationError, "already holds 2 proxies"):
            self._give(self.v[3], self.v[0])
        self.assertEqual(len(self._valid()), 2, "the refused proxy is not kept")
        self.assertEqual(self.v[0].proxy_held_count, 2)
        self.company.coop_assembly_proxy_max = 3
        self._give(self.v[3], self.v[0])

    def test_blank_proxies_to_the_chair_have_no_limit(self):
        for voter in self.v[:4]:
            self._give(voter)
        self.assertTrue(all(self._valid().mapped("is_blank")))
        self.assertEqual(self.assembly._quorum_counts()["represented"], 4)

    def test_proxy_rules(self):
        with self.assertRaises(ValidationError):
            self._give(self.v[0], self.v[0])
        self._give(self.v[1], self.v[0])
        with self.assertRaisesRegex(ValidationError, "already given a proxy"):
            self._give(self.v[1], self.v[2])
        with self.assertRaisesRegex(ValidationError, "cannot hold one"):
            self._give(self.v[2], self.v[1])
        with self.assertRaisesRegex(ValidationError, "cannot give one"):
            self._give(self.v[0], self.v[2])
        other = self.assembly.copy({"name": "Autre AG"})
        other.action_compute_voters()
        with self.assertRaisesRegex(ValidationError, "both be voters"):
            self._give(self.v[3], self._voter(self.members[4], other))
        self.assertEqual(len(self._valid()), 1)

    def test_proxy_voided_by_sign_in(self):
        """A proxy falls when its giver signs in: they vote in person."""
        proxy = self._give(self.v[1], self.v[0])
        self.assembly.with_user(self.desk).sign_in_card(
            self.members[0].coop_card_barcode
        )
        self.assertEqual(self.assembly._quorum_counts()["represented"], 1)
        answer = self.assembly.with_user(self.desk).sign_in_card(
            self.members[1].coop_card_barcode
        )
        self.assertTrue(answer["ok"])
        self.assertEqual(proxy.state, "void")
        self.assertEqual(proxy.void_reason, "giver_present")
        counts = self.assembly._quorum_counts()
        self.assertEqual((counts["present"], counts["represented"]), (2, 0))
        with self.assertRaisesRegex(ValidationError, "present"):
            self._give(self.v[1], self.v[2])

    def test_sign_in_by_card_and_name(self):
        answer = self.assembly.with_user(self.desk).sign_in_card(
            self.members[0].coop_card_barcode
        )
        self.assertTrue(answer["ok"], answer["message"])
        self.assertTrue(self.v[0].present)
        self.assertEqual(self.v[0].signin_user_id, self.desk)
        again = self.assembly.with_user(self.desk).sign_in_card(
            self.members[0].coop_card_barcode
        )
        self.assertFalse(again["ok"])
        self.assertIn("already signed in", again["message"])
        by_name = self.assembly.with_user(self.desk).sign_in_partner(self.members[2].id)
        self.assertTrue(by_name["ok"])

    def test_sign_in_by_card_query_count(self):
        """The door's hot path, as a request from the tablet runs it: the
        assembly and its company, the card, the voter, their proxies (and the
        names of those they hold), then the sign-in and the fallen proxy
        written at the flush. The member's partner is not read."""
        self._give(self.v[1], self.v[0])
        self._give(self.v[3], self.v[2])
        door = self.assembly.with_user(self.desk)
        door.sign_in_card(self.members[4].coop_card_barcode)  # warm the caches
        self.env.flush_all()
        self.env.invalidate_all()
        card = self.members[1].coop_card_barcode
        with self.assertQueryCount(9):
            answer = door.sign_in_card(card)
            self.env.flush_all()
        self.assertTrue(answer["ok"], answer["message"])
        self.assertEqual(self.v[1].proxy_given_ids.state, "void")
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            answer = door.sign_in_card(self.members[2].coop_card_barcode)
            self.env.flush_all()
        self.assertEqual(answer["proxies"], ["Voter 3"])

    def test_sign_in_refuses_non_voters_with_the_reason(self):
        door = self.assembly.with_user(self.desk)
        answer = door.sign_in_card(self.late.coop_card_barcode)
        self.assertFalse(answer["ok"])
        self.assertIn("bought after", answer["message"])
        answer = door.sign_in_card(self.gone.coop_card_barcode)
        self.assertIn("sold back", answer["message"])
        answer = door.sign_in_card("2999999999999")
        self.assertIn("No member holds the card", answer["message"])
        household = self.env["res.partner"].create(
            {"name": "Conjoint", "coop_household_parent_id": self.members[0].id}
        )
        household._coop_update_state()
        answer = door.sign_in_card(household.coop_card_barcode)
        self.assertIn("household member of Voter 0", answer["message"])
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        self.assertIn("holds no share", door.sign_in_partner(stranger.id)["message"])
        self.assertFalse(self.assembly.voter_ids.filtered("present"))

    def test_portal_member_cannot_sign_in_nor_record_proxies(self):
        user = self._portal_user(self.members[5])
        with self.assertRaises(AccessError):
            self.assembly.with_user(user).sign_in_card(
                self.members[0].coop_card_barcode
            )
        with self.assertRaises(AccessError):
            self.env["coop.assembly.proxy"].with_user(user).create(
                {"assembly_id": self.assembly.id, "giver_id": self.v[5].id}
            )
        self.assertFalse(self.assembly.voter_ids.filtered("present"))
        self.assertFalse(self.assembly.proxy_ids)

    def test_desk_cannot_change_nor_delete_a_proxy(self):
        proxy = self._give(self.v[1], self.v[0])
        with self.assertRaises(UserError):
            proxy.write({"holder_id": self.v[2].id})
        with self.assertRaises(UserError):
            proxy.write({"state": "void"})
        with self.assertRaises(AccessError):
            proxy.unlink()
        self.assertEqual((proxy.holder_id, proxy.state), (self.v[0], "valid"))
        proxy.action_void()
        self.assertEqual(proxy.void_reason, "cancelled")

    def test_attendance_sheet(self):
        self._give(self.v[1], self.v[0])
        self._give(self.v[2])
        self.assembly.with_user(self.desk).sign_in_partner(self.members[0].id)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.desk)
            ._render_qweb_html(
                "coop_governance.report_assembly_attendance", self.assembly.ids
            )[0]
            .decode()
        )
        for name in ("Voter 0", "Voter 1", "Voter 2", "blank proxy"):
            self.assertIn(name, html)
        self.assertNotIn("Voter 3", html)
