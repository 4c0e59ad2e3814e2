# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import CoopRoleCase


@tagged("post_install", "-at_install")
class TestMemberPortal(HttpCase, CoopRoleCase):
    """A member (the common class's portal user) sees their own card, state
    and shares on /my/coop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls._create_member("Autre Membre")
        cls.member = cls.portal.partner_id
        cls._give_shares(cls.member, 3)
        cls.member.coop_welcome_date = "2026-01-15"
        cls.member._coop_update_state()

    def test_my_coop_page(self):
        self.authenticate("coop_portal", "coop_portal")
        response = self.url_open("/my/coop")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.member.coop_card_barcode, response.text)
        self.assertIn(str(self.member.coop_member_number), response.text)
        self.assertNotIn(self.other.coop_card_barcode, response.text)
        self.assertIn("/my/coop/certificate", response.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/coop", home.text)

    def test_page_needs_login(self):
        response = self.url_open("/my/coop", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_certificate_download(self):
        self.authenticate("coop_portal", "coop_portal")
        response = self.url_open("/my/coop/certificate")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        # in test mode Odoo renders reports as HTML instead of calling wkhtmltopdf
        self.assertIn(self.member.name.encode(), response.content)
        self.assertIn(b"attachment", response.headers["Content-Disposition"].encode())
