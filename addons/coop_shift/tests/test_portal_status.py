# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestPortalStatus(HttpCase, CoopShiftCase):
    """My status, explained: the engine's reason and the next step in plain
    words, in the reader's language; only my own on /my/coop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Statut Sam", lang="fr_FR")
        cls.user = new_test_user(
            cls.env,
            login="statut_sam",
            password="statut-sam-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
            lang="fr_FR",
        )
        cls.other = cls._create_member("Autre Alix")

    def _absent(self, partner, day):
        reg = self._register(partner, self._shift(day))
        reg.action_absent()
        return reg

    @freeze_time("2026-03-02")
    def test_alert_says_how_many_and_by_when(self):
        self._absent(self.member, D)
        self.assertEqual(self.member.coop_state, "alert")
        fr = self.member.with_context(lang="fr_FR")._coop_status_explained()
        self.assertTrue(fr["can_shop"])
        self.assertIn(
            "Vous devez 2 services avant le 30/03/2026 : réservez un rattrapage.",
            fr["steps"],
        )
        en = self.member.with_context(lang="en_US")._coop_status_explained()
        self.assertIn(
            "You owe 2 services before 03/30/2026: book a make-up.", en["steps"]
        )

    def test_suspended_gives_the_engine_reason(self):
        with freeze_time("2026-03-02"):
            self._absent(self.member, D)
        with freeze_time("2026-03-31"):
            self.env["res.partner"]._coop_partners_due_today()._coop_update_state()
            self.assertEqual(self.member.coop_state, "suspended")
            fr = self.member.with_context(lang="fr_FR")._coop_status_explained()
        self.assertFalse(fr["can_shop"])
        self.assertEqual(
            fr["reason"],
            self.member.with_context(lang="fr_FR").coop_shop_block_reason,
        )
        self.assertIn("2", fr["reason"])
        self.assertTrue(any("rattrapage" in step for step in fr["steps"]))

    @freeze_time("2026-03-02")
    def test_leave_says_when_it_ends(self):
        self._standing(self.member)
        self.env["coop.shift.leave"].create(
            {
                "partner_id": self.member.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 4, 3),
            }
        )
        self.assertEqual(self.member.coop_state, "holiday")
        fr = self.member.with_context(lang="fr_FR")._coop_status_explained()
        self.assertIn("Votre congé se termine le 03/04/2026.", fr["steps"])

    @freeze_time("2026-03-02")
    def test_my_coop_page_shows_only_mine(self):
        self._absent(self.member, D)
        self._absent(self.other, D)
        self.other.coop_alert_deadline = date(2026, 3, 20)
        self.authenticate("statut_sam", "statut-sam-1")
        page = self.url_open("/my/coop")
        self.assertEqual(page.status_code, 200)
        self.assertIn('id="coop_status_explained"', page.text)
        self.assertIn("30/03/2026", page.text)
        self.assertNotIn("20/03/2026", page.text)
        self.assertNotIn("Autre Alix", page.text)

    @freeze_time("2026-03-02")
    def test_shifts_and_points_in_my_data(self):
        reg = self._absent(self.member, D)
        self._absent(self.other, D)
        data = self.member._coop_personal_data()
        self.assertEqual([s["shift"] for s in data["shifts"]], [reg.shift_id.name])
        self.assertEqual(sum(line["points"] for line in data["points"]), -2)
        self.assertEqual(data["identity"][0]["points_standard"], -2)
        self.assertTrue(data["status_history"])
