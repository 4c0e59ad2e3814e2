# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.portal_a11y import PortalA11yCase

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestPortalA11yAllowance(PortalA11yCase, SsaCase):
    """My allowance is accessible at 320 px (axe-core)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        wallet = cls._beneficiary("Accès Anouk")
        cls._credit(wallet, 42.0)
        new_test_user(
            cls.env,
            login="acces_anouk",
            password="acces_anouk",
            groups="base.group_portal",
            partner_id=wallet.partner_id.id,
            name="Accès Anouk",
        )

    def test_page(self):
        self.assertAccessible("/my/allowance", "acces_anouk")

    def test_tour_allowance(self):
        self.start_tour("/my/coop", "coop_portal_allowance_tour", login="acces_anouk")
