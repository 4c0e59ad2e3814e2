"""SSA at the till, at N beneficiaries (default 20,000), as an SSA cashier.

    ODOO_RC=odoo.cfg python3 bench/bench_ssa.py [--n 20000] [--samples 300]

Prints p50/p95 for:
- the balance RPC ``coop.ssa.beneficiary.pos_ssa_wallet`` (goal: p95 < 20 ms),
  beside the naive balance (sum of the wallet ledger through the ORM);
- the server-side validation of an order's SSA payment
  ``pos.order._ssa_validate_payments()`` (cashier check, wallet lock, server
  price, eligibility, ledger line, line shares; goal: p95 <= 40 ms), on draft
  orders of three lines made beforehand, measured in the same run beside the
  previous path (lock, till-price eligibility, ledger line), alternately.
Runs in a transaction that is rolled back: missing beneficiaries are generated
on the fly (gen_ssa) and disappear afterwards, with the till and its orders.
"""

import argparse
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_ssa  # noqa: E402
from _common import bench_env, compare, report, timed  # noqa: E402

from odoo import Command  # noqa: E402

WARMUP = 5


def ssa_flow(records):
    """The allowance's flow mark (imported once the addons path is known)."""
    from odoo.addons.coop_ssa.models.ssa_flow import ssa_flow as mark

    return mark(records)


def _cashier(env):
    groups = [
        env.ref(xmlid).id
        for xmlid in (
            "base.group_user",
            "point_of_sale.group_pos_user",
            "coop_ssa.group_ssa_cashier",
        )
    ]
    return env["res.users"].create(
        {
            "name": "Bench SSA cashier",
            "login": "bench_ssa_cashier",
            "groups_id": [Command.set(groups)],
        }
    )


def _till(env, fund, cashier):
    Journal = env["account.journal"]
    cash = Journal.create({"name": "Bench cash", "type": "cash", "code": "BSC"})
    bank = Journal.create({"name": "Bench SSA", "type": "bank", "code": "BSSA"})
    cash_pm = env["pos.payment.method"].create(
        {"name": "Bench cash", "journal_id": cash.id}
    )
    ssa_pm = env["pos.payment.method"].create(
        {"name": "Bench SSA", "journal_id": bank.id, "ssa_fund_id": fund.id}
    )
    config = env["pos.config"].create(
        {
            "name": "Bench SSA till",
            "payment_method_ids": [Command.set([cash_pm.id, ssa_pm.id])],
        }
    )
    session = env["pos.session"].create({"config_id": config.id, "user_id": cashier.id})
    session.set_opening_control(0, None)  # the balance RPC wants an open till
    return session, ssa_pm


def _products(env):
    levels = [
        env["coop.ssa.level"].create({"name": f"Bench {r}", "rate": r})
        for r in (100, 70)
    ]
    return [
        env["product.product"].create(
            {
                "name": f"Bench SSA product {i}",
                "list_price": 4.0 + i,
                "available_in_pos": True,
                "taxes_id": [Command.clear()],
                "ssa_level_id": level.id if level else False,
            }
        )
        for i, level in enumerate(levels + [False])
    ]


def _draft_order(env, session, ssa_pm, partner, products):
    lines = [
        Command.create(
            {
                "product_id": p.id,
                "qty": 1,
                "price_unit": p.list_price,
                "price_subtotal": p.list_price,
                "price_subtotal_incl": p.list_price,
            }
        )
        for p in products
    ]
    total = sum(p.list_price for p in products)
    # the flow mark: SSA payments are created by the till's sync only
    order = ssa_flow(env["pos.order"]).create(
        {
            "session_id": session.id,
            "partner_id": partner.id,
            "lines": lines,
            "amount_total": total,
            "amount_tax": 0,
            "amount_paid": 5.0,
            "amount_return": 0,
            "payment_ids": [
                Command.create({"amount": 5.0, "payment_method_id": ssa_pm.id})
            ],
        }
    )
    env.flush_all()
    return order


def _previous_path(order):
    """The validation as it was before the server price, the cashier check and
    the line shares: lock, eligibility from the till's prices, ledger line."""
    payments = order.payment_ids.filtered("payment_method_id.ssa_fund_id")
    order.lines._ssa_stamp_levels()
    fund = payments.payment_method_id.ssa_fund_id
    ben = order._ssa_beneficiary(fund)
    totals = order.lines._ssa_totals()
    eligible = sum(totals[line] * line.ssa_rate / 100.0 for line in order.lines)
    amount = sum(payments.mapped("amount"))
    cap = min(amount, eligible, sum(totals.values()))
    vals = [
        {"amount": -p.amount, "pos_order_id": order.id, "pos_payment_id": p.id}
        for p in payments
    ]
    balance = ben._wallet_debit(vals, cap=cap)
    ssa_flow(payments).write({"ssa_balance_after": balance})


def _queries(env, func, *args):
    """Queries one cold-cache call makes (a figure the machine's load cannot blur)."""
    env.invalidate_all()
    before = env.cr.sql_log_count
    func(*args)
    return env.cr.sql_log_count - before


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    with bench_env() as env:
        fund = gen_ssa.generate(env, args.n)
        env.cr.execute(
            "SELECT partner_id FROM coop_ssa_beneficiary WHERE fund_id = %s", [fund.id]
        )
        partner_ids = [r[0] for r in env.cr.fetchall()]
        print(f"ssa: {len(partner_ids)} beneficiaries", flush=True)
        cashier = _cashier(env)
        session, ssa_pm = _till(env, fund, cashier)
        Ben = env["coop.ssa.beneficiary"].with_user(cashier)
        sample = random.Random(42).choices(partner_ids, k=args.samples)
        rpc = []
        for pid in sample:
            env.invalidate_all()
            _res, seconds = timed(Ben.pos_ssa_wallet, fund.id, pid)
            rpc.append(seconds)
        report("ssa balance RPC (cashier)", rpc)
        print(
            "ssa balance RPC:",
            _queries(env, Ben.pos_ssa_wallet, fund.id, sample[0]),
            "queries",
        )
        naive = []
        # as superuser: cashiers do not read the ledger
        Line = env["coop.ssa.wallet.line"]
        for pid in sample[:100]:
            env.invalidate_all()
            _res, seconds = timed(
                lambda p=pid: sum(
                    Line.search([("partner_id", "=", p)]).mapped("amount")
                )
            )
            naive.append(seconds)
        report("ssa balance, naive ledger sum (ORM)", naive)
        compare(
            "ssa balance RPC, median",
            statistics.median(rpc),
            {"naive ledger sum": statistics.median(naive)},
        )

        products = _products(env)
        partners = env["res.partner"].browse(sample)
        orders = [
            _draft_order(env, session, ssa_pm, p, products)
            for p in partners + partners[:WARMUP]
        ]
        previous_orders = [
            _draft_order(env, session, ssa_pm, p, products)
            for p in partners + partners[:WARMUP]
        ]
        for order, previous in zip(
            orders[:WARMUP], previous_orders[:WARMUP], strict=True
        ):
            order.with_user(cashier)._ssa_validate_payments()  # warm caches
            _previous_path(previous.with_user(cashier))
        validation, previous_path = [], []
        pairs = zip(orders[WARMUP:], previous_orders[WARMUP:], strict=True)
        for order, previous in pairs:
            env.invalidate_all()
            _res, seconds = timed(order.with_user(cashier)._ssa_validate_payments)
            validation.append(seconds)
            env.invalidate_all()
            _res, seconds = timed(_previous_path, previous.with_user(cashier))
            previous_path.append(seconds)
        report("ssa payment validation (one validation point)", validation)
        report("ssa payment validation, previous path", previous_path)
        compare(
            "ssa payment validation, median",
            statistics.median(validation),
            {"previous path": statistics.median(previous_path)},
        )
        extra = _draft_order(env, session, ssa_pm, partners[0], products).with_user(
            cashier
        )
        print(
            "ssa payment validation:",
            _queries(env, extra._ssa_validate_payments),
            "queries",
        )


if __name__ == "__main__":
    main()
