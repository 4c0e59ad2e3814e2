# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SsaCase


@tagged("post_install", "-at_install")
class TestConventionnement(SsaCase):
    def test_product_without_level_is_not_payable(self):
        self.assertFalse(self.p_none.ssa_effective_level_id)
        self.assertEqual(self.p_none.ssa_rate, 0.0)

    def test_category_level_is_inherited_down_the_tree(self):
        self.categ.ssa_level_id = self.level_30
        leek = self._product("Leek", 2.0, categ=self.sub_categ)
        self.assertEqual(leek.ssa_effective_level_id, self.level_30)

    def test_product_level_wins_over_category_and_supplier(self):
        self.categ.ssa_level_id = self.level_30
        farmer = self.env["res.partner"].create(
            {"name": "Farm", "ssa_level_id": self.level_70.id}
        )
        apple = self._product("Apple", 2.0, categ=self.sub_categ)
        apple.seller_ids = [Command.create({"partner_id": farmer.id})]
        self.assertEqual(apple.ssa_effective_level_id, self.level_70)
        apple.ssa_level_id = self.level_100
        self.assertEqual(apple.ssa_effective_level_id, self.level_100)

    def _decision(self, **vals):
        return self.env["coop.ssa.decision"].create(
            {
                "name": "Committee",
                "fund_id": self.fund.id,
                "criterion_ids": [
                    Command.create({"name": "Locality", "score": 4}),
                    Command.create({"name": "Price transparency", "score": 3}),
                ],
                **vals,
            }
        )

    def test_decision_sets_level_on_supplier(self):
        supplier = self.env["res.partner"].create(
            {"name": "Local dairy", "ssa_local_producer": True}
        )
        decision = self._decision(
            target="supplier",
            supplier_id=supplier.id,
            level_id=self.level_70.id,
            outcome="approved",
        )
        self.assertEqual(decision.score_total, 7)
        decision.action_apply()
        self.assertEqual(supplier.ssa_level_id, self.level_70)
        self.assertEqual(decision.state, "applied")

    def test_decision_removes_level(self):
        decision = self._decision(
            target="product",
            product_tmpl_id=self.p_full.product_tmpl_id.id,
            action="remove",
            outcome="approved",
        )
        decision.action_apply()
        self.assertFalse(self.p_full.ssa_effective_level_id)

    def test_rejected_decision_cannot_be_applied(self):
        decision = self._decision(
            target="category",
            categ_id=self.categ.id,
            level_id=self.level_30.id,
            outcome="rejected",
        )
        with self.assertRaises(UserError):
            decision.action_apply()
        self.assertFalse(self.categ.ssa_level_id)

    def test_decision_needs_a_target_and_a_level(self):
        with self.assertRaises(ValidationError):
            self._decision(target="category", level_id=self.level_30.id)
        with self.assertRaises(ValidationError):
            self._decision(target="category", categ_id=self.categ.id)
