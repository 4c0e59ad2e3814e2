# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestOffice(SsaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = new_test_user(
            cls.env,
            login="office_officer",
            groups="coop_ssa.group_ssa_officer,base.group_partner_manager",
        )

    def _new_beneficiary(self, context, name):
        Ben = self.env["coop.ssa.beneficiary"].with_user(self.officer)
        partner = self.env["res.partner"].create({"name": name})
        with Form(Ben.with_context(**context)) as form:
            form.partner_id = partner
            if not form.fund_id:
                form.fund_id = self.fund
            form.adults = 2
        return form.record

    def test_new_beneficiary_from_every_menu(self):
        menus = self.env["ir.ui.menu"].search(
            [
                (
                    "action",
                    "=",
                    "ir.actions.act_window,%d"
                    % self.env.ref("coop_ssa.coop_ssa_beneficiary_action").id,
                )
            ]
        )
        self.assertGreaterEqual(len(menus), 2)
        contexts = [safe_eval(menu.action.context or "{}") for menu in menus]
        contexts.append(
            self.fund.with_user(self.officer).action_view_beneficiaries()["context"]
        )
        for index, context in enumerate(contexts):
            with self.subTest(context=context):
                ben = self._new_beneficiary(context, f"Newcomer {index}")
                self.assertEqual(ben.fund_id, self.fund)
                self.assertEqual(ben.sudo().allowance_amount, 200.0)

    def test_newcomer_gets_the_month_already_allotted(self):
        period = self.fund._period_start()
        self._beneficiary("Old timer")
        self.fund._allot(period)
        ben = self._new_beneficiary({}, "Whole month")
        self.assertEqual(ben.wallet_balance, 200.0)
        self.fund.first_month = "prorata"
        ben = self._new_beneficiary({}, "Pro rata")
        today = fields.Date.context_today(ben)
        days = (period + relativedelta(months=1) - period).days
        left = (period + relativedelta(months=1) - today).days
        self.assertAlmostEqual(ben.wallet_balance, round(200.0 * left / days, 2))

    def test_newcomer_before_the_allotment_waits_for_it(self):
        ben = self._new_beneficiary({}, "Early")
        self.assertEqual(ben.wallet_balance, 0.0)
        self.fund._allot(self.fund._period_start())
        self.assertEqual(ben.wallet_balance, 200.0)

    def test_allotment_says_how_many_and_how_much(self):
        self._beneficiary("One")
        self._beneficiary("Two", adults=2)
        action = self.fund.with_user(self.officer).action_allot_current_period()
        message = action["params"]["message"]
        self.assertIn("2", message)
        self.assertIn("300", message)
        action = self.fund.with_user(self.officer).action_allot_current_period()
        self.assertEqual(action["params"]["type"], "info")

    def test_conventioned_products_list(self):
        decision = self.env["coop.ssa.decision"].create(
            {
                "name": "Cheese convention",
                "target": "product",
                "product_tmpl_id": self.p_most.product_tmpl_id.id,
                "level_id": self.level_30.id,
                "outcome": "approved",
                "review_date": "2027-06-30",
            }
        )
        decision.action_apply()
        action = self.env.ref("coop_ssa.product_template_action_ssa_conventioned")
        Template = self.env["product.template"].with_user(self.officer)
        found = Template.search(safe_eval(action.domain))
        self.assertIn(self.p_full.product_tmpl_id, found)
        self.assertIn(self.p_most.product_tmpl_id, found)
        self.assertNotIn(self.p_none.product_tmpl_id, found)
        cheese = self.p_most.product_tmpl_id.with_user(self.officer)
        self.assertEqual(cheese.ssa_decision_id, decision)
        self.assertEqual(str(cheese.ssa_review_date), "2027-06-30")
        self.assertEqual(cheese.ssa_effective_level_id, self.level_30)
