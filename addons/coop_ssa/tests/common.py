# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid
from datetime import date

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.tests import BaseCase
from odoo.tools import SQL

from odoo.addons.base.tests.common import BaseCommon


class SsaCase(BaseCommon):
    """A fund (100 €/person, roll-over), three coverage levels, products."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fund_partner = cls.env["res.partner"].create({"name": "Caisse test"})
        cls.fund = cls.env["coop.ssa.fund"].create(
            {
                "name": "Caisse test",
                "partner_id": cls.fund_partner.id,
                "allowance_type": "person",
                "allowance_per_person": 100.0,
                "carry_over": "roll",
                "contribution_type": "free",
                "contribution_min": 1.0,
            }
        )
        Level = cls.env["coop.ssa.level"]
        cls.level_100 = Level.create({"name": "Full", "rate": 100.0})
        cls.level_70 = Level.create({"name": "Most", "rate": 70.0})
        cls.level_30 = Level.create({"name": "Some", "rate": 30.0})
        cls.categ = cls.env["product.category"].create({"name": "SSA food"})
        cls.sub_categ = cls.env["product.category"].create(
            {"name": "SSA vegetables", "parent_id": cls.categ.id}
        )
        cls.p_full = cls._product("Carrots", 10.0, level=cls.level_100)
        cls.p_most = cls._product("Cheese", 10.0, level=cls.level_70)
        cls.p_none = cls._product("Soda", 10.0)

    @classmethod
    def _product(cls, name, price, level=False, categ=False):
        return cls.env["product.product"].create(
            {
                "name": name,
                "list_price": price,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                "categ_id": (categ or cls.env.ref("product.product_category_all")).id,
                "ssa_level_id": level and level.id,
            }
        )

    @classmethod
    def _beneficiary(cls, name, fund=None, adults=1, children=0, **vals):
        partner = cls.env["res.partner"].create({"name": name})
        return cls.env["coop.ssa.beneficiary"].create(
            {
                "partner_id": partner.id,
                "fund_id": (fund or cls.fund).id,
                "adults": adults,
                "children": children,
                "date_start": date(2020, 1, 1),
                **vals,
            }
        )

    @classmethod
    def _credit(cls, ben, amount):
        cls.env["coop.ssa.wallet.line"].create(
            {
                "beneficiary_id": ben.id,
                "kind": "correction",
                "amount": amount,
                "note": "Test credit",
            }
        )


class SsaPosCase(SsaCase):
    """Adds a till with a cash and an SSA payment method and an open session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Journal = cls.env["account.journal"]
        cash_journal = Journal.create(
            {"name": "SSA test cash", "type": "cash", "code": "TSC"}
        )
        ssa_journal = Journal.create(
            {"name": "SSA test", "type": "bank", "code": "TSSA"}
        )
        cls.clearing = cls.env["account.account"].create(
            {
                "name": "SSA clearing",
                "code": "467900",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        cls.cash_pm = cls.env["pos.payment.method"].create(
            {"name": "Cash SSA test", "journal_id": cash_journal.id}
        )
        cls.ssa_pm = cls.env["pos.payment.method"].create(
            {
                "name": "SSA",
                "journal_id": ssa_journal.id,
                "outstanding_account_id": cls.clearing.id,
                "ssa_fund_id": cls.fund.id,
            }
        )
        cls.config = cls.env["pos.config"].create(
            {
                "name": "SSA till",
                "payment_method_ids": [Command.set([cls.cash_pm.id, cls.ssa_pm.id])],
            }
        )
        cls.config.open_ui()
        cls.session = cls.pos_session = cls.config.current_session_id
        cls.session.set_opening_control(0, None)

    @classmethod
    def _order_data(cls, partner, lines, payments, refunded_lines=None):
        """UI order dict: lines [(product, qty)], payments [(method, amount)]."""
        refunded_lines = refunded_lines or {}
        line_cmds = []
        for product, qty in lines:
            total = product.lst_price * qty
            vals = {
                "product_id": product.id,
                "qty": qty,
                "price_unit": product.lst_price,
                "price_subtotal": total,
                "price_subtotal_incl": total,
                "tax_ids": [],
            }
            if product in refunded_lines:
                vals["refunded_orderline_id"] = refunded_lines[product].id
            line_cmds.append(Command.create(vals))
        total = sum(p.lst_price * q for p, q in lines)
        paid = sum(a for _m, a in payments)
        uid = str(uuid.uuid4())
        return {
            "amount_paid": paid,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": total,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "name": f"Order {uid}",
            "lines": line_cmds,
            "partner_id": partner.id if partner else False,
            "pricelist_id": cls.config.pricelist_id.id,
            "session_id": cls.pos_session.id,
            "sequence_number": 1,
            "payment_ids": [
                Command.create(
                    {
                        "amount": amount,
                        "name": fields.Datetime.now(),
                        "payment_method_id": method.id,
                    }
                )
                for method, amount in payments
            ],
            "uuid": uid,
            "user_id": cls.env.uid,
            "to_invoice": False,
            "state": "paid",
        }

    @classmethod
    def _draft(cls, partner, lines, user=None):
        """The order the till syncs as a draft before reading the wallet."""
        data = cls._order_data(partner, lines, [])
        data["state"] = "draft"
        Order = cls.env["pos.order"].with_user(user or cls.env.user)
        result = Order.sync_from_ui([data])
        return cls.env["pos.order"].browse(result["pos.order"][0]["id"])

    @classmethod
    def _sync(cls, partner, lines, payments, **kw):
        data = cls._order_data(partner, lines, payments, **kw)
        result = cls.env["pos.order"].sync_from_ui([data])
        return cls.env["pos.order"].browse(result["pos.order"][0]["id"])


class SsaCommittedCase(BaseCase):
    """Data committed for real, for tests that run transactions side by side
    (threads, HTTP sessions): a wallet of 100 on a fund of its own."""

    registry = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from odoo.modules.registry import Registry
        from odoo.tests.common import get_db_name

        cls.registry = Registry(get_db_name())

    def _env(self, cr):
        # The test runner holds the registry lock that Environment() takes to
        # look the registry up: hand it the registry instead.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {})

    def _committed_wallet(self, env, name):
        """(partner, fund, beneficiary) with a balance of 100."""
        partner = env["res.partner"].create({"name": name})
        fund = env["coop.ssa.fund"].create({"name": name, "partner_id": partner.id})
        ben = env["coop.ssa.beneficiary"].create(
            {
                "partner_id": partner.id,
                "fund_id": fund.id,
                "date_start": date(2020, 1, 1),
            }
        )
        env["coop.ssa.wallet.line"].create(
            {
                "beneficiary_id": ben.id,
                "kind": "correction",
                "amount": 100.0,
                "note": "Opening balance",
            }
        )
        return partner, fund, ben

    def _balance_and_ledger(self, ben_id):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    """SELECT b.wallet_balance, SUM(l.amount)
                         FROM coop_ssa_beneficiary b
                         JOIN coop_ssa_wallet_line l ON l.beneficiary_id = b.id
                        WHERE b.id = %s GROUP BY b.id""",
                    ben_id,
                )
            )
            return cr.fetchone()
