# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import tagged

from ..models.coop_group_order import FLOW, FLOW_KEY
from .common import CentreCommon


@tagged("post_install", "-at_install", "coop_purchase_centre")
class TestShareStore(CentreCommon):
    """The shares are written in SQL (``_store_shares``, the hot path of
    closing and allocating): they must be what an ORM write stores, and the
    ORM must not keep stale values of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.items = cls.env["product.product"].create(
            [
                {"name": f"Produit {i}", "type": "consu", "purchase_ok": True}
                for i in range(6)
            ]
        )

    def _twin_orders(self):
        """Two group orders alike: same products, packages and quantities."""
        rng = random.Random(16)
        sizes = [rng.choice([1, 4, 6, 12]) for _item in self.items]
        asked = [rng.randint(0, 13) for _i in range(len(self.items) * 3)]
        orders = self.env["coop.group.order"]
        for _twin in range(2):
            order = self.env["coop.group.order"].create(
                {
                    "producer_id": self.producer.id,
                    "date_cutoff": fields.Datetime.now() + timedelta(days=3),
                    "rounding_rule": "down",
                    "product_line_ids": [
                        Command.create(
                            {"product_id": item.id, "producer_price": 1.5 + i}
                            | {"package_size": size}
                        )
                        for i, (item, size) in enumerate(
                            zip(self.items, sizes, strict=True)
                        )
                    ],
                    "participant_ids": [
                        Command.create({"coop_id": coop.id})
                        for coop in (self.coop_a, self.coop_b, self.coop_c)
                    ],
                }
            )
            order.with_user(self.staff).action_open()
            pairs = [
                (line, participant)
                for line in order.product_line_ids
                for participant in order.participant_ids
            ]
            self.env["coop.group.order.request"].create(
                [
                    {
                        "participant_id": participant.id,
                        "product_line_id": line.id,
                        "quantity": qty,
                    }
                    for (line, participant), qty in zip(pairs, asked, strict=True)
                ]
            )
            orders |= order
        return orders.with_user(self.staff).with_context(**{FLOW_KEY: FLOW})

    def _stored(self, order, field):
        return {
            (r.coop_id, r.product_id): (r[field], r.write_uid)
            for r in order.request_ids
        }

    def test_sql_store_writes_what_the_orm_writes(self):
        by_orm, by_sql = self._twin_orders()
        for order in (by_orm, by_sql):
            # computed from the quantities: cached now, must not stay stale
            self.assertFalse(any(order.participant_ids.mapped("amount_final")))
        totals = {line: line.qty_to_order for line in by_orm.product_line_ids}
        for request_id, units in by_orm._share(totals, "quantity").items():
            by_orm.request_ids.browse(request_id).write({"final_quantity": units})
        totals = {line: line.qty_to_order for line in by_sql.product_line_ids}
        by_sql._share_out(totals, "quantity", "final_quantity")
        self.assertEqual(
            self._stored(by_sql, "final_quantity"),
            self._stored(by_orm, "final_quantity"),
        )
        self.assertTrue(any(by_sql.request_ids.mapped("final_quantity")))
        self.assertEqual(
            by_sql.participant_ids.mapped("amount_final"),
            by_orm.participant_ids.mapped("amount_final"),
        )
        self.assertEqual(
            by_sql.request_ids.mapped("share_note"),
            by_orm.request_ids.mapped("share_note"),
        )

    def test_only_the_shared_quantities_are_stored_in_sql(self):
        order = self.order.with_user(self.staff)
        with self.assertRaises(AccessError):
            order._store_shares("quantity", {order.request_ids[0].id: 40})
        self.assertEqual(self.requests_by_coop(self.order, "quantity"), [5, 4, 8])
