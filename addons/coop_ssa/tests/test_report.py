# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import SsaPosCase


@tagged("post_install", "-at_install")
class TestSsaReports(SsaPosCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ben = cls._beneficiary("Reported")
        cls.fund._allot(cls.fund._period_start())
        cls.order = cls._sync(
            cls.ben.partner_id,
            [(cls.p_full, 1), (cls.p_most, 1), (cls.p_none, 1)],
            [(cls.ssa_pm, 17.0), (cls.cash_pm, 13.0)],
        )

    def test_spending_is_spread_over_eligible_lines(self):
        self.env.flush_all()
        rows = self.env["coop.ssa.spending.report"].search(
            [("order_id", "=", self.order.id)]
        )
        by_level = {row.level_id: row.ssa_amount for row in rows}
        self.assertEqual(len(rows), 2, "the soda line is not eligible")
        self.assertAlmostEqual(by_level[self.level_100], 10.0)
        self.assertAlmostEqual(by_level[self.level_70], 7.0)

    def test_allotted_vs_spent(self):
        self.env.flush_all()
        row = self.env["coop.ssa.period.report"].search(
            [("fund_id", "=", self.fund.id)]
        )
        self.assertEqual((row.allotted, row.spent, row.expired), (100.0, 17.0, 0.0))
        self.assertEqual(row.beneficiary_count, 1)

    def test_session_books_ssa_on_the_clearing_account(self):
        self.session.post_closing_cash_details(13.0)
        self.session.close_session_from_ui()
        lines = self.env["account.move.line"].search(
            [("account_id", "=", self.clearing.id)]
        )
        self.assertEqual(sum(lines.mapped("balance")), 17.0)
