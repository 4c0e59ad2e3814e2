# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import SsaPosCase

VERSION = "18.0.1.1.0"


def _script(name):
    path = file_path(f"coop_ssa/migrations/{VERSION}/{name}.py")
    spec = importlib.util.spec_from_file_location(f"coop_ssa_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigration(SsaPosCase):
    """Rows as 18.0.1.0.0 left them, then the 18.0.1.1.0 scripts."""

    def test_migrate_from_1_0(self):
        ben = self._beneficiary("Migrated")
        self._credit(ben, 50.0)
        order = self._sync(
            ben.partner_id,
            [(self.p_full, 1), (self.p_most, 1), (self.p_none, 1)],
            [(self.ssa_pm, 17.0), (self.cash_pm, 13.0)],
        )
        claim = self.env["coop.ssa.claim"].create(
            {
                "fund_id": self.fund.id,
                "date_from": "2020-01-01",
                "date_to": "2099-12-31",
            }
        )
        payment = order.payment_ids.filtered("payment_method_id.ssa_fund_id")
        manual = ben.wallet_line_ids.filtered(lambda x: x.kind == "correction")
        self.env.flush_all()
        # what 18.0.1.0.0 stored: an 'adjustment' kind, claims on payments,
        # no SSA share on the lines
        cr = self.env.cr
        cr.execute(
            "UPDATE coop_ssa_wallet_line SET kind = 'adjustment' WHERE id = %s",
            [manual.id],
        )
        cr.execute(
            "UPDATE pos_payment SET ssa_claim_id = %s WHERE id = %s",
            [claim.id, payment.id],
        )
        cr.execute(
            "UPDATE pos_order_line SET ssa_amount = NULL WHERE order_id = %s",
            [order.id],
        )
        # what pre-/post-migration's migrate() run, without the upgrade frame
        _script("pre-migration").adjustments_become_corrections(cr)
        post = _script("post-migration")
        post.link_claimed_ledger_lines(cr)
        post.fill_line_ssa_amounts(cr)
        self.env.invalidate_all()
        self.assertEqual(manual.kind, "correction")
        self.assertEqual(claim.wallet_line_ids.pos_payment_id, payment)
        by_product = {line.product_id: line.ssa_amount for line in order.lines}
        self.assertEqual(by_product[self.p_full], 10.0)
        self.assertEqual(by_product[self.p_most], 7.0)
        self.assertFalse(by_product[self.p_none])
