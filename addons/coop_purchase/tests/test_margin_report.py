# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CoopPosCase


@tagged("at_install", "-post_install")
class TestMarginReport(CoopPosCase):
    def test_margin_by_category_and_supplier_against_target(self):
        bread = self._product("Pain test", 1.5, list_price=2.0).product_variant_id
        self._sale([(bread, 10, 15.0)])
        self.env.flush_all()
        Report = self.env["coop.margin.report"]
        domain = [("product_id", "=", bread.id)]
        [(categ, partner, revenue, margin, target, gap)] = Report._read_group(
            domain,
            ["categ_id", "partner_id"],
            ["revenue:sum", "margin:sum", "target_margin:sum", "margin_gap:sum"],
        )
        self.assertEqual((categ, partner), (self.categ, self.farm))
        self.assertAlmostEqual(revenue, 20.0)
        self.assertAlmostEqual(margin, 5.0)
        self.assertAlmostEqual(target, 20.0 * 0.2 / 1.2)  # markup 20 %
        self.assertAlmostEqual(gap, 5.0 - 20.0 * 0.2 / 1.2)
        self.company.coop_margin_mode = "margin"
        self.env.flush_all()
        [(target,)] = Report._read_group(domain, [], ["target_margin:sum"])
        self.assertAlmostEqual(target, 4.0)
