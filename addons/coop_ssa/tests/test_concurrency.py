# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
from types import SimpleNamespace
from unittest.mock import patch

from psycopg2.errors import LockNotAvailable, SerializationFailure

from odoo.exceptions import UserError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tests import tagged
from odoo.tools import SQL, mute_logger

from .common import SsaCommittedCase, SsaPosCase

PAYERS = 20


@tagged("post_install", "-at_install")
class TestConcurrentPayments(SsaCommittedCase):
    """20 payments of 15 on a wallet of 100, each from its own committed cursor."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            partner, fund, ben = self._committed_wallet(
                self._env(cr), "Concurrent wallet"
            )
            self.rec_ids = (partner.id, fund.id, ben.id)
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        partner_id, fund_id, ben_id = self.rec_ids
        with self.registry.cursor() as cr:
            # raw SQL: the ledger refuses deletion through the ORM by design
            cr.execute(
                SQL(
                    "DELETE FROM coop_ssa_wallet_line WHERE beneficiary_id = %s", ben_id
                )
            )
            cr.execute(SQL("DELETE FROM coop_ssa_beneficiary WHERE id = %s", ben_id))
            cr.execute(SQL("DELETE FROM coop_ssa_fund WHERE id = %s", fund_id))
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", partner_id))

    def _pay(self, barrier, outcomes):
        ben_id = self.rec_ids[2]
        barrier.wait()
        for _attempt in range(60):
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    ben = env["coop.ssa.beneficiary"].browse(ben_id)
                    ben._wallet_debit([{"amount": -15.0}])
                outcomes.append("paid")
                return
            except UserError:
                outcomes.append("refused")
                return
            except (SerializationFailure, LockNotAvailable):
                time.sleep(0.01)
        outcomes.append("gave up")

    def test_twenty_concurrent_payments(self):
        barrier = threading.Barrier(PAYERS)
        outcomes = []
        threads = [
            threading.Thread(target=self._pay, args=(barrier, outcomes))
            for _i in range(PAYERS)
        ]
        # a refused lock logs the failed query: expected here
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertEqual(len(outcomes), PAYERS)
        self.assertEqual(outcomes.count("paid"), 6)  # 6 × 15 = 90 ≤ 100 < 105
        self.assertEqual(outcomes.count("refused"), PAYERS - 6)
        balance, ledger = self._balance_and_ledger(self.rec_ids[2])
        self.assertEqual(balance, ledger)
        self.assertEqual(balance, 10.0)
        self.assertGreaterEqual(balance, 0)


@tagged("post_install", "-at_install")
class TestWalletBusy(SsaPosCase):
    """A sale that meets the wallet locked by another till's sale is refused
    in words (try again), never with the database's concurrency error."""

    def test_concurrency_error_becomes_a_refusal_in_words(self):
        ben = self._beneficiary("Busy")
        self._credit(ben, 50.0)
        Ben = type(self.env["coop.ssa.beneficiary"])
        for error in (SerializationFailure, LockNotAvailable):
            with (
                self.subTest(error=error.__name__),
                patch.object(Ben, "_find_participating", side_effect=error()),
                self.assertRaisesRegex(UserError, "another till|autre caisse"),
            ):
                self._sync(ben.partner_id, [(self.p_full, 1)], [(self.ssa_pm, 10.0)])
        self.assertEqual(ben.wallet_balance, 50.0)
        self.assertEqual(len(ben.wallet_line_ids), 1)

    def test_in_a_request_the_server_replays_before_refusing(self):
        """Within a request, the concurrency error is left to the server's
        replay of the request; the last try is refused in words."""
        fake_request = SimpleNamespace()
        busy = self.env["pos.order"]._ssa_wallet_busy
        with patch("odoo.addons.coop_ssa.models.pos_order.request", fake_request):
            for _try in range(MAX_TRIES_ON_CONCURRENCY_FAILURE - 1):
                with self.assertRaises(SerializationFailure), busy():
                    raise SerializationFailure()
            with (
                self.assertRaisesRegex(UserError, "another till|autre caisse"),
                busy(),
            ):
                raise SerializationFailure()
