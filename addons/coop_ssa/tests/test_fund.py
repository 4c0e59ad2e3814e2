# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestFund(SsaCase):
    def test_allowance_flat_per_person(self):
        ben = self._beneficiary("Flat", adults=2, children=1)
        self.assertEqual(ben.allowance_amount, 300.0)

    def test_allowance_household_with_max_persons(self):
        self.fund.write(
            {
                "allowance_type": "household",
                "allowance_base": 75.0,
                "allowance_per_person": 75.0,
                "allowance_max_persons": 4,
            }
        )
        small = self._beneficiary("Small", adults=1)
        big = self._beneficiary("Big", adults=2, children=5)
        self.assertEqual(small.allowance_amount, 150.0)
        self.assertEqual(big.allowance_amount, 75.0 + 4 * 75.0)

    def test_contribution_free_with_minimum(self):
        self.fund.contribution_min = 10.0
        low = self._beneficiary("Low", contribution_chosen=3.0)
        high = self._beneficiary("High", contribution_chosen=60.0)
        self.assertEqual(low.contribution_amount, 10.0)
        self.assertEqual(high.contribution_amount, 60.0)

    def test_contribution_brackets(self):
        self.fund.write(
            {
                "contribution_type": "bracket",
                "bracket_ids": [
                    (0, 0, {"income_from": 0, "income_to": 1000, "amount": 5}),
                    (0, 0, {"income_from": 1000, "income_to": 2500, "amount": 40}),
                    (0, 0, {"income_from": 2500, "income_to": 0, "amount": 120}),
                ],
            }
        )
        self.assertEqual(
            self._beneficiary("A", monthly_income=800).contribution_amount, 5
        )
        self.assertEqual(
            self._beneficiary("B", monthly_income=1000).contribution_amount, 40
        )
        self.assertEqual(
            self._beneficiary("C", monthly_income=9000).contribution_amount, 120
        )

    def test_beneficiary_need_not_be_member(self):
        ben = self._beneficiary("Not a member")
        self.assertEqual(ben.partner_id.coop_state, "not_member")
        found = self.env["coop.ssa.beneficiary"]._find_participating(
            self.fund.id, ben.partner_id.id
        )
        self.assertEqual(found[0], ben.id)

    def test_participation_dates(self):
        with self.assertRaises(ValidationError):
            self._beneficiary(
                "Backwards", date_start="2024-05-01", date_end="2024-04-01"
            )

    def test_ledger_is_append_only_and_balance_is_sum(self):
        ben = self._beneficiary("Ledger")
        self._credit(ben, 50.0)
        self._credit(ben, -20.0)
        self.assertEqual(ben.wallet_balance, 30.0)
        self.assertEqual(sum(ben.wallet_line_ids.mapped("amount")), 30.0)
        with self.assertRaises(UserError):
            ben.wallet_line_ids[0].amount = 99.0
        with self.assertRaises(UserError):
            ben.wallet_line_ids.unlink()

    def test_contributions_recorded_and_unpaid_visible(self):
        self.fund.contribution_min = 10.0
        ben = self._beneficiary("Contributor", contribution_chosen=20.0)
        period = self.fund._period_start("2025-03-15")
        self.fund._record_contributions(period)
        self.fund._record_contributions(period)
        contribution = ben.contribution_ids
        self.assertEqual(len(contribution), 1)
        self.assertEqual((contribution.amount, contribution.state), (20.0, "due"))
        self.assertEqual(ben.unpaid_contribution_total, 20.0)
        contribution.action_invoice()
        self.assertEqual(contribution.invoice_id.amount_total, 20.0)
        self.assertEqual(contribution.invoice_id.state, "posted")
        contribution.action_mark_paid()
        self.assertEqual(contribution.state, "paid")
        self.assertEqual(ben.unpaid_contribution_total, 0.0)

    def test_anonymised_export_has_no_names(self):
        ben = self._beneficiary("Jeanne Secret", adults=2, monthly_income=1234.0)
        self.fund._allot(self.fund._period_start("2025-03-01"))
        self._credit(ben, -30.0)
        csv_text = self.fund._anonymised_csv()
        self.assertNotIn("Jeanne", csv_text)
        self.assertNotIn("1234", csv_text)
        header, *rows = csv_text.strip().splitlines()
        self.assertTrue(header.startswith("participant,period"))
        self.assertIn("2025-03,2,1000", rows[0])
        action = self.fund.action_export_anonymised()
        self.assertEqual(action["type"], "ir.actions.act_url")

    def test_contributions_invoiced_when_the_fund_says_so(self):
        self.fund.write({"contribution_min": 5.0, "contribution_invoice": True})
        ben = self._beneficiary("Invoiced", contribution_chosen=12.0)
        self.fund._record_contributions(self.fund._period_start("2025-04-02"))
        invoice = ben.contribution_ids.invoice_id
        self.assertEqual((invoice.state, invoice.amount_total), ("posted", 12.0))
        self.assertEqual(invoice.partner_id, ben.partner_id)
        self.assertEqual(ben.contribution_ids.state, "due")
