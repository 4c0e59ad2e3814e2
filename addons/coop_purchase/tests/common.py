# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from datetime import timedelta

from odoo import Command, fields

from odoo.addons.base.tests.common import BaseCommon


class CoopPurchaseCase(BaseCommon):
    """A markup policy of 20 % rounded to 0.01, VAT 5.5 %, a farm, a wholesaler,
    a buyer and a pricing manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "coop_margin_mode": "markup",
                "coop_margin_rate": 20.0,
                "coop_price_rounding": "0.01",
                "coop_local_distance_km": 150.0,
            }
        )
        cls.vat_55 = cls._tax("TVA 5,5 % test", 5.5)
        cls.vat_20 = cls._tax("TVA 20 % test", 20.0)
        cls.categ = cls.env["product.category"].create({"name": "Coop test food"})
        cls.farm = cls.env["res.partner"].create(
            {
                "name": "Ferme test",
                "is_company": True,
                "coop_supplier_kind": "producer",
                "coop_distance_km": 40,
            }
        )
        cls.wholesaler = cls.env["res.partner"].create(
            {
                "name": "Grossiste test",
                "is_company": True,
                "coop_supplier_kind": "wholesaler",
                "coop_distance_km": 300,
            }
        )
        cls.kg = cls.env.ref("uom.product_uom_kgm")
        cls.unit = cls.env.ref("uom.product_uom_unit")
        cls.dozen = cls.env.ref("uom.product_uom_dozen")
        cls.buyer = cls._user("buyer", "coop_purchase.group_coop_buyer")
        cls.pricer = cls._user("pricer", "coop_purchase.group_coop_pricing_manager")

    @classmethod
    def _tax(cls, name, amount, included=False):
        return cls.env["account.tax"].create(
            {
                "name": name,
                "amount": amount,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "price_include_override": "tax_included"
                if included
                else "tax_excluded",
                "company_id": cls.company.id,
            }
        )

    @classmethod
    def _user(cls, login, group):
        return cls.env["res.users"].create(
            {
                "name": login.title(),
                "login": f"coop_purchase_{login}",
                "email": f"{login}@example.com",
                "groups_id": [Command.set([cls.env.ref(group).id])],
                "company_id": cls.company.id,
                "company_ids": [Command.set([cls.company.id])],
            }
        )

    @classmethod
    def _product(cls, name, price, supplier=None, list_price=1.0, tax=None, **vals):
        """A storable product sold by the unit, bought from `supplier` at `price`."""
        vals = {
            "name": name,
            "list_price": list_price,
            "is_storable": True,
            "available_in_pos": True,
            "categ_id": cls.categ.id,
            "taxes_id": [Command.set((tax or cls.vat_55).ids)],
            "seller_ids": [
                Command.create(
                    {"partner_id": (supplier or cls.farm).id, "price": price}
                )
            ],
            **vals,
        }
        return cls.env["product.template"].create(vals)


class CoopPosCase(CoopPurchaseCase):
    """Adds a till with an open session, for sales."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        journal = cls.env["account.journal"].create(
            {"name": "Coop purchase cash", "type": "cash", "code": "TCPC"}
        )
        cash = cls.env["pos.payment.method"].create(
            {"name": "Cash coop purchase", "journal_id": journal.id}
        )
        cls.config = cls.env["pos.config"].create(
            {"name": "Purchase till", "payment_method_ids": [Command.set(cash.ids)]}
        )
        cls.config.open_ui()
        cls.session = cls.config.current_session_id

    @classmethod
    def _sale(cls, lines, days_ago=3):
        """A paid till order `days_ago` days ago: lines [(product, qty, cost)]."""
        date = fields.Datetime.now() - timedelta(days=days_ago)
        return cls.env["pos.order"].create(
            {
                "session_id": cls.session.id,
                "name": f"Order {uuid.uuid4()}",
                "date_order": date,
                "state": "paid",
                "amount_tax": 0.0,
                "amount_total": sum(p.lst_price * q for p, q, _c in lines),
                "amount_paid": sum(p.lst_price * q for p, q, _c in lines),
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "qty": qty,
                            "price_unit": product.lst_price,
                            "price_subtotal": product.lst_price * qty,
                            "price_subtotal_incl": product.lst_price * qty,
                            "total_cost": cost,
                        }
                    )
                    for product, qty, cost in lines
                ],
            }
        )
