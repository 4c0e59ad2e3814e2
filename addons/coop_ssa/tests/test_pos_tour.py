# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestSsaTill(TestPointOfSaleHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        # the tours read English labels (the test database speaks French)
        env["res.lang"]._activate_lang("en_US")
        cls.pos_user.write(
            {
                "lang": "en_US",
                "groups_id": [Command.link(env.ref("coop_ssa.group_ssa_cashier").id)],
            }
        )
        env.user.groups_id += env.ref("coop_ssa.group_ssa_manager")
        fund_partner = env["res.partner"].create({"name": "Tour fund"})
        cls.fund = env["coop.ssa.fund"].create(
            {
                "name": "Tour fund",
                "partner_id": fund_partner.id,
                "allowance_per_person": 50,
            }
        )
        ssa_journal = env["account.journal"].create(
            {"name": "SSA tour", "type": "bank", "code": "SSAT"}
        )
        outstanding = cls.inbound_payment_method_line.payment_account_id
        cls.ssa_pm = env["pos.payment.method"].create(
            {
                "name": "SSA fund",
                "journal_id": ssa_journal.id,
                "outstanding_account_id": outstanding.id,
                "ssa_fund_id": cls.fund.id,
            }
        )
        cls.main_pos_config.write({"payment_method_ids": [Command.link(cls.ssa_pm.id)]})
        level = env["coop.ssa.level"]
        full = level.create({"name": "Tour full", "rate": 100})
        most = level.create({"name": "Tour most", "rate": 70})
        for name, lvl in (
            ("SSA Carrots", full),
            ("SSA Cheese", most),
            ("SSA Soda", False),
        ):
            # sudo: coverage is set here as the committee's data would be
            env["product.product"].sudo().create(
                {
                    "name": name,
                    "list_price": 10.0,
                    "available_in_pos": True,
                    "taxes_id": [Command.clear()],
                    "ssa_level_id": lvl and lvl.id,
                }
            )
        alice = env["res.partner"].create({"name": "AAA SSA Alice"})
        cls.ben = env["coop.ssa.beneficiary"].create(
            {
                "partner_id": alice.id,
                "fund_id": cls.fund.id,
                "date_start": date(2020, 1, 1),
            }
        )
        cls.fund._allot(cls.fund._period_start())

    def test_mixed_basket_part_ssa_part_cash(self):
        self.start_pos_tour("CoopSsaMixedBasketTour")
        self.assertEqual(self.ben.wallet_balance, 33.0)

    def test_cashier_reads_balance_and_eligible_before_paying(self):
        self.start_pos_tour("CoopSsaSummaryTour")
        self.assertEqual(self.ben.wallet_balance, 33.0)

    def test_till_user_without_ssa_group_does_not_see_the_method(self):
        self.pos_user.groups_id -= self.env.ref("coop_ssa.group_ssa_cashier")
        self.start_pos_tour("CoopSsaHiddenMethodTour")

    def test_external_fund_records_the_reference(self):
        """An external fund (MonA, vouchers): the cashier types the reference,
        SSA pays the eligible part, no wallet of this database is touched."""
        self.fund.mode = "external"
        self.start_pos_tour("CoopSsaExternalTour")
        payment = self.env["pos.payment"].search(
            [("payment_method_id", "=", self.ssa_pm.id)]
        )
        self.assertEqual(payment.mapped("ssa_external_ref"), ["MONA-42"])
        self.assertEqual(payment.amount, 10.0)
        self.assertEqual(self.ben.wallet_balance, 50.0)
        self.assertFalse(
            self.ben.wallet_line_ids.filtered(lambda x: x.kind == "payment")
        )

    def test_overspend_refused(self):
        self.start_pos_tour("CoopSsaOverspendTour")
        self.assertEqual(self.ben.wallet_balance, 0.0)

    def test_refund_credits_wallet(self):
        self.start_pos_tour("CoopSsaRefundTour")
        self.assertEqual(self.ben.wallet_balance, 40.0)
        kinds = self.ben.wallet_line_ids.mapped("kind")
        self.assertIn("refund", kinds)

    def test_offline_refused(self):
        self.start_pos_tour("CoopSsaOfflineTour")
        self.assertEqual(self.ben.wallet_balance, 50.0)
        self.assertFalse(
            self.ben.wallet_line_ids.filtered(lambda x: x.kind == "payment")
        )
