# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields

from .common import CoopRoleCase


class CoopShareCase(CoopRoleCase):
    """Share types and helpers for the share-capital tests.

    Messages are checked in English (the source language), whatever the
    language of the test database's users.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.company = cls.env.company
        cls.share_type = cls.env["coop.share.type"].create(
            {
                "name": "Part A",
                "unit_price": 10.0,
                "min_qty": 10,
                "min_qty_solidarity": 1,
            }
        )
        cls.big_share_type = cls.env["coop.share.type"].create(
            {
                "name": "Part B",
                "unit_price": 100.0,
                "min_qty": 1,
                "min_qty_solidarity": 1,
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Aïcha Benali", "email": "aicha@example.com"}
        )

    @classmethod
    def _subscription(cls, partner=None, quantity=10, **vals):
        return cls.env["coop.share.subscription"].create(
            {
                "partner_id": (partner or cls.partner).id,
                "share_type_id": cls.share_type.id,
                "quantity": quantity,
                **vals,
            }
        )

    @classmethod
    def _pay(cls, invoice, amount):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"amount": amount, "payment_date": fields.Date.today()})
        )
        return wizard._create_payments()

    @classmethod
    def _register(cls, partner, quantity, date, share_type=None):
        """A past register line (e.g. shares subscribed years ago)."""
        return cls.env["coop.share.line"].create(
            {
                "partner_id": partner.id,
                "share_type_id": (share_type or cls.share_type).id,
                "quantity": quantity,
                "date": date,
                "operation": "subscription",
                "origin": "test",
            }
        )

    @classmethod
    def _installments_term(cls):
        return cls.env["account.payment.term"].create(
            {
                "name": "2 installments",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 0}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50, "nb_days": 30}
                    ),
                ],
            }
        )
