# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import CoopShiftCase

BUTTON = "//button[@name='%(action)d']"
PAGES = ("coop_shift", "coop_points", "coop_leaves")


@tagged("post_install", "-at_install")
class TestShiftPartnerForm(CoopShiftCase):
    """The shift button and pages of the contact form, per role and contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env,
            login="shift_form_desk",
            groups="base.group_user,coop_membership.group_coop_member_desk",
        )
        cls.till_user = new_test_user(
            cls.env,
            login="shift_form_cashier",
            groups="base.group_user,point_of_sale.group_pos_user",
        )
        cls.office = new_test_user(
            cls.env,
            login="shift_form_office",
            groups="base.group_user,coop_membership.group_coop_member_desk,"
            "coop_shift.group_coop_shift_staff",
        )
        cls.member = cls._create_member("Form member")
        cls.Line.with_context(coop_shift_manual=True).create(
            {"partner_id": cls.member.id, "points": -2, "reason": "Missed"}
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Fournisseur SARL", "is_company": True}
        )
        cls.button = BUTTON % {
            "action": cls.env.ref("coop_shift.coop_shift_counter_line_action").id
        }

    def test_form_loads_for_each_role(self):
        for user in (self.desk, self.till_user, self.office):
            for partner in (self.member, self.supplier):
                with self.subTest(user=user.login, partner=partner.name):
                    _arch, values = self._partner_form(partner, user)
                    self.assertEqual(values["id"], partner.id)

    def test_member_gets_the_services_button_and_pages(self):
        arch, values = self._partner_form(self.member, self.office)
        self.assertTrue(self._form_shows(arch, values, self.button))
        self.assertEqual(values["coop_points_standard"], -2)
        for page in PAGES:
            self.assertTrue(
                self._form_shows(arch, values, f"//page[@name='{page}']"), page
            )

    def test_supplier_gets_no_shift_page(self):
        arch, values = self._partner_form(self.supplier, self.office)
        self.assertFalse(self._form_shows(arch, values, self.button))
        for page in PAGES:
            self.assertFalse(
                self._form_shows(arch, values, f"//page[@name='{page}']"), page
            )

    def test_desk_without_shift_group_gets_no_button(self):
        arch, _values = self._partner_form(self.member, self.desk)
        self.assertFalse(arch.xpath(self.button))
