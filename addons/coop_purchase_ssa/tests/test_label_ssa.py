# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.coop_purchase.tests.common import CoopPurchaseCase


@tagged("post_install", "-at_install")
class TestLabelSsa(CoopPurchaseCase):
    def test_label_shows_the_ssa_coverage(self):
        level = self.env["coop.ssa.level"].create({"name": "Most", "rate": 70.0})
        covered = self._product("Covered", 1.0, ssa_level_id=level.id)
        other = self._product("Not covered", 1.0)
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "coop_purchase.action_report_coop_shelf_label", (covered | other).ids
        )
        html = html.decode()
        self.assertEqual(html.count("coop-label-ssa"), 1)
        self.assertIn("70 % covered", html)
