# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.portal_a11y import PortalA11yCase

from .common import CoopShiftCase


@tagged("post_install", "-at_install")
class TestPortalA11yShift(PortalA11yCase, CoopShiftCase):
    """My alerts and my reminders are accessible at 320 px (axe-core)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        member = cls._create_member("Accès Alain")
        cls.member = member
        new_test_user(
            cls.env,
            login="acces_alain",
            password="acces_alain",
            groups="base.group_portal",
            partner_id=member.id,
            name="Accès Alain",
        )
        cls.env["coop.shift.watch"].create(
            {"partner_id": member.id, "kind": "weekday", "weekday": "2"}
        )

    def test_pages(self):
        for path in ("/my/watch", "/my/reminders"):
            with self.subTest(path):
                self.assertAccessible(path, "acces_alain")

    def test_tour_watch(self):
        """Phone tour: watch a weekday, then stop."""
        Watch = self.env["coop.shift.watch"]
        Watch.search([("partner_id", "=", self.member.id)]).unlink()
        self.start_tour("/my/coop", "coop_portal_watch_tour", login="acces_alain")
        self.assertFalse(Watch.search([("partner_id", "=", self.member.id)]))
