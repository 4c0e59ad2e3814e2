# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestSsaPartnerForm(SsaCase, CoopMemberCase):
    """The SSA balance button: for fund officers only, never an error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Bénéficiaire form")
        cls._credit(cls.ben, 40.0)
        cls.desk = new_test_user(
            cls.env,
            login="ssa_form_desk",
            groups="base.group_user,coop_membership.group_coop_member_desk",
        )
        cls.till_user = new_test_user(
            cls.env,
            login="ssa_form_cashier",
            groups="base.group_user,point_of_sale.group_pos_user,"
            "coop_ssa.group_ssa_cashier",
        )
        cls.officer = new_test_user(
            cls.env,
            login="ssa_form_officer",
            groups="base.group_user,coop_ssa.group_ssa_officer",
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Maraîcher SARL", "is_company": True}
        )
        action = cls.env.ref("coop_ssa.coop_ssa_beneficiary_action")
        cls.button = f"//button[@name='{action.id}']"

    def test_form_loads_without_the_balance_for_desk_and_cashier(self):
        for user in (self.desk, self.till_user):
            for partner in (self.ben.partner_id, self.supplier):
                with self.subTest(user=user.login, partner=partner.name):
                    arch, values = self._partner_form(partner, user)
                    self.assertEqual(values["id"], partner.id)
                    self.assertFalse(arch.xpath(self.button))
                    self.assertNotIn("ssa_wallet_balance", values)

    def test_officer_sees_the_balance(self):
        arch, values = self._partner_form(self.ben.partner_id, self.officer)
        self.assertTrue(self._form_shows(arch, values, self.button))
        self.assertEqual(values["ssa_wallet_balance"], self.ben.wallet_balance)
        self.assertEqual(values["ssa_wallet_balance"], 40.0)
        self.assertEqual(values["ssa_wallet_count"], 1)

    def test_supplier_gets_no_button(self):
        arch, values = self._partner_form(self.supplier, self.officer)
        self.assertFalse(self._form_shows(arch, values, self.button))
        self.assertEqual(values["ssa_wallet_balance"], 0.0)

    def test_compute_does_not_raise_without_wallet_access(self):
        partner = self.ben.partner_id.with_user(self.till_user)
        names = ("ssa_wallet_balance", "ssa_wallet_count", "ssa_currency_id")
        with self.env.protecting([partner._fields[name] for name in names], partner):
            partner._compute_ssa_wallet_balance()
        self.assertEqual(partner.ssa_wallet_balance, 0.0)
