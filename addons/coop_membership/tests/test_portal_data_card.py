# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestPortalDataCard(HttpCase, CoopMemberCase):
    """My data (right of access) and my card on my phone: the logged-in
    member's own, whatever the request asks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Données Dora", shares=2)
        cls.user = new_test_user(
            cls.env,
            login="donnees_dora",
            password="donnees-dora-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
            name="Données Dora",
        )
        cls.other = cls._create_member("Autre Odile", shares=3)
        cls.other.coop_welcome_date = False
        cls.other._coop_update_state()

    def test_download_my_data(self):
        self.authenticate("donnees_dora", "donnees-dora-1")
        self.assertEqual(self.url_open("/my/data").status_code, 200)
        response = self.url_open(f"/my/data/download?partner_id={self.other.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        document = json.loads(response.content)
        data = document["data"]
        self.assertEqual(data["identity"][0]["name"], "Données Dora")
        self.assertEqual(data["identity"][0]["shares_held"], 2)
        self.assertEqual(sum(line["quantity"] for line in data["shares"]), 2)
        self.assertTrue(data["status_history"])
        self.assertNotIn("Autre Odile", response.text)

    def test_data_needs_login(self):
        response = self.url_open("/my/data/download", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertNotIn(b"identity", response.content)

    def test_card_page_offline_ready(self):
        self.authenticate("donnees_dora", "donnees-dora-1")
        page = self.url_open("/my/card")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.member.coop_card_barcode, page.text)
        self.assertNotIn(self.other.coop_card_barcode, page.text)
        self.assertIn('rel="manifest"', page.text)
        self.assertIn("card.js", page.text)
        self.logout()
        manifest = self.url_open("/my/card/manifest.webmanifest")
        self.assertEqual(json.loads(manifest.content)["start_url"], "/my/card")
        worker = self.url_open("/my/card/sw.js")
        self.assertEqual(worker.headers["Service-Worker-Allowed"], "/my/card")
        self.assertIn("javascript", worker.headers["Content-Type"])
        self.assertIn("caches.match", worker.text)
        response = self.url_open("/my/card", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303), "the card needs a login")
