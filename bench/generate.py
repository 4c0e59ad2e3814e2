"""Fill the bench database with N members and their data.

Each addon contributes a ``bench/gen_<addon>.py`` module with a function
``generate(env, n)``; they run in dependency order. Idempotent per size: a
database already holding N generated members is left as it is.

    ODOO_RC=odoo.cfg python3 bench/generate.py --n 20000
"""

import importlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, parse_args

GENERATORS = ["gen_membership", "gen_shift", "gen_ssa", "gen_training"]


def main():
    args = parse_args(__doc__, n=800)
    with bench_env(commit=True) as env:
        for name in GENERATORS:
            if not (Path(__file__).parent / f"{name}.py").exists():
                continue
            start = time.perf_counter()
            importlib.import_module(name).generate(env, args.n)
            env.cr.commit()
            print(f"{name}: {time.perf_counter() - start:.1f} s for n={args.n}")


if __name__ == "__main__":
    main()
