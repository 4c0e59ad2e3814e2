"""Prices and purchase suggestions at N products (default 5,000) with a year of
till sales (about one million POS lines), each beside a naive per-product ORM
loop in the same run, after checking that both give the same result.

    ODOO_RC=odoo.cfg python3 bench/bench_purchase.py [--n 5000] [--samples 3]

Runs on a database where coop_purchase is installed (skipped elsewhere), e.g. a
copy of the test template with ``-i coop_purchase``, named ``purchase_bench``. Goals:
theoretical prices of every product ≤ 1 s; suggestions for a
500-product supplier ≤ 1 s and for every product ≤ 3 s. Data come from
gen_purchase (generated and committed if missing); the bench itself rolls back.
"""

import statistics
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_purchase
from _common import bench_env, compare, parse_args, timed

from odoo.tools import float_round

NAIVE_SAMPLE = 500


def _best(func, samples, env):
    """(result, median seconds) over cold caches."""
    times, result = [], None
    for _i in range(samples):
        env.invalidate_all()
        result, seconds = timed(func)
        times.append(seconds)
    return result, statistics.median(times)


def naive_prices(env, templates):
    """Per product: its first vendor line, the policy's rule, Odoo's tax
    computation (what one writes without thinking of sets)."""
    company = env.company
    policy = env["coop.margin.policy"]
    prices = {}
    for tmpl_id in templates.ids:
        tmpl = env["product.template"].browse(tmpl_id)
        seller = env["product.supplierinfo"].search(
            [("product_tmpl_id", "=", tmpl.id)], limit=1
        )
        if not seller:
            continue
        producer = tmpl.uom_po_id._compute_price(
            seller.price * (1 - seller.discount / 100), tmpl.uom_id
        )
        supplier = seller.partner_id.commercial_partner_id
        categ, margin, cost_rate = tmpl.categ_id, 0.0, 0.0
        while categ and not margin:
            margin, categ = categ.coop_margin_rate, categ.parent_id
        categ = tmpl.categ_id
        while categ and not cost_rate:
            cost_rate, categ = categ.coop_cost_rate, categ.parent_id
        margin = (
            tmpl.coop_margin_rate
            or supplier.coop_margin_rate
            or margin
            or company.coop_margin_rate
        )
        taxes = tmpl.taxes_id.filtered(lambda t: t.company_id == company)
        vat = taxes.compute_all(100.0)["total_included"] - 100.0
        prices[tmpl.id] = policy._price_from_cost(
            producer, supplier.coop_cost_rate + cost_rate, margin, vat
        )[3]
    return prices


def naive_suggestions(env, products, date_from, date_to):
    """Per product: its till sales, stock and incoming through the ORM."""
    Suggestion = env["coop.purchase.suggestion"]
    policy = env["coop.margin.policy"]
    days = (date_to - date_from).days
    rows = {}
    for product_id in products.ids:
        product = env["product.product"].browse(product_id)
        lines = env["pos.order.line"].search(
            [
                ("product_id", "=", product.id),
                ("order_id.date_order", ">=", date_from),
                ("order_id.date_order", "<", date_to),
                ("order_id.state", "in", ("paid", "done", "invoiced")),
            ]
        )
        sold = sum(lines.mapped("qty"))
        seller = policy._main_sellers(product.product_tmpl_id)[
            product.product_tmpl_id.id
        ]
        pack = product.packaging_ids.filtered("purchase")[:1].qty
        row = Suggestion._suggest_one(
            product.id,
            product.uom_id,
            product.uom_po_id,
            sold / days,
            product.qty_available,
            product.incoming_qty,
            seller.delay + seller.partner_id.coop_order_cycle_days,
            pack,
        )
        rows[product.id] = row["qty_suggested"]
    return rows


def _check(label, fast, naive, digits=2):
    wrong = [
        k
        for k in naive
        if float_round(fast.get(k, 0), digits) != float_round(naive[k], digits)
    ]
    if wrong or not naive:
        sys.exit(
            f"{label}: results differ for {len(wrong)} of {len(naive)}: {wrong[:5]}"
        )
    print(f"{label}: same result for {len(naive)} products", flush=True)


def bench_prices(env, samples):
    templates = env["product.template"].search([("default_code", "=like", "PB%")])
    policy = env["coop.margin.policy"]
    fast, fast_s = _best(lambda: policy._breakdowns(templates), samples, env)
    naive, naive_s = _best(lambda: naive_prices(env, templates), 1, env)
    _check("theoretical prices", {k: b.price for k, b in fast.items()}, naive)
    compare(
        f"theoretical prices, {len(templates)} products (goal 1 s)",
        fast_s,
        {"naive loop": naive_s},
    )


def bench_suggestions(env, samples, days):
    Suggestion = env["coop.purchase.suggestion"]
    date_to = datetime.combine(datetime.now().date(), time.min)
    date_from = date_to - timedelta(days=days)
    supplier = env["res.partner"].search([("ref", "=", "purchase-bench-00")])
    rows, fast_s = _best(
        lambda: Suggestion._suggest(supplier, date_from, date_to), samples, env
    )
    products = env["product.product"].browse([r["product_id"] for r in rows])
    fast = {r["product_id"]: r["qty_suggested"] for r in rows}
    naive, naive_s = _best(
        lambda: naive_suggestions(env, products, date_from, date_to), 1, env
    )
    _check(f"suggestions over {days} days, one supplier", fast, naive)
    compare(
        f"suggestions over {days} days, {len(rows)}-product supplier (goal 1 s)",
        fast_s,
        {"naive loop": naive_s},
    )
    rows, all_s = _best(
        lambda: Suggestion._suggest(False, date_from, date_to), samples, env
    )
    every = {r["product_id"]: r["qty_suggested"] for r in rows}
    sample = env["product.product"].browse(
        sorted(every)[:: max(1, len(every) // NAIVE_SAMPLE)]
    )
    naive, naive_s = _best(
        lambda: naive_suggestions(env, sample, date_from, date_to), 1, env
    )
    _check(f"suggestions over {days} days, all products (sample)", every, naive)
    scale = len(every) / len(sample)
    label = f"naive loop (timed on {len(sample)} products, x{scale:.0f})"
    compare(
        f"suggestions over {days} days, all {len(rows)} products (goal 3 s)",
        all_s,
        {label: naive_s * scale},
    )


def main():
    args = parse_args(__doc__, n=5000, samples=3)
    with bench_env() as env:
        if "coop.margin.policy" not in env:
            print("bench_purchase: coop_purchase is not installed here, skipped")
            return
        gen_purchase.generate(env, args.n)
        env.cr.commit()  # keep the generated data; what the bench does is rolled back
        bench_prices(env, args.samples)
        for days in (28, 365):
            bench_suggestions(env, args.samples, days)


if __name__ == "__main__":
    main()
