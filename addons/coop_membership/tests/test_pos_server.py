# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged, users, warmup

from .common import CoopMemberCase


class PosServerCase(CoopMemberCase):
    """A members-only till with an open session, its cashier, a member and a
    candidate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a refused order's log line is written in its own cursor: in tests,
        # a cursor on the test transaction (as for browser tests)
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.config, cls.cashier = cls._members_only_till("coop_srv_cashier")
        cash_journal = cls.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", cls.env.company.id)], limit=1
        )
        cls.cash = cls.env["pos.payment.method"].create(
            {"name": "Espèces", "journal_id": cash_journal.id}
        )
        cls.config.payment_method_ids = cls.cash
        cls.config.open_ui()
        cls.session = cls.config.current_session_id
        cls.session.set_opening_control(0, None)
        cls.manager = new_test_user(
            cls.env,
            login="coop_srv_manager",
            groups="base.group_user,point_of_sale.group_pos_manager",
        )
        cls.manager.coop_pos_pin = "48213"
        cls.member = cls._create_member("Paula")
        cls.candidate = cls._create_member("Quentin", welcome=False)
        cls.product = cls.env["product.product"].create(
            {"name": "Pain", "available_in_pos": True, "list_price": 2, "taxes_id": []}
        )
        cls.Log = cls.env["coop.pos.access.log"]


@tagged("post_install", "-at_install")
class TestPosServerMembersOnly(PosServerCase):
    """The server, not the till, decides who buys on a members-only till."""

    def _order(self, partner):
        ref = str(uuid.uuid4())
        return {
            "uuid": ref,
            "name": f"Order {ref}",
            "session_id": self.session.id,
            "partner_id": partner.id,
            "user_id": self.cashier.id,
            "state": "paid",
            "pricelist_id": self.config.pricelist_id.id,
            "fiscal_position_id": False,
            "sequence_number": 1,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "to_invoice": False,
            "last_order_preparation_change": "{}",
            "amount_paid": 2.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 2.0,
            "lines": [
                (
                    0,
                    0,
                    {
                        "product_id": self.product.id,
                        "qty": 1,
                        "price_unit": 2.0,
                        "price_subtotal": 2.0,
                        "price_subtotal_incl": 2.0,
                        "tax_ids": [],
                        "pack_lot_ids": [],
                    },
                )
            ],
            "payment_ids": [
                (
                    0,
                    0,
                    {
                        "amount": 2.0,
                        "name": fields.Datetime.now(),
                        "payment_method_id": self.cash.id,
                    },
                )
            ],
        }

    def _sync(self, partner):
        order = self._order(partner)
        self.env["pos.order"].with_user(self.cashier).sync_from_ui([order])
        return self.env["pos.order"].search([("uuid", "=", order["uuid"])])

    def test_member_order_is_recorded(self):
        order = self._sync(self.member)
        self.assertEqual(order.state, "paid")
        self.assertFalse(self.Log.search([("partner_id", "=", self.member.id)]))

    def test_forged_order_for_a_refused_customer(self):
        """A client that skips the check pays for a candidate: the server
        refuses, records no order and logs the refusal (kept when the order
        is rolled back). No savepoint here: the proof is written aside."""
        order = self._order(self.candidate)
        try:
            self.env["pos.order"].with_user(self.cashier).sync_from_ui([order])
        except UserError as error:
            self.assertIn(self.candidate.coop_check_can_shop()["reason"], str(error))
        else:
            self.fail("the server recorded a paid order for a refused customer")
        self.assertFalse(self.env["pos.order"].search([("uuid", "=", order["uuid"])]))
        log = self.Log.search([("partner_id", "=", self.candidate.id)])
        self.assertEqual(log.event, "order_refused")
        self.assertEqual(log.user_id, self.cashier)
        self.assertEqual(log.order_ref, order["uuid"])
        self.assertEqual(log.session_id, self.session)

    def test_manager_override_lets_one_customer_through(self):
        as_cashier = self.candidate.with_user(self.cashier)
        self.assertTrue(as_cashier.coop_pos_override(self.config.id, "48213")["ok"])
        order = self._sync(self.candidate)
        self.assertEqual(order.state, "paid")
        override = self.Log.search([("event", "=", "override")])
        self.assertEqual(override.order_ref, order.uuid)
        self.assertEqual(override.override_user_id, self.manager)
        with self.assertRaises(UserError, msg="an override serves one order"):
            self._sync(self.candidate)

    def test_override_only_for_a_cashier_of_an_open_session(self):
        desk = new_test_user(
            self.env,
            login="coop_srv_desk",
            groups="coop_membership.group_coop_member_desk",
        )
        with self.assertRaises(AccessError):
            self.candidate.with_user(desk).coop_pos_override(self.config.id, "48213")
        closed, cashier = self._members_only_till("coop_srv_other")
        with self.assertRaises(AccessError):
            self.candidate.with_user(cashier).coop_pos_override(closed.id, "48213")
        self.assertFalse(self.Log.search([("event", "=", "override")]))

    def test_lockout_after_wrong_pins(self):
        as_cashier = self.candidate.with_user(self.cashier)
        for pin in ("1111", "2222", "3333", "4444", "5555"):
            self.assertFalse(as_cashier.coop_pos_override(self.config.id, pin)["ok"])
        result = as_cashier.coop_pos_override(self.config.id, "48213")
        self.assertFalse(result["ok"], "locked out, even with the right PIN")
        self.assertTrue(result["message"])
        self.assertFalse(self.Log.search([("event", "=", "override")]))
        self.assertEqual(len(self.Log.search([("event", "=", "wrong_pin")])), 5)

    def test_pins_are_stored_hashed_and_unique(self):
        stored = self.manager.sudo().coop_pos_pin_hash
        self.assertNotIn("48213", stored)
        self.assertTrue(stored.startswith("$pbkdf2-sha512$"))
        self.assertFalse(self.manager.coop_pos_pin, "a PIN is never read back")
        self.assertTrue(self.manager.coop_has_pos_pin)
        with self.assertRaises(ValidationError):
            self.cashier.coop_pos_pin = "48213"
        with self.assertRaises(ValidationError):
            self.cashier.coop_pos_pin = "12a4"

    def test_demo_has_no_override_pin(self):
        admin = self.env.ref("base.user_admin")
        self.assertFalse(admin.coop_has_pos_pin)


@tagged("at_install", "-post_install")
class TestMemberCheckQueries(PosServerCase):
    """The till's hot path as the cashier: the scanned card finds the partner,
    the server answers whether they may shop (a refusal is logged). A query
    added in a loop, or a recompute on read, fails here, not only in bench/."""

    @users("coop_srv_cashier")
    @warmup
    def test_card_scan_query_count(self):
        Partner = self.env["res.partner"]
        for partner, can_shop, count in [
            (self.member, True, 5),
            (self.candidate, False, 9),  # + the refusal's log line, own cursor
        ]:
            card = partner.coop_card_barcode
            self.env.invalidate_all()
            with self.subTest(can_shop=can_shop), self.assertQueryCount(count):
                found = Partner.search([("coop_card_barcode", "=", card)], limit=1)
                answer = found.coop_pos_check_can_shop(self.config.id)
            self.assertEqual(answer["can_shop"], can_shop)
