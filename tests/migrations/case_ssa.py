"""coop_ssa 18.0.1.1.0 on a database made with 36539da (coop_ssa 18.0.1.0.0).

What 18.0.1.0.0 made, by its own code: a manual ledger line of the old
'adjustment' kind, a till sale paid partly by SSA (booked in the ledger, its
lines' coverage stamped, no SSA share on the lines), a claim that collected
the SSA till payment (``pos.payment.ssa_claim_id``), and a second sale not
claimed yet. After the upgrade: adjustments are corrections, the claim holds
the ledger lines of the payments it collected (claims are made of the ledger
now), each sold line keeps its SSA share (what a refund of it gives back),
balances still equal the ledger, and the new code refunds a migrated line.
"""

import uuid

FROM_COMMIT = "36539da"
ADDONS = ["coop_ssa"]


def _till(env, fund):
    """An open till taking cash and the fund (as the old code set one up)."""
    Journal = env["account.journal"]
    cash = Journal.create({"name": "Mig cash", "type": "cash", "code": "MGC"})
    bank = Journal.create({"name": "Mig SSA", "type": "bank", "code": "MGS"})
    cash_pm = env["pos.payment.method"].create(
        {"name": "Mig cash", "journal_id": cash.id}
    )
    ssa_pm = env["pos.payment.method"].create(
        {"name": "Mig SSA", "journal_id": bank.id, "ssa_fund_id": fund.id}
    )
    config = env["pos.config"].create(
        {
            "name": "Mig till",
            "payment_method_ids": [(6, 0, [cash_pm.id, ssa_pm.id])],
        }
    )
    # as the till's first cashier would open it (the shell's superuser is
    # not a POS user, which open_ui() asks)
    admin = env.ref("base.user_admin")
    session = env["pos.session"].create({"config_id": config.id, "user_id": admin.id})
    session.set_opening_control(0, None)
    return session, cash_pm, ssa_pm


def _sale(env, session, partner, lines, payments):
    """A paid order synced as the till does: lines [(product, qty)],
    payments [(method, amount)]."""
    total = sum(product.lst_price * qty for product, qty in lines)
    uid = str(uuid.uuid4())
    now = "2026-11-20 10:00:00"
    data = {
        "amount_paid": sum(amount for _method, amount in payments),
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": total,
        "date_order": now,
        "name": f"Order {uid}",
        "lines": [
            (
                0,
                0,
                {
                    "product_id": product.id,
                    "qty": qty,
                    "price_unit": product.lst_price,
                    "price_subtotal": product.lst_price * qty,
                    "price_subtotal_incl": product.lst_price * qty,
                    "tax_ids": [],
                },
            )
            for product, qty in lines
        ],
        "partner_id": partner.id,
        "pricelist_id": session.config_id.pricelist_id.id,
        "session_id": session.id,
        "sequence_number": 1,
        "payment_ids": [
            (0, 0, {"amount": amount, "name": now, "payment_method_id": method.id})
            for method, amount in payments
        ],
        "uuid": uid,
        "user_id": env.uid,
        "to_invoice": False,
        "state": "paid",
    }
    result = env["pos.order"].sync_from_ui([data])
    return env["pos.order"].browse(result["pos.order"][0]["id"])


def seed(env):
    partner = env["res.partner"].create({"name": "Mig fund"})
    fund = env["coop.ssa.fund"].create(
        {"name": "Mig fund", "partner_id": partner.id, "allowance_per_person": 100}
    )
    Level = env["coop.ssa.level"]
    full = Level.create({"name": "Mig full", "rate": 100})
    most = Level.create({"name": "Mig most", "rate": 70})
    products = {
        name: env["product.product"].create(
            {
                "name": f"Mig {name}",
                "list_price": 10.0,
                "available_in_pos": True,
                "taxes_id": [(5, 0, 0)],
                "ssa_level_id": level.id if level else False,
            }
        )
        for name, level in (("carrots", full), ("cheese", most), ("soda", False))
    }
    ben = env["coop.ssa.beneficiary"].create(
        {
            "partner_id": env["res.partner"].create({"name": "Mig Alice"}).id,
            "fund_id": fund.id,
            "date_start": "2020-01-01",
        }
    )
    adjustment = env["coop.ssa.wallet.line"].create(
        {
            "beneficiary_id": ben.id,
            "kind": "adjustment",
            "amount": 50.0,
            "note": "Opening balance",
        }
    )
    session, cash_pm, ssa_pm = _till(env, fund)
    claimed = _sale(
        env,
        session,
        ben.partner_id,
        [(products["carrots"], 1), (products["cheese"], 1), (products["soda"], 1)],
        [(ssa_pm, 17.0), (cash_pm, 13.0)],
    )
    claim = env["coop.ssa.claim"].create(
        {"fund_id": fund.id, "date_from": "2020-01-01", "date_to": "2099-12-31"}
    )
    claim.action_collect_payments()
    # after the claim: not in it
    later = _sale(
        env,
        session,
        ben.partner_id,
        [(products["carrots"], 2)],
        [(ssa_pm, 20.0)],
    )
    env.flush_all()
    assert claim.payment_ids.pos_order_id == claimed, "the old claim collected it"
    return {
        "ben": ben.id,
        "adjustment": adjustment.id,
        "claim": claim.id,
        "claimed": claimed.id,
        "later": later.id,
        "products": {name: product.id for name, product in products.items()},
    }


def _ledger(env, ben_id):
    env.cr.execute(
        "SELECT b.wallet_balance, SUM(l.amount) FROM coop_ssa_beneficiary b"
        " JOIN coop_ssa_wallet_line l ON l.beneficiary_id = b.id"
        " WHERE b.id = %s GROUP BY b.id",
        [ben_id],
    )
    return env.cr.fetchone()


def check(env, seeded):
    Line = env["coop.ssa.wallet.line"]
    ben = env["coop.ssa.beneficiary"].browse(seeded["ben"])
    claim = env["coop.ssa.claim"].browse(seeded["claim"])
    claimed = env["pos.order"].browse(seeded["claimed"])
    later = env["pos.order"].browse(seeded["later"])
    product = {
        name: env["product.product"].browse(pid)
        for name, pid in seeded["products"].items()
    }
    # 1. adjustments are corrections
    adjustment = Line.browse(seeded["adjustment"])
    assert adjustment.kind == "correction", adjustment.kind
    assert not Line.search_count([("kind", "=", "adjustment")])
    # 2. the claim is made of the ledger lines of the payments it collected
    paid = Line.search([("pos_order_id", "=", claimed.id), ("kind", "=", "payment")])
    assert paid.amount == -17.0, paid.amount
    assert claim.wallet_line_ids == paid, claim.wallet_line_ids
    assert claim.amount_total == 17.0, claim.amount_total
    assert not Line.search([("pos_order_id", "=", later.id)]).claim_id
    # 3. each sold line keeps its SSA share
    shares = {line.product_id: line.ssa_amount for line in claimed.lines}
    assert shares[product["carrots"]] == 10.0, shares
    assert shares[product["cheese"]] == 7.0, shares
    assert not shares[product["soda"]], shares
    assert later.lines.ssa_amount == 20.0, later.lines.ssa_amount
    # 4. the balance is the ledger: 50 - 17 - 20
    assert _ledger(env, ben.id) == (13.0, 13.0), _ledger(env, ben.id)
    # 5. the new code refunds a migrated line: its SSA share back to the wallet
    _refund_cheese(env, claimed, product["cheese"])
    assert _ledger(env, ben.id) == (20.0, 20.0), _ledger(env, ben.id)


def _refund_cheese(env, order, cheese):
    """Refund the cheese line of ``order`` at the till: 7 back to the wallet
    (its SSA share), 3 in cash."""
    session = order.session_id
    ssa_pm = order.payment_ids.payment_method_id.filtered("ssa_fund_id")
    cash_pm = order.payment_ids.payment_method_id - ssa_pm
    line = order.lines.filtered(lambda x: x.product_id == cheese)
    uid = str(uuid.uuid4())
    now = "2026-11-21 10:00:00"
    data = {
        "amount_paid": -10.0,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": -10.0,
        "date_order": now,
        "name": f"Order {uid}",
        "lines": [
            (
                0,
                0,
                {
                    "product_id": cheese.id,
                    "qty": -1,
                    "price_unit": 10.0,
                    "price_subtotal": -10.0,
                    "price_subtotal_incl": -10.0,
                    "tax_ids": [],
                    "refunded_orderline_id": line.id,
                },
            )
        ],
        "partner_id": order.partner_id.id,
        "pricelist_id": session.config_id.pricelist_id.id,
        "session_id": session.id,
        "sequence_number": 2,
        "payment_ids": [
            (0, 0, {"amount": -7.0, "name": now, "payment_method_id": ssa_pm.id}),
            (0, 0, {"amount": -3.0, "name": now, "payment_method_id": cash_pm.id}),
        ],
        "uuid": uid,
        "user_id": env.uid,
        "to_invoice": False,
        "state": "paid",
    }
    # the cashier group: SSA payments are taken by SSA cashiers only
    env.user.groups_id += env.ref("coop_ssa.group_ssa_cashier")
    env["pos.order"].sync_from_ui([data])
