# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestAccess(SsaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Private", monthly_income=1234.0, adults=2)
        cls._credit(cls.ben, 40.0)
        cls.cashier = new_test_user(
            cls.env,
            login="ssa_cashier",
            groups="base.group_user,coop_ssa.group_ssa_cashier",
        )
        cls.officer = new_test_user(
            cls.env,
            login="ssa_officer",
            groups="base.group_user,coop_ssa.group_ssa_officer",
        )
        cls.manager = new_test_user(
            cls.env,
            login="ssa_manager",
            groups="base.group_user,coop_ssa.group_ssa_manager",
        )
        cls.plain = new_test_user(cls.env, login="ssa_plain", groups="base.group_user")

    def test_cashier_reads_no_beneficiary_record(self):
        ben = self.ben.with_user(self.cashier)
        for fields in (["wallet_balance"], ["monthly_income"], ["adults"]):
            with self.assertRaises(AccessError):
                ben.read(fields)
        self.assertNotIn("monthly_income", ben.fields_get())

    def test_cashier_cannot_touch_beneficiaries_or_ledger(self):
        with self.assertRaises(AccessError):
            self.ben.with_user(self.cashier).write({"active": False})
        with self.assertRaises(AccessError):
            self.env["coop.ssa.wallet.line"].with_user(self.cashier).create(
                {"beneficiary_id": self.ben.id, "kind": "correction", "amount": 1000}
            )
        with self.assertRaises(AccessError):
            self.env["coop.ssa.claim"].with_user(self.cashier).search([])

    def test_plain_user_has_no_balance_rpc(self):
        with self.assertRaises(AccessError):
            self.env["coop.ssa.beneficiary"].with_user(self.plain).pos_ssa_wallet(
                self.fund.id, 1
            )

    def test_officer_reads_income_and_manages_beneficiaries(self):
        ben = self.ben.with_user(self.officer)
        self.assertEqual(ben.monthly_income, 1234.0)
        ben.monthly_income = 1500.0
        self.assertEqual(ben.persons, 2)
        self.env["coop.ssa.claim"].with_user(self.officer).search([])
        with self.assertRaises(AccessError):
            self.fund.with_user(self.officer).write({"allowance_per_person": 1})

    def test_manager_configures_fund_and_levels(self):
        self.fund.with_user(self.manager).write({"allowance_per_person": 120.0})
        self.assertEqual(self.ben.allowance_amount, 240.0)
        self.env["coop.ssa.level"].with_user(self.manager).create(
            {"name": "Half", "rate": 50}
        )
        with self.assertRaises(AccessError):
            self.env["coop.ssa.level"].with_user(self.officer).create(
                {"name": "X", "rate": 5}
            )
