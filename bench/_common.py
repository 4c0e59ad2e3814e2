"""Shared helpers for the benchmarks: open the bench database, time things.

Run through ``make bench`` (which sets ODOO_RC to a config naming the bench
database) or by hand: ``ODOO_RC=odoo.cfg python3 bench/bench_x.py``.
"""

import argparse
import contextlib
import statistics
import time

import odoo
from odoo.tools import config


def parse_args(doc, **defaults):
    """Parse a bench script's command line: one ``--name`` option per default
    (``samples=300`` gives ``--samples``, an int defaulting to 300)."""
    parser = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    for name, default in defaults.items():
        option = "--" + name.replace("_", "-")
        parser.add_argument(option, type=type(default), default=default)
    return parser.parse_args()


@contextlib.contextmanager
def bench_env(commit=False):
    """Yield a superuser environment on the bench database."""
    config.parse_config([], setup_logging=True)
    db = config["db_name"]
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        yield env
        if commit:
            cr.commit()
        else:
            cr.rollback()


def timed(func, *args, **kwargs):
    """Return (result, seconds)."""
    start = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - start


def percentile(samples, pct):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))
    return ordered[index]


def report(name, samples_s):
    """Print one line: name, count, p50, p95 (ms)."""
    ms = [s * 1000 for s in samples_s]
    print(
        f"{name}: n={len(ms)} p50={statistics.median(ms):.2f} ms "
        f"p95={percentile(ms, 95):.2f} ms max={max(ms):.2f} ms",
        flush=True,
    )


def compare(name, measured_s, baselines):
    """Print a job's time beside its baselines ({label: seconds}) and the ratios."""
    parts = [f"{name}: {measured_s:.3f} s"]
    for label, seconds in baselines.items():
        ratio = measured_s / seconds if seconds else float("inf")
        parts.append(f"{label} {seconds:.3f} s (x{ratio:.2f})")
    print(" | ".join(parts), flush=True)
