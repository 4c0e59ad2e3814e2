# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import CentreCommon


@tagged("post_install", "-at_install", "coop_purchase_centre")
class TestPortal(CentreCommon, HttpCase):
    """The buyer's page, and the same rules through JSON-RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.flour = cls.env["product.product"].create(
            {"name": "Farine T80 5 kg", "type": "consu", "purchase_ok": True}
        )
        cls.order2 = cls.env["coop.group.order"].create(
            {
                "producer_id": cls.producer.id,
                "date_cutoff": fields.Datetime.now() + timedelta(days=2),
                "product_line_ids": [
                    Command.create(
                        {"product_id": p.id, "producer_price": 3.0, "package_size": 4}
                    )
                    for p in (cls.juice, cls.flour)
                ],
                "participant_ids": [Command.create({"coop_id": cls.coop_a.id})],
            }
        )
        cls.order2.with_user(cls.staff).action_open()

    def url(self, order):
        return f"/my/group-orders/{order.id}"

    def post(self, order, **quantities):
        data = {
            f"qty_{line.id}": quantities.get(line.product_id.name, "")
            for line in order.product_line_ids
        }
        data["csrf_token"] = self.csrf_token()
        return self.url_open(self.url(order), data=data)

    def csrf_token(self):
        page = self.url_open("/my/group-orders").text
        marker = 'name="csrf_token" value="'
        if marker in page:
            return page.split(marker, 1)[1].split('"', 1)[0]
        # the list page has no form: take the token of an order page
        page = self.url_open(self.url(self.order)).text
        return page.split(marker, 1)[1].split('"', 1)[0]

    def test_buyer_enters_quantities(self):
        self.authenticate("buyer_a", "buyer_a")
        page = self.url_open(self.url(self.order)).text
        self.assertIn("Jus de pomme 1 L", page)
        response = self.post(
            self.order2, **{"Jus de pomme 1 L": "6", "Farine T80 5 kg": "2"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(sorted(self.order2.request_ids.mapped("quantity")), [2, 6])

    def test_refused_save_writes_nothing_and_says_why(self):
        self.authenticate("buyer_a", "buyer_a")
        response = self.post(
            self.order2, **{"Jus de pomme 1 L": "6", "Farine T80 5 kg": "2.5"}
        )
        self.assertIn("alert-danger", response.text)
        self.assertIn("Farine T80 5 kg", response.text)
        self.assertFalse(self.order2.request_ids)

    def test_after_cutoff_the_page_refuses(self):
        self.authenticate("buyer_a", "buyer_a")
        token = self.csrf_token()
        self.order2._flow().date_cutoff = fields.Datetime.now() - timedelta(minutes=1)
        lines = self.order2.product_line_ids
        response = self.url_open(
            self.url(self.order2),
            data={f"qty_{lines[0].id}": "8", "csrf_token": token},
        )
        self.assertIn("alert-danger", response.text)
        self.assertFalse(self.order2.request_ids)

    def test_another_coops_order_is_not_found(self):
        self.authenticate("buyer_b", "buyer_b")
        response = self.url_open(self.url(self.order2))
        self.assertEqual(response.status_code, 404)

    def call_kw(self, records, values, context=None):
        """``write`` as a forged client sends it to /web/dataset/call_kw."""
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": records._name,
                "method": "write",
                "args": [records.ids, values],
                "kwargs": {"context": context or {}},
            },
        }
        return self.url_open(
            f"/web/dataset/call_kw/{records._name}/write",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        ).json()

    @mute_logger("odoo.http")
    def test_json_rpc_write_on_another_coop_is_refused(self):
        self.authenticate("buyer_a", "buyer_a")
        theirs = self.order.request_ids.filtered(lambda r: r.coop_id == self.coop_b)
        self.assertIn("error", self.call_kw(theirs, {"quantity": 99}))
        theirs.invalidate_recordset()
        self.assertEqual(theirs.quantity, 4)

    @mute_logger("odoo.http")
    def test_json_rpc_cannot_set_the_allocation(self):
        self.authenticate("buyer_a", "buyer_a")
        mine = self.order.request_ids.filtered(lambda r: r.coop_id == self.coop_a)
        answer = self.call_kw(
            mine, {"allocated_quantity": 50}, context={"coop_centre_flow": True}
        )
        self.assertIn("error", answer)
        mine.invalidate_recordset()
        self.assertEqual(mine.allocated_quantity, 0)
