# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestPortalStatusMembership(HttpCase, CoopMemberCase):
    """My status, explained: a candidate reads the rule table's reason and
    what to do next, in their language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidate = cls._create_member("Candide Claire", welcome=False)
        cls.user = new_test_user(
            cls.env,
            login="candide_claire",
            password="candide-claire-1",
            groups="base.group_portal",
            partner_id=cls.candidate.id,
            lang="fr_FR",
        )

    def test_candidate_reason_and_step(self):
        self.assertEqual(self.candidate.coop_state, "candidate")
        fr = self.candidate.with_context(lang="fr_FR")._coop_status_explained()
        self.assertFalse(fr["can_shop"])
        self.assertEqual(
            fr["reason"],
            self.candidate.with_context(lang="fr_FR").coop_shop_block_reason,
        )
        self.assertEqual(len(fr["steps"]), 1)
        self.assertIn("réunion d'accueil", fr["steps"][0])
        self.authenticate("candide_claire", "candide-claire-1")
        page = self.url_open("/my/coop")
        self.assertIn('id="coop_status_explained"', page.text)
        self.assertIn("réunion d'accueil", page.text.replace("&#39;", "'"))
