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
        cls.member = cls._create_member("Accès Adèle")
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
