# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from unittest.mock import patch

import openpyxl

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, JsonRpcException, tagged
from odoo.tools import mute_logger

from ..wizards import coop_share_import_reader
from .test_share_common import CoopShareCase


@tagged("at_install", "-post_install", "coop_access")
class TestShareRegisterGuard(CoopShareCase):
    """The share register holds against the roles that use it (``with_user``):
    each refused action writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.partner"].create({"name": "Bruno Martin"})
        cls._register(cls.partner, 20, "2023-01-01")

    def _snapshot(self, record, names):
        record.invalidate_recordset()
        return {name: record[name] for name in names}

    def test_confirmed_subscription_not_editable_by_desk(self):
        sub = self._subscription(partner=self.other).with_user(self.desk)
        sub.action_confirm()
        names = ["partner_id", "quantity", "share_type_id", "date", "invoice_id"]
        before = self._snapshot(sub, names)
        for vals in ({"partner_id": self.partner.id}, {"quantity": 15}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                sub.write(vals)
        with self.assertRaises(AccessError):
            sub.write({"invoice_id": False})
        self.assertEqual(self._snapshot(sub, names), before)
        sub.action_cancel()
        self.assertEqual(self.other.coop_share_qty, 0)
        self.assertEqual(self.partner.coop_share_qty, 20)

    def test_flow_fields_refused_on_draft(self):
        sub = self._subscription(partner=self.other).with_user(self.desk)
        for vals in ({"cancelled": True}, {"refund_id": 1}, {"invoice_id": 1}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                sub.write(vals)
        self.assertEqual(sub.state, "draft")
        sub.write({"quantity": 12})
        self.assertEqual(sub.quantity, 12)

    def test_approved_operation_not_rewritable(self):
        op = (
            self.env["coop.share.operation"]
            .with_user(self.manager)
            .create(
                {
                    "partner_id": self.partner.id,
                    "share_type_id": self.share_type.id,
                    "operation_type": "transfer",
                    "receiver_id": self.other.id,
                    "quantity": 10,
                }
            )
        )
        op.action_submit()
        op.action_approve()
        names = ["quantity", "receiver_id", "partner_id", "state"]
        before = self._snapshot(op, names)
        for vals in ({"quantity": 20}, {"receiver_id": self.manager.partner_id.id}):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                op.write(vals)
        for vals in ({"state": "done"}, {"approved_by_id": False}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                op.write(vals)
        self.assertEqual(self._snapshot(op, names), before)
        op.action_execute()
        self.assertEqual(self.other.coop_share_qty, 10)

    def test_desk_cannot_move_an_operation(self):
        op = self.env["coop.share.operation"].create(
            {
                "partner_id": self.partner.id,
                "share_type_id": self.share_type.id,
                "operation_type": "sell_back",
                "quantity": 10,
            }
        )
        with self.assertRaises(AccessError):
            op.with_user(self.desk).action_submit()
        self.assertEqual(op.state, "draft")

    def test_register_lines_only_from_flows(self):
        vals = {
            "partner_id": self.other.id,
            "share_type_id": self.share_type.id,
            "quantity": 5,
            "date": "2001-01-01",
            "unit_price": 0,
            "operation": "subscription",
        }
        for user in (self.desk, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["coop.share.line"].with_user(user).create(vals)
        self.assertFalse(self.other.coop_share_line_ids)
        line = self.partner.coop_share_line_ids
        with self.assertRaises(UserError):
            line.with_user(self.manager).write({"origin": "changed"})
        self.assertEqual(line.origin, "test")

    def test_zero_quantity_refused_before_sql(self):
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "coop.share.subscription")], limit=1
        )
        next_number = sequence.number_next_actual
        fr_desk = self.env["coop.share.subscription"].with_user(self.desk)
        with self.assertRaisesRegex(ValidationError, "Souscrivez au moins une part"):
            fr_desk.with_context(lang="fr_FR").create(
                {
                    "partner_id": self.other.id,
                    "share_type_id": self.share_type.id,
                    "quantity": 0,
                    "solidarity": True,
                }
            )
        sequence.invalidate_recordset()
        self.assertEqual(sequence.number_next_actual, next_number)
        sub = self._subscription(partner=self.other)
        with self.assertRaises(ValidationError):
            sub.with_user(self.desk).write({"quantity": 0})
        self.assertEqual(sub.quantity, 10)

    def test_draft_shows_what_remains_to_pay(self):
        sub = self._subscription(partner=self.other, quantity=12)
        self.assertEqual((sub.amount_paid, sub.amount_due), (0.0, 120.0))
        sub.action_confirm()
        action = sub.action_register_payment()
        self.assertTrue(action["context"]["dont_redirect_to_payments"])
        wizard = (
            self.env[action["res_model"]].with_context(**action["context"]).create({})
        )
        self.assertIs(wizard.action_create_payments(), True)
        self.assertEqual(sub.state, "paid")
        self.assertEqual((sub.amount_paid, sub.amount_due), (120.0, 0.0))


@tagged("at_install", "-post_install", "coop_access")
class TestShareImportGuard(CoopShareCase):
    """Opening balances: imported by a Coop manager only, logged, bounded."""

    CSV = "Nom;Nombre de parts;Date de souscription\nLéa Import;10;2024-01-15\n"

    def _wizard(self, content, user, filename="members.csv"):
        return (
            self.env["coop.share.import"]
            .with_user(user)
            .create(
                {
                    "file": base64.b64encode(content),
                    "filename": filename,
                    "share_type_id": self.share_type.id,
                }
            )
        )

    def test_desk_cannot_import(self):
        with self.assertRaises(AccessError):
            self._wizard(self.CSV.encode(), self.desk)
        wizard = self._wizard(self.CSV.encode(), self.manager)
        with self.assertRaises(AccessError):
            wizard.with_user(self.desk).action_import()
        # even with the wizard's rights, the action itself checks the role
        with self.assertRaises(AccessError):
            wizard.sudo().with_user(self.desk).action_import()
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Léa Import")]))

    def test_manager_import_is_logged(self):
        wizard = self._wizard(self.CSV.encode(), self.manager)
        wizard.action_import()
        partner = wizard.partner_ids
        self.assertEqual(partner.coop_share_qty, 10)
        self.assertEqual(partner.coop_share_line_ids.operation, "initial")
        log = partner.message_ids.filtered(lambda m: "Imported by" in (m.body or ""))
        self.assertIn("imp_manager", log.body.replace(self.manager.name, "imp_manager"))

    def test_import_is_bounded(self):
        rows = "".join(f"Membre {i};10;2024-01-15\n" for i in range(6))
        content = ("Nom;Nombre de parts;Date de souscription\n" + rows).encode()
        wizard = self._wizard(content, self.manager).with_context(lang="fr_FR")
        with (
            patch.object(coop_share_import_reader, "MAX_ROWS", 5),
            self.assertRaisesRegex(UserError, "plus de 5 lignes"),
        ):
            wizard.action_read_columns()
        with (
            patch.object(coop_share_import_reader, "MAX_BYTES", 10),
            self.assertRaisesRegex(UserError, "trop volumineux"),
        ):
            wizard.action_read_columns()
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Membre 1")]))

    def test_xlsx_read_in_read_only_mode(self):
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Nom", "Nombre de parts"])
        sheet.append(["Léa Import", 10])
        output = io.BytesIO()
        book.save(output)
        wizard = self._wizard(output.getvalue(), self.manager, "members.xlsx")
        load = openpyxl.load_workbook
        with patch.object(
            coop_share_import_reader.openpyxl, "load_workbook", side_effect=load
        ) as spy:
            wizard.action_read_columns()
        self.assertTrue(spy.call_args.kwargs["read_only"])
        self.assertEqual(len(wizard.column_ids), 2)


@tagged("post_install", "-at_install", "coop_access")
class TestShareRegisterRpc(HttpCase, CoopShareCase):
    """The same rules, attacked through JSON-RPC as the member desk."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    def test_desk_rpc_refused_and_nothing_changed(self):
        share_type, holder = self.share_type, self.partner
        other = self.env["res.partner"].create({"name": "Bob Other"})
        sub = self.env["coop.share.subscription"].create(
            {"partner_id": holder.id, "share_type_id": share_type.id, "quantity": 10}
        )
        sub.action_confirm()
        self.authenticate("coop_desk", "coop_desk")
        attacks = [
            ("coop.share.subscription", "write", [sub.ids, {"partner_id": other.id}]),
            ("coop.share.subscription", "write", [sub.ids, {"quantity": 15}]),
            ("coop.share.subscription", "write", [sub.ids, {"cancelled": True}]),
            (
                "coop.share.line",
                "create",
                [
                    {
                        "partner_id": other.id,
                        "share_type_id": share_type.id,
                        "quantity": 5,
                        "date": "2001-01-01",
                        "operation": "subscription",
                    }
                ],
            ),
        ]
        for model, method, args in attacks:
            with (
                self.subTest(model=model, args=args),
                self.assertRaises(JsonRpcException),
                mute_logger("odoo.http"),
            ):
                self._call(model, method, args, {"context": {"coop_flow": True}})
        sub.invalidate_recordset()
        self.assertEqual(
            (sub.partner_id, sub.quantity, sub.state), (holder, 10, "confirmed")
        )
        self.assertEqual(holder.coop_share_qty, 10)
        self.assertEqual(other.coop_share_qty, 0)
        self.assertFalse(other.coop_share_line_ids)
