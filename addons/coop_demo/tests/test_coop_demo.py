# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import TransactionCase, tagged

ROLES = {
    "accueil": ["coop_membership.group_coop_member_desk"],
    "caisse": ["point_of_sale.group_pos_user", "coop_ssa.group_ssa_cashier"],
    "referent": ["coop_shift.group_coop_shift_leader"],
    "bureau": ["coop_shift.group_coop_shift_staff"],
    "ssa": ["coop_ssa.group_ssa_officer"],
    "formateur": ["coop_training.group_training_trainer"],
    "formation": ["coop_training.group_training_coordinator"],
    "membre": ["base.group_portal"],
}
STATES = {"up_to_date", "alert", "suspended", "holiday", "candidate", "former"}


@tagged("post_install", "-at_install")
class TestCoopDemo(TransactionCase):
    """The demo coop shows every journey on the day it is built."""

    def test_company_is_a_french_food_coop(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.city, "Paris")
        self.assertEqual(company.country_id, self.env.ref("base.fr"))
        self.assertIn("RCS Paris", company.company_registry)
        self.assertIn("capital variable", company.report_header)
        self.assertTrue(company.logo)
        if "siret" in company._fields:
            self.assertEqual(len(company.siret), 14)

    def test_users_per_role(self):
        Users = self.env["res.users"]
        for login, groups in ROLES.items():
            user = Users.search([("login", "=", login)])
            self.assertTrue(user, login)
            for group in groups:
                self.assertTrue(user.has_group(group), f"{login}: {group}")
        leader = Users.search([("login", "=", "referent")])
        self.assertFalse(leader.has_group("coop_shift.group_coop_shift_staff"))
        self.assertTrue(leader.partner_id.coop_can_shop)
        member = Users.search([("login", "=", "membre")])
        self.assertIn(member.partner_id.coop_state, STATES | {"member"})

    def test_members_only_grocery_till(self):
        till = self.env.ref("point_of_sale.pos_config_main")
        self.assertTrue(till.coop_members_only)
        self.assertTrue(
            till.payment_method_ids.filtered("ssa_fund_id"), "the till takes the SSA"
        )
        products = self.env["product.product"].search(
            till._get_available_product_domain()
        )
        furniture = self.env.ref("point_of_sale.desk_pad", raise_if_not_found=False)
        self.assertTrue(products)
        if furniture:
            self.assertNotIn(furniture, products)
        weighed = products.filtered("to_weight")
        self.assertTrue(weighed)
        self.assertEqual(weighed.uom_id, self.env.ref("uom.product_uom_kgm"))

    def test_members_in_every_status(self):
        groups = self.env["res.partner"]._read_group(
            [("coop_state", "in", list(STATES))], ["coop_state"], ["__count"]
        )
        self.assertEqual({state for state, _count in groups}, STATES)
        self.assertTrue(
            self.env["res.partner"].search_count(
                [("coop_household_parent_id", "!=", False)]
            )
        )

    def test_shift_today_led_by_the_team_leader(self):
        today = fields.Date.context_today(self.env["coop.shift"])
        shifts = self.env["coop.shift"].search([("date", "=", today)])
        self.assertTrue(shifts)
        leader = self.env.ref("coop_demo.user_team_leader").partner_id
        self.assertIn(leader, shifts.template_id.leader_ids)
        self.assertTrue(
            self.env["coop.shift"].search_count([("date", ">", today)]) > 10
        )

    def test_ssa_and_training(self):
        beneficiaries = self.env["coop.ssa.beneficiary"].search([])
        self.assertTrue(beneficiaries.filtered(lambda b: b.wallet_balance > 0))
        self.assertTrue(self.env["coop.ssa.claim"].search_count([]))
        session = self.env.ref("coop_demo.training_session_now")
        now = fields.Datetime.now()
        self.assertTrue(session.date_begin <= now <= session.date_end)
        lines = self.env["coop.training.attendance"].search(
            [("event_id", "=", session.id)]
        )
        self.assertTrue(lines.filtered("signed_at"))
        self.assertTrue(lines.filtered(lambda line: not line.signed_at))
