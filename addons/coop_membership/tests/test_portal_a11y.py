# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import CoopMemberCase
from .portal_a11y import PortalA11yCase


@tagged("post_install", "-at_install")
class TestPortalA11yMembership(PortalA11yCase, CoopMemberCase):
    """The membership's portal pages are accessible at 320 px (axe-core)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a candidate: the status section has a reason and a next step
        cls.member = cls._create_member("Accès Adèle", welcome=False)
        new_test_user(
            cls.env,
            login="acces_adele",
            password="acces_adele",
            groups="base.group_portal",
            partner_id=cls.member.id,
            name="Accès Adèle",
        )

    def test_pages(self):
        for path in ("/my/coop", "/my/calendar", "/my/data", "/my/card"):
            with self.subTest(path):
                self.assertAccessible(path, "acces_adele")

    def test_tour_status_and_calendar(self):
        """Phone tour: read my status and its reason, make my calendar
        address, stop it."""
        self.start_tour(
            "/my/coop", "coop_portal_status_calendar_tour", login="acces_adele"
        )
        Token = self.env["coop.calendar.token"].with_context(active_test=False)
        tokens = Token.search([("partner_id", "=", self.member.id)])
        self.assertEqual(len(tokens), 1)
        self.assertFalse(tokens.active, "stopped")

    def test_tour_data(self):
        self.start_tour("/my/coop", "coop_portal_data_tour", login="acces_adele")
