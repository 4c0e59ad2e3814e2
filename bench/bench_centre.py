"""Group order of 30 coops x 300 products: consolidation and allocation.

    ODOO_RC=odoo.cfg python3 bench/bench_centre.py [--coops 30] [--products 300]

Builds the order in a transaction that is rolled back (9,000 quantities, each
coop asking a random number of units of each product, packages of 1 to 24),
then times, each over --samples runs:

- consolidation (``action_close``: whole packages per product, round-down
  shares per coop, written), beside a naive ORM loop (a search and a write
  per request) and the SQL floor (one window-function query computing the
  same shares, nothing written);
- allocation of a short delivery (the sharing part of ``action_allocate``:
  shares of what arrived, written), beside the same two baselines;
- the documents of the allocation (30 sale orders confirmed, delivered and
  invoiced), reported on their own.

Before printing any time, it checks that engine, naive loop and SQL floor give
the same quantities. Goal: consolidation + allocation <= 2 s.
"""

import argparse
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, compare, timed  # noqa: E402

from odoo import fields  # noqa: E402
from odoo.fields import Command  # noqa: E402

from odoo.addons.coop_purchase_centre.models.coop_group_order import (  # noqa: E402
    FLOW,
    FLOW_KEY,
)
from odoo.addons.coop_purchase_centre.tools import (  # noqa: E402
    largest_remainder,
    round_to_packages,
)

SHARE_SQL = """
WITH req AS (
    SELECT r.id, r.product_line_id, r.{asked} AS asked, l.{total} AS total,
           sum(r.{asked}) OVER (PARTITION BY r.product_line_id) AS demand
      FROM coop_group_order_request r
      JOIN coop_group_order_product l ON l.id = r.product_line_id
     WHERE r.order_id = %s
), exact AS (
    SELECT id, product_line_id, asked, total, demand,
           CASE WHEN total >= demand THEN asked
                WHEN demand = 0 THEN 0
                ELSE total * asked / demand END AS share
      FROM req
), floored AS (
    SELECT *, floor(share) AS given, share - floor(share) AS fraction
      FROM exact
), ranked AS (
    SELECT *, LEAST(total, demand) - sum(given) OVER w_line AS left_over,
           row_number() OVER (PARTITION BY product_line_id
                              ORDER BY fraction DESC, asked DESC, id) AS rank
      FROM floored
    WINDOW w_line AS (PARTITION BY product_line_id)
)
SELECT id, (given + CASE WHEN rank <= left_over THEN 1 ELSE 0 END)::int
  FROM ranked
"""


def build(env, coops, products, seed=7):
    rng = random.Random(seed)
    partners = env["res.partner"].create(
        [{"name": f"Bench coop {i}", "is_company": True} for i in range(coops)]
    )
    items = env["product.product"].create(
        [
            {"name": f"Bench product {i}", "type": "consu", "purchase_ok": True}
            for i in range(products)
        ]
    )
    order = env["coop.group.order"].create(
        {
            "producer_id": partners[0].id,
            "date_cutoff": fields.Datetime.now() + timedelta(days=2),
            "rounding_rule": "down",
            "product_line_ids": [
                Command.create(
                    {
                        "product_id": item.id,
                        "producer_price": rng.randint(100, 2000) / 100,
                        "package_size": rng.choice([1, 4, 6, 12, 24]),
                    }
                )
                for item in items
            ],
            "participant_ids": [Command.create({"coop_id": p.id}) for p in partners],
        }
    )
    flow = order.with_context(**{FLOW_KEY: FLOW})
    flow.state = "open"
    env["coop.group.order.request"].with_context(**{FLOW_KEY: FLOW}).create(
        [
            {
                "participant_id": participant.id,
                "product_line_id": line.id,
                "quantity": rng.randint(0, 30),
            }
            for line in order.product_line_ids
            for participant in order.participant_ids
        ]
    )
    env.flush_all()
    return order


def naive_share(env, order, total_field, asked_field, target_field):
    """One search and one write per request, per product."""
    Request = env["coop.group.order.request"].with_context(**{FLOW_KEY: FLOW})
    for line in order.product_line_ids:
        requests = Request.search([("product_line_id", "=", line.id)], order="id")
        total = line[total_field]
        if total_field == "qty_ordered":
            total = round_to_packages(
                line.qty_requested, line.package_size, order.rounding_rule
            )
        share = largest_remainder(total, {r.id: r[asked_field] for r in requests})
        for request in requests:
            request.write({target_field: share[request.id]})
    env.flush_all()


def floor_share(env, order, total_field, asked_field):
    env.cr.execute(SHARE_SQL.format(asked=asked_field, total=total_field), [order.id])
    return dict(env.cr.fetchall())


def stored(env, order, field):
    env.cr.execute(
        f"SELECT id, {field}::int FROM coop_group_order_request WHERE order_id = %s",
        [order.id],
    )
    return dict(env.cr.fetchall())


def run_close(env, order):
    order.action_close()
    env.flush_all()


def run_share_received(env, order):
    received = {line: line.qty_received for line in order.product_line_ids}
    shares = order._share(received, "final_quantity")
    for value in set(shares.values()):
        ids = [r.id for r, v in shares.items() if v == value]
        order.request_ids.browse(ids).write({"allocated_quantity": value})
    env.flush_all()


def sample(env, func, *args):
    env.cr.execute("SAVEPOINT bench_sample")
    _result, seconds = timed(func, env, *args)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_sample")
    env.invalidate_all()
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--coops", type=int, default=30)
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--samples", type=int, default=3)
    args = parser.parse_args()
    with bench_env() as env:
        order = build(env, args.coops, args.products)
        print(f"group order: {len(order.request_ids)} quantities")
        check_close(env, order)
        close = median([sample(env, run_close, order) for _ in range(args.samples)])
        naive = median(
            [
                sample(
                    env, naive_share, order, "qty_ordered", "quantity", "final_quantity"
                )
                for _ in range(args.samples)
            ]
        )
        floor = median(
            [
                sample(env, floor_share, order, "qty_to_order", "quantity")
                for _ in range(args.samples)
            ]
        )
        compare("consolidation", close, {"naive loop": naive, "sql floor": floor})
        # receive 90 % of each product, then share it out
        run_close(env, order)
        flow = order.with_context(**{FLOW_KEY: FLOW})
        for line in flow.product_line_ids:
            line.qty_received = int(line.qty_ordered * 0.9)
        flow.state = "received"
        env.flush_all()
        check_allocation(env, order)
        alloc = median(
            [sample(env, run_share_received, order) for _ in range(args.samples)]
        )
        naive = median(
            [
                sample(
                    env,
                    naive_share,
                    order,
                    "qty_received",
                    "final_quantity",
                    "allocated_quantity",
                )
                for _ in range(args.samples)
            ]
        )
        floor = median(
            [
                sample(env, floor_share, order, "qty_received", "final_quantity")
                for _ in range(args.samples)
            ]
        )
        compare("allocation", alloc, {"naive loop": naive, "sql floor": floor})
        verdict = "OK" if close + alloc <= 2 else "OVER"
        print(
            f"goal consolidation + allocation <= 2 s: {close + alloc:.3f} s {verdict}"
        )
        docs = sample(env, lambda e, o: o.participant_ids._deliver_and_invoice(), order)
        print(
            f"documents ({args.coops} sale orders, deliveries, invoices): {docs:.2f} s"
        )


def check_close(env, order):
    """Engine, naive loop and SQL floor give the same round-down shares."""
    floor = floor_share(env, order, "qty_to_order", "quantity")
    env.cr.execute("SAVEPOINT check")
    run_close(env, order)
    engine = stored(env, order, "final_quantity")
    env.cr.execute("ROLLBACK TO SAVEPOINT check")
    env.invalidate_all()
    env.cr.execute("SAVEPOINT check")
    naive_share(env, order, "qty_ordered", "quantity", "final_quantity")
    naive = stored(env, order, "final_quantity")
    env.cr.execute("ROLLBACK TO SAVEPOINT check")
    env.invalidate_all()
    assert engine == naive == floor, "consolidation: the three results differ"
    print("consolidation: engine, naive loop and sql floor agree")


def check_allocation(env, order):
    floor = floor_share(env, order, "qty_received", "final_quantity")
    env.cr.execute("SAVEPOINT check")
    run_share_received(env, order)
    engine = stored(env, order, "allocated_quantity")
    env.cr.execute("ROLLBACK TO SAVEPOINT check")
    env.invalidate_all()
    env.cr.execute("SAVEPOINT check")
    naive_share(env, order, "qty_received", "final_quantity", "allocated_quantity")
    naive = stored(env, order, "allocated_quantity")
    env.cr.execute("ROLLBACK TO SAVEPOINT check")
    env.invalidate_all()
    assert engine == naive == floor, "allocation: the three results differ"
    print("allocation: engine, naive loop and sql floor agree")


def median(values):
    return sorted(values)[len(values) // 2]


if __name__ == "__main__":
    main()
