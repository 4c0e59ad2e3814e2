# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestWelcomeSession(CoopMemberCase):
    """Attending a welcome session makes a candidate a member."""

    def _event(self, welcome):
        return self.env["event.event"].create(
            {
                "name": "Réunion d'accueil" if welcome else "Apéro",
                "coop_is_welcome_session": welcome,
                "date_begin": datetime(2026, 3, 2, 18, 0),
                "date_end": datetime(2026, 3, 2, 20, 0),
            }
        )

    def test_attending_welcome_session_makes_member(self):
        candidate = self._create_member("Ugo", welcome=False)
        registration = self.env["event.registration"].create(
            {"event_id": self._event(True).id, "partner_id": candidate.id}
        )
        self.assertEqual(candidate.coop_state, "candidate")
        registration.action_set_done()
        self.assertEqual(str(candidate.coop_welcome_date), "2026-03-02")
        self.assertTrue(candidate.coop_is_member)
        self.assertTrue(candidate.coop_can_shop)

    def test_other_event_changes_nothing(self):
        candidate = self._create_member("Vera", welcome=False)
        registration = self.env["event.registration"].create(
            {"event_id": self._event(False).id, "partner_id": candidate.id}
        )
        registration.action_set_done()
        self.assertFalse(candidate.coop_welcome_date)
        self.assertEqual(candidate.coop_state, "candidate")

    def test_member_desk_marks_attendance(self):
        desk = new_test_user(
            self.env,
            login="coop_welcome_desk",
            groups="coop_membership.group_coop_member_desk",
        )
        candidate = self._create_member("Wassim", welcome=False)
        registration = self.env["event.registration"].create(
            {"event_id": self._event(True).id, "partner_id": candidate.id}
        )
        registration.with_user(desk).action_set_done()
        self.assertTrue(candidate.coop_is_member)
