# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import CoopGovernanceCase


@tagged("post_install", "-at_install")
class TestWorkingGroups(HttpCase, CoopGovernanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Group = cls.env["coop.working.group"]
        cls.suppliers = Group.create({"name": "Fournisseurs (test)"})
        cls.finance = Group.create(
            {"name": "Finances (test)", "open_to_members": False}
        )
        cls.member = cls._holder("Membre Portail")
        cls.user = cls._portal_user(cls.member)
        cls.stranger = cls.env["res.partner"].create({"name": "Sans Parts"})
        cls.stranger_user = cls._portal_user(cls.stranger)

    def test_member_joins_and_leaves(self):
        self.suppliers.with_user(self.user).portal_join()
        self.assertIn(self.member, self.suppliers.member_ids)
        self.suppliers.with_user(self.user).portal_leave()
        self.assertNotIn(self.member, self.suppliers.member_ids)

    def test_refusals_change_nothing(self):
        with self.assertRaises(AccessError):
            self.finance.with_user(self.user).portal_join()  # not visible
        with self.assertRaises(AccessError):
            self.suppliers.with_user(self.stranger_user).portal_join()
        with self.assertRaises(AccessError):
            self.suppliers.with_user(self.user).write(
                {"member_ids": [(4, self.member.id)]}
            )
        self.finance.member_ids = self.member
        with self.assertRaisesRegex(UserError, "does not take members"):
            self.finance.with_user(self.user).portal_join()
        self.assertFalse(self.suppliers.member_ids)
        self.assertEqual(self.finance.member_ids, self.member)

    def test_portal_page(self):
        self.authenticate(self.user.login, self.user.login)
        page = self.url_open("/my/working-groups").text
        self.assertIn("Fournisseurs (test)", page)
        self.assertNotIn("Finances (test)", page)
        self.url_open(
            f"/my/working-groups/{self.suppliers.id}/join",
            data={"csrf_token": self._csrf()},
        )
        self.assertIn(self.member, self.suppliers.member_ids)

    def _csrf(self):
        page = self.url_open("/my/working-groups").text
        return page.split('name="csrf_token" value="')[1].split('"')[0]
