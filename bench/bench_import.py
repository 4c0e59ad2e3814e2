"""Benchmark: import a generated 10,000-row member file (dry run, then import).

    ODOO_RC=odoo.cfg python3 bench/bench_import.py [--rows 10000]

The file is written to a temporary directory; the database is rolled back.
Goal: the real import under 60 s.
"""

import base64
import csv
import io
import sys
from pathlib import Path
from unittest.mock import patch

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, compare, parse_args, timed

HEADERS = ["Nom", "E-mail", "Ville", "Numéro de membre", "Nombre de parts",
           "Date de souscription", "Tarif solidaire"]  # fmt: skip


def make_csv(rows):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(HEADERS)
    for i in range(1, rows + 1):
        solidarity = i % 10 == 0
        writer.writerow(
            [
                f"Import member {i}",
                f"import{i}@example.com",
                "Paris",
                900000 + i,
                1 if solidarity else 10,
                "2024-01-15",
                "oui" if solidarity else "non",
            ]
        )
    return output.getvalue().encode()


def run_import(env, data, rows, share_type):
    wizard = env["coop.share.import"].create(
        {
            "file": base64.b64encode(data),
            "filename": "bench.csv",
            "share_type_id": share_type.id,
        }
    )
    wizard.action_read_columns()
    _res, dry = timed(wizard.action_dry_run)
    _res, real = timed(lambda: (wizard.action_import(), env.flush_all()))
    return wizard, dry, real


def main():
    args = parse_args(__doc__, rows=10000)
    data = make_csv(args.rows)
    with bench_env(commit=False) as env:
        share_type = env["coop.share.type"].search(
            [("name", "=", "Part sociale")], limit=1
        )
        if not share_type:
            share_type = env["coop.share.type"].create(
                {"name": "Part sociale", "min_qty": 10, "min_qty_solidarity": 1}
            )
        env.cr.execute("SAVEPOINT bench_import")
        wizard, dry, real = run_import(env, data, args.rows, share_type)
        print(f"dry run {args.rows} rows: {dry:.1f} s, {wizard.problem_count} problems")
        print(f"import {args.rows} rows: {real:.1f} s (goal < 60 s), "
              f"{len(wizard.partner_ids)} members")  # fmt: skip
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_import")
        env.invalidate_all()
        # Same import without member cards, to show their share (given in batch:
        # numbers in one sequence query, cards in one UPDATE under a unique index).
        Partner = type(env["res.partner"])
        with patch.object(Partner, "_coop_new_card", lambda self: None):
            _wizard, _dry, no_cards = run_import(env, data, args.rows, share_type)
        print(f"import {args.rows} rows without member cards: {no_cards:.1f} s")
        compare("import", real, {"goal": 60.0, "without cards": no_cards})


if __name__ == "__main__":
    main()
