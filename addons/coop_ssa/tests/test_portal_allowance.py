# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestPortalAllowance(HttpCase, SsaCase):
    """My allowance: a beneficiary sees their balance, this month's allowance
    and movements; nobody reaches another's wallet, by id or otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._beneficiary("Allocation Alma")
        cls.theirs = cls._beneficiary("Autre Bénéficiaire")
        cls._credit(cls.mine, 1234.25)
        cls._credit(cls.theirs, 4321.75)
        cls.user = new_test_user(
            cls.env,
            login="alloc_alma",
            password="alloc-alma-1",
            groups="base.group_portal",
            partner_id=cls.mine.partner_id.id,
        )

    def test_my_wallet(self):
        self.authenticate("alloc_alma", "alloc-alma-1")
        page = self.url_open("/my/allowance")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_coop_allowance_summary", page.text)
        self.assertIn("1,234.25", page.text)
        self.assertNotIn("4,321.75", page.text)
        detail = self.url_open(f"/my/allowance/{self.mine.id}")
        self.assertEqual(detail.status_code, 200)

    @mute_logger("odoo.http")
    def test_another_wallet_by_id(self):
        self.authenticate("alloc_alma", "alloc-alma-1")
        response = self.url_open(f"/my/allowance/{self.theirs.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("4,321.75", response.text)

    def test_personal_data_has_movements(self):
        data = self.mine.partner_id._coop_personal_data()
        self.assertEqual([w["balance"] for w in data["ssa_wallets"]], [1234.25])
        self.assertEqual([m["amount"] for m in data["ssa_movements"]], [1234.25])
