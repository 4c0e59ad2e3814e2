"""SSA at the till, at N beneficiaries (default 20,000), as an SSA cashier.

    ODOO_RC=odoo.cfg python3 bench/bench_ssa.py [--n 20000] [--samples 300]
                                                [--lines 3] [--profile 0]

First checks that every path below computes the same result (balances,
eligible amounts, ledger debits), then prints p50/p95 for:
- the balance RPC ``coop.ssa.beneficiary.pos_ssa_wallet`` (bound to the
  cashier's draft order; goal: p95 < 20 ms), beside the naive balance (sum of
  the wallet ledger through the ORM);
- the server-side validation of an order's SSA payment
  ``pos.order._ssa_validate_payments()`` (cashier check, wallet lock, server
  price, eligibility, ledger line, line shares; goal: p95 <= 40 ms), on draft
  orders of ``--lines`` lines made beforehand, measured in the same run beside
  the previous path (lock, till-price eligibility, ledger line) and the SQL
  floor (lock, ledger insert, balance update), alternately.
``--profile 1`` prints cProfile's top functions of the validation.
Runs in a transaction that is rolled back: missing beneficiaries are generated
on the fly (gen_ssa) and disappear afterwards, with the till and its orders.
"""

import cProfile
import io
import pstats
import random
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_ssa
from _common import bench_env, compare, parse_args, percentile, report, timed

from odoo import Command
from odoo.tools import SQL

WARMUP = 5
PAID = 5.0  # what each sale pays by SSA


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


def _products(env, count):
    """``count`` products: covered at 100 %, 70 %, or not at all, in turn;
    some by their own level, some by their category's."""
    levels = [
        env["coop.ssa.level"].create({"name": f"Bench {r}", "rate": r})
        for r in (100, 70)
    ]
    categ = env["product.category"].create({"name": "Bench SSA category"})
    # sudo-free: the bench runs as superuser, as the committee's data would
    categ.ssa_level_id = levels[1]
    products = []
    for i in range(count):
        kind = i % 4
        products.append(
            env["product.product"].create(
                {
                    "name": f"Bench SSA product {i}",
                    "list_price": 4.0 + i,
                    "available_in_pos": True,
                    "taxes_id": [Command.clear()],
                    "ssa_level_id": levels[0].id if kind == 0 else False,
                    "categ_id": categ.id
                    if kind == 1
                    else env.ref("product.product_category_all").id,
                }
            )
        )
    return products


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
            "amount_paid": PAID,
            "amount_return": 0,
            "payment_ids": [
                Command.create({"amount": PAID, "payment_method_id": ssa_pm.id})
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
    return eligible


def _sql_floor(order):
    """The least a validation must do, in raw SQL: lock the wallet, write the
    ledger line, move the cached balance, stamp the payment."""
    cr = order.env.cr
    cr.execute(
        SQL(
            """
            SELECT b.id, b.wallet_balance, p.id, p.amount
              FROM pos_order o
              JOIN pos_payment p ON p.pos_order_id = o.id
              JOIN coop_ssa_beneficiary b ON b.partner_id = o.partner_id
             WHERE o.id = %s
               FOR UPDATE OF b
            """,
            order.id,
        )
    )
    ben_id, balance, payment_id, amount = cr.fetchone()
    cr.execute(
        SQL(
            """
            WITH line AS (
                INSERT INTO coop_ssa_wallet_line (beneficiary_id, kind, date,
                       period, amount, pos_order_id, pos_payment_id)
                VALUES (%(ben)s, 'payment', now(), date_trunc('month', now()),
                        -%(amount)s, %(order)s, %(payment)s)
            )
            UPDATE coop_ssa_beneficiary SET wallet_balance = wallet_balance - %(amount)s
             WHERE id = %(ben)s
            """,
            ben=ben_id,
            amount=amount,
            order=order.id,
            payment=payment_id,
        )
    )
    cr.execute(
        SQL(
            "UPDATE pos_payment SET ssa_balance_after = %s WHERE id = %s",
            balance - amount,
            payment_id,
        )
    )


def _queries(env, func, *args):
    """Queries one cold-cache call makes (a figure the machine's load cannot blur)."""
    env.invalidate_all()
    before = env.cr.sql_log_count
    func(*args)
    return env.cr.sql_log_count - before


def _debit(order):
    """(ledger debit, balance after) that a validation wrote for ``order``."""
    env = order.env
    env.invalidate_all()
    env.cr.execute(
        SQL(
            """
            SELECT -SUM(l.amount), MIN(p.ssa_balance_after)
              FROM coop_ssa_wallet_line l
              JOIN pos_payment p ON p.id = l.pos_payment_id
             WHERE l.pos_order_id = %s
            """,
            order.id,
        )
    )
    return env.cr.fetchone()


def check_same_results(env, cashier, fund, orders_by_path):
    """Every path computes the same thing: the RPC's balance is the ledger's
    sum, the server's eligible amount the previous path's (till prices), and
    every validation debits the same amount and leaves the balance the ledger
    says."""
    Ben = env["coop.ssa.beneficiary"].with_user(cashier)
    Line = env["coop.ssa.wallet.line"]
    new, previous, floor = orders_by_path
    for order in new:
        wallet = Ben.pos_ssa_wallet(fund.id, order.id)
        ledger = sum(
            Line.search([("partner_id", "=", order.partner_id.id)]).mapped("amount")
        )
        assert abs(wallet["balance"] - ledger) < 0.005, (wallet, ledger)
    results = []
    for ours, old, sql in zip(new, previous, floor, strict=True):
        before = ours.partner_id.id and Ben.pos_ssa_wallet(fund.id, ours.id)
        ours.with_user(cashier)._ssa_validate_payments()
        eligible = _previous_path(old.with_user(cashier))
        _sql_floor(sql)
        debits = [_debit(o) for o in (ours, old, sql)]
        server_eligible = ours._ssa_figures()[1]
        assert abs(server_eligible - eligible) < 0.005, (server_eligible, eligible)
        assert len({round(d[0], 2) for d in debits}) == 1, debits
        assert abs(before["balance"] - debits[0][0] - debits[0][1]) < 0.005, debits
        for debit, step in zip(debits, range(3), strict=True):
            # each path debits the same wallet in turn: balance drops by PAID
            expected = before["balance"] - PAID * (step + 1)
            assert abs(debit[1] - expected) < 0.005, (debits, expected)
        results.append(debits)
    print(f"ssa: the {len(results)} checked sales give the same result on every path")


def bench_balance(env, cashier, fund, orders):
    Ben = env["coop.ssa.beneficiary"].with_user(cashier)
    rpc = []
    for order in orders:
        env.invalidate_all()
        _res, seconds = timed(Ben.pos_ssa_wallet, fund.id, order.id)
        rpc.append(seconds)
    report("ssa balance RPC (cashier, bound to the order)", rpc)
    print(
        "ssa balance RPC:",
        _queries(env, Ben.pos_ssa_wallet, fund.id, orders[0].id),
        "queries",
    )
    naive = []
    # as superuser: cashiers do not read the ledger
    Line = env["coop.ssa.wallet.line"]
    for order in orders[:100]:
        env.invalidate_all()
        _res, seconds = timed(
            lambda p=order.partner_id.id: sum(
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


def bench_validation(env, cashier, make_order, partners, profile, cold):
    """Validate a fresh order of each path in turn (ours, previous, floor,
    ours...): the order is made untimed just before, as the till's sync makes
    it right before validating (its records in cache); ``cold`` empties the
    cache first."""
    runs = {
        "ours": lambda o: o.with_user(cashier)._ssa_validate_payments(),
        "previous": lambda o: _previous_path(o.with_user(cashier)),
        "floor": _sql_floor,
    }
    label = "cold cache" if cold else "as in the sync request"
    times = {name: [] for name in runs}
    profiler = cProfile.Profile() if profile else None
    for index, partner in enumerate(partners):
        for name, run in runs.items():
            order = make_order(partner)
            if cold:
                env.invalidate_all()
            profiling = profiler and name == "ours" and index >= WARMUP
            if profiling:
                profiler.enable()
            _res, seconds = timed(run, order)
            if profiling:
                profiler.disable()
            if index >= WARMUP:
                times[name].append(seconds)
    report(f"ssa payment validation, ours ({label})", times["ours"])
    report(f"ssa payment validation, previous path ({label})", times["previous"])
    report(f"ssa payment validation, SQL floor ({label})", times["floor"])
    for name, pick in (("median", statistics.median), ("p95", _p95)):
        compare(
            f"ssa payment validation {label}, {name}",
            pick(times["ours"]),
            {
                "previous path": pick(times["previous"]),
                "SQL floor": pick(times["floor"]),
            },
        )
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(30)
        stats.sort_stats("tottime").print_stats(15)
        print(out.getvalue())


def _p95(samples):
    return percentile(samples, 95)


def main():
    args = parse_args(__doc__, n=20000, samples=300, lines=3, profile=0)
    with bench_env() as env:
        fund = gen_ssa.generate(env, args.n)
        env.cr.execute(
            "SELECT partner_id FROM coop_ssa_beneficiary WHERE fund_id = %s", [fund.id]
        )
        partner_ids = [r[0] for r in env.cr.fetchall()]
        print(f"ssa: {len(partner_ids)} beneficiaries, {args.lines} lines", flush=True)
        cashier = _cashier(env)
        session, ssa_pm = _till(env, fund, cashier)
        products = _products(env, args.lines)
        partners = env["res.partner"].browse(
            random.Random(42).sample(partner_ids, k=args.samples + WARMUP + 10)
        )
        check = partners[:10]
        partners = partners[10:]
        paths = [
            [_draft_order(env, session, ssa_pm, p, products) for p in ps]
            for ps in (check, check, check)
        ]
        check_same_results(env, cashier, fund, paths)
        bench_balance(
            env,
            cashier,
            fund,
            [_draft_order(env, session, ssa_pm, p, products) for p in partners],
        )
        for cold in (False, True):
            bench_validation(
                env,
                cashier,
                lambda p: _draft_order(env, session, ssa_pm, p, products),
                partners,
                args.profile and not cold,
                cold,
            )
        extra = _draft_order(env, session, ssa_pm, partners[0], products)
        print(
            "ssa payment validation:",
            _queries(env, extra.with_user(cashier)._ssa_validate_payments),
            "queries",
        )


if __name__ == "__main__":
    main()
