# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class CentreCommon(BaseCommon):
    """A centre, a producer with packages of 6, three coops asking 5, 4 and 8."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.staff = new_test_user(
            cls.env,
            login="centre_staff",
            groups="base.group_user,coop_purchase_centre.group_centre_user",
        )
        cls.producer = cls.env["res.partner"].create(
            {"name": "Vergers du test", "is_company": True}
        )
        cls.coop_a, cls.coop_b, cls.coop_c = cls.env["res.partner"].create(
            [
                {"name": name, "is_company": True, "lang": "fr_FR"}
                for name in ("Coop A", "Coop B", "Coop C")
            ]
        )
        cls.buyer_a = cls._buyer("buyer_a", cls.coop_a)
        cls.buyer_b = cls._buyer("buyer_b", cls.coop_b)
        cls.juice = cls.env["product.product"].create(
            {
                "name": "Jus de pomme 1 L",
                "type": "consu",
                "is_storable": True,
                "purchase_ok": True,
                "taxes_id": [Command.clear()],
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.order = cls._group_order()

    @classmethod
    def _buyer(cls, login, coop):
        contact = cls.env["res.partner"].create(
            {"name": login, "parent_id": coop.id, "email": f"{login}@example.com"}
        )
        return new_test_user(
            cls.env, login=login, groups="base.group_portal", partner_id=contact.id
        )

    @classmethod
    def _group_order(cls, rule="up", asked=(5, 4, 8), **values):
        order = cls.env["coop.group.order"].create(
            {
                "producer_id": cls.producer.id,
                "date_cutoff": fields.Datetime.now() + timedelta(days=3),
                "fee_type": "percent",
                "fee_value": 5.0,
                "rounding_rule": rule,
                "product_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.juice.id,
                            "producer_price": 2.0,
                            "package_size": 6,
                        }
                    )
                ],
                "participant_ids": [
                    Command.create({"coop_id": coop.id})
                    for coop in (cls.coop_a, cls.coop_b, cls.coop_c)
                ],
                **values,
            }
        )
        order.with_user(cls.staff).action_open()
        line = order.product_line_ids
        cls.env["coop.group.order.request"].create(
            [
                {
                    "participant_id": participant.id,
                    "product_line_id": line.id,
                    "quantity": qty,
                }
                for participant, qty in zip(order.participant_ids, asked, strict=True)
            ]
        )
        return order

    def requests_by_coop(self, order, field):
        return [
            order.request_ids.filtered(lambda r, c=coop: r.coop_id == c)[field]
            for coop in (self.coop_a, self.coop_b, self.coop_c)
        ]

    def run_to_done(self, order, received):
        """Close, order, receive ``received`` units and allocate them."""
        order.action_close()
        order.action_order()
        self.receive(order, received)
        order.action_receive()
        order.action_allocate()

    def receive(self, order, quantity):
        picking = order.purchase_id.picking_ids
        picking.move_ids.quantity = quantity
        picking.move_ids.picked = True
        picking.with_context(
            skip_backorder=True, picking_ids_not_to_backorder=picking.ids
        ).button_validate()
