# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged, users

from .common import CoopRoleCase

HEADER = "//header[@name='coop_header']"
PAGE = "//notebook/page[@name='coop']"
REASON = "//header//field[@name='coop_shop_block_reason']"


@tagged("at_install", "-post_install")
class TestMemberForm(CoopRoleCase):
    """The member form as the member desk gets it: the coop header and tab on
    members and candidates (persons) only, the status with its reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Ysé")
        cls.candidate = cls._create_member("Zacharie", welcome=False)
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Primeur Dupont", "is_company": True}
        )

    @users("coop_desk")
    def test_members_get_the_coop_header_and_tab_first(self):
        for partner in (self.member, self.candidate):
            with self.subTest(partner=partner.name):
                arch, values = self._partner_form(partner, self.env.user)
                self.assertTrue(self._form_shows(arch, values, HEADER))
                self.assertTrue(self._form_shows(arch, values, PAGE))
                first = arch.xpath("//notebook/page[1]")[0]
                self.assertEqual(first.get("name"), "coop", "the coop tab first")

    @users("coop_desk")
    def test_header_gives_the_reason_a_candidate_may_not_shop(self):
        arch, values = self._partner_form(self.candidate, self.env.user)
        self.assertTrue(self._form_shows(arch, values, REASON))
        self.assertTrue(values["coop_shop_block_reason"])
        arch, values = self._partner_form(self.member, self.env.user)
        self.assertFalse(self._form_shows(arch, values, REASON))

    @users("coop_desk")
    def test_suppliers_and_other_contacts_get_no_coop_tabs(self):
        contact = self.env["res.partner"].sudo().create({"name": "Passant"})
        for partner in (self.supplier, contact):
            with self.subTest(partner=partner.name):
                arch, values = self._partner_form(partner, self.env.user)
                self.assertFalse(self._form_shows(arch, values, HEADER))
                self.assertFalse(self._form_shows(arch, values, PAGE))

    @users("coop_desk")
    def test_no_internal_flags_on_the_form(self):
        arch, _values = self._partner_form(self.member, self.env.user)
        self.assertFalse(arch.xpath("//field[@name='coop_was_member']"))
