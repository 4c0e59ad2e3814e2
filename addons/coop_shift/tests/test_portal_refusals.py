# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import html
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase

from .test_portal import http_csrf


@tagged("post_install", "-at_install")
class TestPortalRefusals(HttpCase, CoopMemberCase):
    """Every portal action is all-or-nothing: a refusal writes nothing and the
    member reads why, in French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = cls.env["coop.qualification"].create(
            {"name": "Caisse", "code": "test_refusal_cashier"}
        )
        cls.member = cls._create_member("Refus Rita", email="rita@example.com")
        cls.user = new_test_user(
            cls.env,
            login="rita",
            password="rita-pass-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
            lang="fr_FR",
            tz="UTC",
        )
        cls.other = cls._create_member(
            "Caissière Carla",
            coop_qualification_ids=[fields.Command.set(cls.cashier.ids)],
        )
        cls.Registration = cls.env["coop.shift.registration"]
        cls.Leave = cls.env["coop.shift.leave"]

    @classmethod
    def _day_shift(cls, days_from_today, seats=5):
        day = fields.Date.today() + timedelta(days=days_from_today)
        return cls.env["coop.shift"].create(
            {
                "date": day,
                "date_begin": f"{day} 08:00:00",
                "date_end": f"{day} 11:00:00",
                "seats_max": seats,
            }
        )

    def _post(self, url, **data):
        """POST as Rita; returns the text of the page she lands on."""
        if not getattr(self, "_logged_in", False):
            self.authenticate("rita", "rita-pass-1")
            self._logged_in = True
        response = self.url_open(url, data={"csrf_token": http_csrf(self), **data})
        return html.unescape(response.text)

    def test_take_needs_the_seat_qualification(self):
        offer = self.Registration.create(
            {
                "shift_id": self._day_shift(3).id,
                "partner_id": self.other.id,
                "kind": "standing",
                "qualification_id": self.cashier.id,
            }
        )
        offer.action_offer_exchange()
        count = self.Registration.search_count([])
        page = self._post(f"/my/shifts/{offer.id}/take")
        self.assertIn("Cette place demande la qualification Caisse.", page)
        self.assertEqual(self.Registration.search_count([]), count, "nothing written")
        self.assertEqual(offer.state, "planned")
        self.assertEqual(offer.exchange_state, "offered", "the offer still shows")

    def test_leave_bounds(self):
        leave_type = self.env.ref("coop_shift.leave_type_holiday")
        today = fields.Date.today()
        cases = {
            "Votre congé se termine avant de commencer.": (
                today + timedelta(days=10),
                today + timedelta(days=5),
            ),
            "Un congé ne peut pas commencer dans le passé.": (
                "2000-01-01",
                "2099-12-31",
            ),
            "Un congé commence dans les 365 jours": (
                today + timedelta(days=1),
                today + timedelta(days=800),
            ),
            "Indiquez le premier et le dernier jour de votre congé.": (
                today + timedelta(days=1),
                "",
            ),
        }
        for reason, (start, end) in cases.items():
            with self.subTest(reason):
                page = self._post(
                    "/my/shifts/leave",
                    type_id=str(leave_type.id),
                    date_start=str(start),
                    date_end=str(end),
                )
                self.assertIn(reason, page)
                self.assertFalse(
                    self.Leave.search([("partner_id", "=", self.member.id)])
                )
        page = self._post(
            "/my/shifts/leave",
            type_id=str(leave_type.id),
            date_start=str(today + timedelta(days=2)),
            date_end=str(today + timedelta(days=9)),
        )
        self.assertTrue(self.Leave.search([("partner_id", "=", self.member.id)]))

    def test_booking_bounds(self):
        self.env.company.coop_shift_makeup_horizon_days = 28
        full = self._day_shift(4, seats=1)
        self.Registration.create(
            {"shift_id": full.id, "partner_id": self.other.id, "kind": "makeup"}
        )
        cases = {
            "Il ne reste aucune place sur ce créneau.": full,
            "Ce créneau a commencé ou est clos.": self._day_shift(-1),
            "Les créneaux se réservent 28 jours à l'avance au plus.": self._day_shift(
                40
            ),
        }
        for reason, shift in cases.items():
            with self.subTest(reason):
                page = self._post(f"/my/shifts/book/{shift.id}")
                self.assertIn(reason, page)
                self.assertFalse(
                    self.Registration.search(
                        [
                            ("partner_id", "=", self.member.id),
                            ("shift_id", "=", shift.id),
                        ]
                    )
                )
        ok = self._day_shift(5)
        self._post(f"/my/shifts/book/{ok.id}")
        self.assertEqual(ok.registration_ids.partner_id, self.member)

    def test_only_members_book(self):
        self.member.coop_welcome_date = False
        self._give_shares(self.member, 0)
        self.member._coop_update_state()
        if self.member.coop_is_member:
            self.skipTest("membership does not depend on the welcome session here")
        shift = self._day_shift(5)
        page = self._post(f"/my/shifts/book/{shift.id}")
        self.assertIn("Seuls les membres de la coopérative réservent un créneau.", page)
        self.assertFalse(shift.registration_ids)

    def test_offer_can_be_withdrawn(self):
        mine = self.Registration.create(
            {
                "shift_id": self._day_shift(6).id,
                "partner_id": self.member.id,
                "kind": "standing",
            }
        )
        page = self._post(f"/my/shifts/{mine.id}/offer")
        self.assertEqual(mine.exchange_state, "offered")
        day = mine.date.strftime("%d/%m/%Y")
        self.assertIn(f"Créneau ({day})", page, "French name and date format")
        self.assertRegex(page, rf"{re.escape(day)}\s+08:00\s*<", "no seconds")
        self.assertIn("Aucun mouvement de points pour l'instant.", page)
        self._post(f"/my/shifts/{mine.id}/withdraw")
        self.assertEqual(mine.exchange_state, "none")
