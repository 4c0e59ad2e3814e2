# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, CoopMemberCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Portal Paula", email="paula@example.com")
        cls.user = new_test_user(
            cls.env,
            login="paula",
            password="paula-pass-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
        )
        cls.other = cls._create_member("Other Olga")
        cls.shift = cls._day_shift(5)
        cls.mine = cls.env["coop.shift.registration"].create(
            {"shift_id": cls.shift.id, "partner_id": cls.member.id, "kind": "standing"}
        )
        cls.other_shift = cls._day_shift(6)
        cls.offer = cls.env["coop.shift.registration"].create(
            {
                "shift_id": cls.other_shift.id,
                "partner_id": cls.other.id,
                "kind": "standing",
            }
        )
        cls.offer.action_offer_exchange()

    @classmethod
    def _day_shift(cls, days_from_today):
        """A shift without template, ``days_from_today`` days from today."""
        day = fields.Date.today() + timedelta(days=days_from_today)
        return cls.env["coop.shift"].create(
            {
                "date": day,
                "date_begin": f"{day} 08:00:00",
                "date_end": f"{day} 11:00:00",
                "seats_max": 5,
            }
        )

    def test_portal_page_and_actions(self):
        self.authenticate("paula", "paula-pass-1")
        page = self.url_open("/my/shifts")
        self.assertEqual(page.status_code, 200)
        self.assertIn(f"/my/shifts/{self.mine.id}/offer", page.text)
        self.assertIn(f"/my/shifts/{self.offer.id}/take", page.text)
        csrf = {"csrf_token": http_csrf(self)}
        self.url_open(f"/my/shifts/{self.mine.id}/offer", data=csrf)
        self.assertEqual(self.mine.exchange_state, "offered")
        self.url_open(f"/my/shifts/{self.offer.id}/take", data=csrf)
        self.assertEqual(self.offer.state, "replaced")
        self.assertEqual(self.offer.replaced_by_ids.partner_id, self.member)
        # someone else's registration cannot be offered
        other_reg = self.offer.replaced_by_ids.copy(
            {
                "partner_id": self.other.id,
                "shift_id": self.shift.id,
                "replaces_id": False,
            }
        )
        response = self.url_open(f"/my/shifts/{other_reg.id}/offer", data=csrf)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other_reg.exchange_state, "none")

    def test_portal_gives_a_worked_service_to_the_pool(self):
        past = self._day_shift(-3)
        Registration = self.env["coop.shift.registration"]
        worked = Registration.create(
            {"shift_id": past.id, "partner_id": self.member.id, "kind": "extra"}
        )
        theirs = Registration.create(
            {"shift_id": past.id, "partner_id": self.other.id, "kind": "extra"}
        )
        (worked | theirs).action_attended()
        self.authenticate("paula", "paula-pass-1")
        page = self.url_open("/my/shifts")
        self.assertIn(f"/my/shifts/{worked.id}/donate", page.text)
        self.assertNotIn(f"/my/shifts/{theirs.id}/donate", page.text)
        csrf = {"csrf_token": http_csrf(self)}
        self.url_open(f"/my/shifts/{worked.id}/donate", data=csrf)
        self.assertEqual(worked.solidarity_ids.state, "available")
        response = self.url_open(f"/my/shifts/{theirs.id}/donate", data=csrf)
        self.assertEqual(response.status_code, 404)
        self.assertFalse(theirs.solidarity_ids)
        # a second gift of the same service is refused, not an error page
        response = self.url_open(f"/my/shifts/{worked.id}/donate", data=csrf)
        self.assertIn("error=donate", response.url)
        self.assertEqual(len(worked.solidarity_ids), 1)


def http_csrf(case):
    """A CSRF token for the authenticated test session."""
    page = case.url_open("/my/shifts")
    marker = 'name="csrf_token" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]
