# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import uuid
from traceback import format_exc

import requests

import odoo.http
from odoo import Command, fields
from odoo.modules.registry import DummyRLock, Registry
from odoo.service import security
from odoo.tests import tagged
from odoo.tools import config, mute_logger

from .common import SsaCommittedCase

TILLS = 10
PRICE = 15.0
USER_ERROR = "odoo.exceptions.UserError"
BUSY = "en cours d'utilisation sur une autre caisse"  # "try again", in French
RESENDS = 20  # how often a cashier presses "validate" again on "try again"


@tagged("post_install", "-at_install")
class TestTenTillsOneWallet(SsaCommittedCase):
    """Ten tills, each its own cashier, session and HTTP client, send at the
    same time a real ``sync_from_ui`` request paying 15 by SSA on one wallet of
    100: exactly the six affordable sales pass, the four others are refused in
    French words (a till told the wallet is busy sends again, as its cashier
    would), no till ever sees a database error, and the ledger equals the
    balance."""

    def setUp(self):
        super().setUp()
        tag = uuid.uuid4().hex[:8]
        with self.registry.cursor() as cr:
            env = self._env(cr)
            self.data = self._setup_data(env, tag)

    def _setup_data(self, env, tag):
        partner, fund, ben = self._committed_wallet(env, f"HTTP wallet {tag}")
        level = env["coop.ssa.level"].create({"name": f"HTTP {tag}", "rate": 100})
        product = env["product.product"].create(
            {
                "name": f"HTTP carrots {tag}",
                "list_price": PRICE,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                "ssa_level_id": level.id,
            }
        )
        journal = env["account.journal"].create(
            {"name": f"HTTP SSA {tag}", "type": "bank", "code": tag[:5].upper()}
        )
        ssa_pm = env["pos.payment.method"].create(
            {
                "name": f"HTTP SSA {tag}",
                "journal_id": journal.id,
                "ssa_fund_id": fund.id,
            }
        )
        # one till (config, session, order sequence) per cashier, as in a shop
        sessions = []
        for index in range(TILLS):
            till = env["pos.config"].create(
                {
                    "name": f"HTTP till {index} {tag}",
                    "payment_method_ids": [Command.set(ssa_pm.ids)],
                }
            )
            till.open_ui()
            till.current_session_id.set_opening_control(0, None)
            sessions.append(till.current_session_id)
        groups = "point_of_sale.group_pos_user,coop_ssa.group_ssa_cashier"
        logins = [f"till{i}_{tag}" for i in range(TILLS)]
        for login in logins:
            env["res.users"].create(
                {
                    "name": login,
                    "login": login,
                    "lang": "fr_FR",
                    "groups_id": [
                        Command.set([env.ref(g).id for g in groups.split(",")])
                    ],
                }
            )
        return {
            "ben": ben.id,
            "partner": partner.id,
            "product": product.id,
            "pm": ssa_pm.id,
            "sessions": [session.id for session in sessions],
            "pricelist": sessions[0].config_id.pricelist_id.id,
            "logins": logins,
        }

    def _order(self, session_id):
        uid = str(uuid.uuid4())
        data = self.data
        return {
            "amount_paid": PRICE,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": PRICE,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "name": f"Order {uid}",
            "lines": [
                [
                    0,
                    0,
                    {
                        "product_id": data["product"],
                        "qty": 1,
                        "price_unit": PRICE,
                        "price_subtotal": PRICE,
                        "price_subtotal_incl": PRICE,
                        "tax_ids": [],
                    },
                ]
            ],
            "partner_id": data["partner"],
            "pricelist_id": data["pricelist"],
            "session_id": session_id,
            "sequence_number": 1,
            "payment_ids": [
                [
                    0,
                    0,
                    {
                        "amount": PRICE,
                        "name": fields.Datetime.to_string(fields.Datetime.now()),
                        "payment_method_id": data["pm"],
                    },
                ]
            ],
            "uuid": uid,
            "to_invoice": False,
            "state": "paid",
        }

    def _rpc(self, http, path, params):
        url = f"http://127.0.0.1:{config['http_port']}{path}"
        payload = {"jsonrpc": "2.0", "method": "call", "params": params}
        return http.post(url, json=payload, timeout=120).json()

    def _till(self, index, barrier, outcomes):
        try:
            outcomes.append(self._pay_over_http(index, barrier))
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            barrier.abort()
            outcomes.append({"name": repr(error), "message": format_exc(), "seen": []})

    def _http_session(self, login):
        """An HTTP client logged in as ``login`` (a session stored as the
        login page would store it, without the password's hashing cost)."""
        session = odoo.http.root.session_store.new()
        session.update(odoo.http.get_default_session(), db=self.registry.db_name)
        with self.registry.cursor() as cr:
            env = self._env(cr)
            user = env["res.users"].search([("login", "=", login)])
            env = env(user=user.id)
            session.uid, session.login = user.id, login
            session.session_token = security.compute_session_token(session, env)
            session.context = dict(env["res.users"].context_get())
        odoo.http.root.session_store.save(session)
        http = requests.Session()
        http.cookies["session_id"] = session.sid
        return http

    def _pay_over_http(self, index, barrier):
        """What the till saw: "paid", or the error of its last answer, with
        every error seen on the way."""
        http = self._http_session(self.data["logins"][index])
        order = self._order(self.data["sessions"][index])
        barrier.wait(timeout=60)
        seen = []
        for _attempt in range(RESENDS):
            answer = self._rpc(
                http,
                "/web/dataset/call_kw/pos.order/sync_from_ui",
                {
                    "model": "pos.order",
                    "method": "sync_from_ui",
                    "args": [[order]],
                    "kwargs": {},
                },
            )
            error = answer.get("error", {}).get("data")
            if not error:
                return {"name": "paid", "seen": seen}
            seen.append(error)
            if BUSY not in error["message"]:
                break
        return {**error, "seen": seen}

    def test_ten_tills_pay_on_one_wallet(self):
        barrier = threading.Barrier(TILLS)
        outcomes = []
        threads = [
            threading.Thread(target=self._till, args=(index, barrier, outcomes))
            for index in range(TILLS)
        ]
        # The test runner holds the registry lock that each request takes to
        # find its registry; requests here use their own real cursors, so the
        # lock is set aside the way HttpCase does for its requests.
        saved, Registry._lock = Registry._lock, DummyRLock()
        try:
            with mute_logger("odoo.http", "odoo.sql_db", "odoo.service.model"):
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=300)
        finally:
            Registry._lock = saved
        self.assertEqual(len(outcomes), TILLS)
        names = [o["name"] for o in outcomes]
        self.assertEqual(names.count("paid"), 6, outcomes)  # 6 × 15 ≤ 100 < 7 × 15
        self.assertEqual(names.count(USER_ERROR), TILLS - 6, outcomes)
        for outcome in outcomes:
            for error in outcome["seen"]:
                self.assertEqual(error["name"], USER_ERROR, error)
                self.assertRegex(error["message"], BUSY + "|refusé", error)
            if outcome["name"] == USER_ERROR:
                self.assertIn("refusé", outcome["message"])
                self.assertIn("15", outcome["message"])
        balance, ledger = self._balance_and_ledger(self.data["ben"])
        self.assertEqual((balance, ledger), (100.0 - PRICE * 6,) * 2)
