# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.coop_ssa.models.ssa_flow import ssa_flow

from .common import SsaCase

MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)


@tagged("post_install", "-at_install")
class TestAllotment(SsaCase):
    def _lines(self, ben, kind):
        return ben.wallet_line_ids.filtered(lambda line: line.kind == kind)

    def test_allotment_is_idempotent(self):
        ben = self._beneficiary("Once", adults=2)
        self.fund._allot(MARCH)
        self.fund._allot(MARCH)
        self.assertEqual(len(self._lines(ben, "allotment")), 1)
        self.assertEqual(ben.wallet_balance, 200.0)

    def test_unique_index_guards_allotment(self):
        ben = self._beneficiary("Guarded")
        self.fund._allot(MARCH)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                ssa_flow(self.env["coop.ssa.wallet.line"]).create(
                    {
                        "beneficiary_id": ben.id,
                        "kind": "allotment",
                        "amount": 1,
                        "period": MARCH,
                    }
                )

    def test_roll_over_keeps_balance(self):
        ben = self._beneficiary("Roll")
        self.fund._allot(MARCH)
        self.fund._allot(APRIL)
        self.assertEqual(ben.wallet_balance, 200.0)

    def test_expire_writes_expiry_line(self):
        self.fund.carry_over = "expire"
        ben = self._beneficiary("Expire")
        self.fund._allot(MARCH)
        self._credit(ben, -30.0)
        self.fund._allot(APRIL)
        self.assertEqual(self._lines(ben, "expiry").amount, -70.0)
        self.assertEqual(ben.wallet_balance, 100.0)

    def test_cap_limits_the_allotment(self):
        self.fund.write({"carry_over": "cap", "balance_cap": 150.0})
        ben = self._beneficiary("Cap")
        self.fund._allot(MARCH)
        self.fund._allot(APRIL)
        self.assertEqual(ben.wallet_balance, 150.0)
        self.assertEqual(
            self._lines(ben, "allotment").sorted("period").mapped("amount"),
            [100.0, 50.0],
        )

    def test_only_participating_beneficiaries(self):
        gone = self._beneficiary("Gone", date_end=date(2025, 2, 28))
        later = self._beneficiary("Later", date_start=date(2025, 5, 1))
        self.fund._allot(MARCH)
        self.assertFalse(gone.wallet_line_ids | later.wallet_line_ids)

    def test_cron_runs_internal_funds_only(self):
        ben = self._beneficiary("Cron")
        external = self.fund.copy({"name": "External", "mode": "external"})
        ext_ben = self._beneficiary("Ext", fund=external)
        self.env["coop.ssa.fund"]._cron_monthly_allotment()
        self.assertEqual(ben.wallet_balance, 100.0)
        self.assertFalse(ext_ben.wallet_line_ids)
