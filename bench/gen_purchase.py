"""Bench data for coop_purchase: N products (default 5,000) from suppliers of
500 products each, with a year of till sales (about one million POS lines at
5,000 products) and stock on hand.

Suppliers, categories, products and their vendor lines go through the ORM
(batch create); the till's orders and lines and the stock are inserted by
SQL. Idempotent for a given N: products already generated are kept and only
what is missing is added; the sales are inserted once.

    ODOO_RC=odoo.cfg python3 bench/gen_purchase.py --n 5000
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env

from odoo import Command

PER_SUPPLIER = 500
LINES_PER_PRODUCT = 200  # over a year: 1,000,000 lines at 5,000 products
LINES_PER_ORDER = 10
CODE = "PB%05d"


def _suppliers(env, count):
    Partner = env["res.partner"]
    partners = Partner.search([("ref", "like", "purchase-bench-")], order="ref")
    for i in range(len(partners), count):
        partners |= Partner.create(
            {
                "name": f"Bench supplier {i:02d}",
                "ref": f"purchase-bench-{i:02d}",
                "is_company": True,
                "coop_supplier_kind": "producer" if i % 2 else "wholesaler",
                "coop_distance_km": 30 + 40 * i,
                "coop_cost_rate": i % 4,
                "coop_margin_rate": 23.0 if i % 3 == 0 else 0.0,
                "coop_order_cycle_days": 7,
                "coop_min_order_amount": 100.0,
            }
        )
    return partners


def _categories(env):
    Categ = env["product.category"]
    categs = Categ.search([("name", "like", "Bench category ")], order="name")
    for i in range(len(categs), 5):
        categs |= Categ.create(
            {
                "name": f"Bench category {i}",
                "coop_margin_rate": (0, 25, 15, 0, 30)[i],
                "coop_cost_rate": (0, 5, 0, 2, 0)[i],
            }
        )
    return categs


def _products(env, n, partners, categs):
    """Create the missing products: a third weighed (kg), a fifth bought by
    the dozen, vendor lines at varied prices, two VAT rates."""
    Tmpl = env["product.template"].with_context(tracking_disable=True)
    done = Tmpl.search_count([("default_code", "=like", "PB%")])
    kg, unit = env.ref("uom.product_uom_kgm"), env.ref("uom.product_uom_unit")
    dozen = env.ref("uom.product_uom_dozen")
    taxes = env["account.tax"].search(
        [
            ("type_tax_use", "=", "sale"),
            ("amount", "in", (5.5, 20.0)),
            ("company_id", "=", env.company.id),
            ("price_include", "=", False),
        ],
        limit=2,
    )
    for start in range(done, n, 500):
        vals = []
        for i in range(start, min(start + 500, n)):
            weighed, dozens = i % 3 == 0, i % 5 == 1 and i % 3 != 0
            uom = kg if weighed else unit
            vals.append(
                {
                    "name": f"Bench product {i:05d}",
                    "default_code": CODE % i,
                    "is_storable": True,
                    "available_in_pos": True,
                    "list_price": 1.0 + (i % 97) / 10,
                    "categ_id": categs[i % len(categs)].id,
                    "uom_id": uom.id,
                    "uom_po_id": dozen.id if dozens else uom.id,
                    "taxes_id": [Command.set(taxes[i % len(taxes)].ids)]
                    if taxes
                    else [],
                    "coop_margin_rate": 35.0 if i % 50 == 0 else 0.0,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": partners[i // PER_SUPPLIER].id,
                                "price": round(0.5 + (i % 89) / 7, 2)
                                * (12 if dozens else 1),
                                "delay": 1 + i % 3,
                            }
                        )
                    ],
                }
            )
        Tmpl.create(vals)
        env.cr.commit()
        print(f"  products: {start + len(vals)}/{n}", flush=True)


def _insert_sales(env, n):
    """A year of paid till orders of 10 lines over the generated products, in
    the order a till makes them (by date)."""
    cr = env.cr
    cr.execute("SELECT 1 FROM pos_order WHERE name LIKE 'PB/%%' LIMIT 1")
    if cr.fetchone():
        return
    config = env["pos.config"].search([("name", "=", "Bench purchase till")], limit=1)
    if not config:
        journal = env["account.journal"].create(
            {"name": "Bench purchase cash", "type": "cash", "code": "BPC"}
        )
        method = env["pos.payment.method"].create(
            {"name": "Bench purchase cash", "journal_id": journal.id}
        )
        config = env["pos.config"].create(
            {
                "name": "Bench purchase till",
                "payment_method_ids": [Command.set(method.ids)],
            }
        )
    session = config.current_session_id or env["pos.session"].create(
        {"config_id": config.id, "user_id": env.uid}
    )
    orders = n * LINES_PER_PRODUCT // LINES_PER_ORDER
    cr.execute(
        """
        INSERT INTO pos_order (name, session_id, company_id, date_order, state,
               amount_tax, amount_total, amount_paid, amount_return,
               create_date, write_date, create_uid, write_uid)
        SELECT 'PB/' || g, %(session)s, %(company)s,
               now() - interval '365 days' + g * (interval '365 days' / %(orders)s),
               'paid', 0, 0, 0, 0, now(), now(), 1, 1
          FROM generate_series(1, %(orders)s) g
        """,
        {"session": session.id, "company": session.company_id.id, "orders": orders},
    )
    cr.execute(
        """
        WITH p AS (
            SELECT array_agg(pp.id ORDER BY pp.id) AS ids, count(*) AS n
              FROM product_product pp
             WHERE pp.default_code LIKE 'PB%%'
        ), picked AS (
            SELECT o.id AS order_id, k,
                   p.ids[1 + ((o.id::bigint * 7919 + k * 104729) %% p.n)] AS product_id,
                   1 + (o.id + k) %% 3 AS qty
              FROM pos_order o
             CROSS JOIN generate_series(1, %(per_order)s) k
             CROSS JOIN p
             WHERE o.name LIKE 'PB/%%'
        )
        INSERT INTO pos_order_line (name, order_id, product_id, qty, price_unit,
               price_subtotal, price_subtotal_incl, total_cost,
               create_date, write_date, create_uid, write_uid)
        SELECT 'PB', order_id, product_id, qty, 2.0, 2.0 * qty, 2.1 * qty, 1.6 * qty,
               now(), now(), 1, 1
          FROM picked
        """,
        {"per_order": LINES_PER_ORDER},
    )


def _insert_stock(env):
    stock = env.ref("stock.stock_location_stock")
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity,
               reserved_quantity, in_date, create_date, write_date, create_uid,
               write_uid)
        SELECT pp.id, %(location)s, %(company)s, pp.id %% 40, 0, now(), now(), now(),
               1, 1
          FROM product_product pp
         WHERE pp.default_code LIKE 'PB%%'
           AND NOT EXISTS (SELECT 1 FROM stock_quant q WHERE q.product_id = pp.id)
        """,
        {"location": stock.id, "company": stock.company_id.id},
    )


def generate(env, n):
    partners = _suppliers(env, -(-n // PER_SUPPLIER))
    _products(env, n, partners, _categories(env))
    _insert_sales(env, n)
    _insert_stock(env)
    for table in ("pos_order", "pos_order_line", "stock_quant", "product_supplierinfo"):
        env.cr.execute(f"ANALYZE {table}")
    env.invalidate_all()
    return partners


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=5000)
    args = parser.parse_args()
    with bench_env(commit=True) as env:
        generate(env, args.n)


if __name__ == "__main__":
    main()
