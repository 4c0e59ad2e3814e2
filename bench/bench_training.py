"""BPF of a calendar year (cerfa 10443) on the bench data of gen_training.py
(500 learners, 5,000 attendance lines in 2025). Goal: < 2 s.

    ODOO_RC=odoo.cfg python3 bench/bench_training.py [--samples 5]

Prints p50/p95 of the whole wizard (income, trainers, trainees by type,
objective, NSF code, with the ids kept for drill-down), the XLSX export, and
compares the wizard with the "sql floor": the bare attendance query it runs.
Runs in a transaction that is rolled back.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, compare, parse_args, percentile, report, timed


def main():
    args = parse_args(__doc__, samples=5, year=2025)
    with bench_env() as env:
        env.cr.execute(
            """SELECT count(*) FROM coop_training_attendance a
                 JOIN coop_training_slot s ON s.id = a.slot_id
                WHERE s.date BETWEEN %s AND %s""",
            [f"{args.year}-01-01", f"{args.year}-12-31"],
        )
        print(f"attendance lines in {args.year}: {env.cr.fetchone()[0]}")
        Bpf = env["coop.training.bpf"]
        wizard_times, export_times, floor_times = [], [], []
        for _i in range(args.samples):
            wizard, seconds = timed(Bpf.create, {"year": args.year})
            wizard_times.append(seconds)
            _action, seconds = timed(wizard.action_export_xlsx)
            export_times.append(seconds)
            _rows, seconds = timed(wizard._bpf_attendance_rows)
            floor_times.append(seconds)
        total = wizard.line_ids.filtered(lambda line: line.code == "total")
        for line in total:
            print(
                f"  {line.section}: headcount={line.headcount} "
                f"hours={line.hours:.1f} amount={line.amount:.2f}"
            )
        report("bpf wizard (compute all figures)", wizard_times)
        report("bpf xlsx export", export_times)
        compare(
            "bpf wizard p95",
            percentile(wizard_times, 95),
            {"sql floor": percentile(floor_times, 95)},
        )
        goal = "OK" if percentile(wizard_times, 95) < 2 else "OVER"
        print(f"goal < 2 s: {goal}")


if __name__ == "__main__":
    main()
