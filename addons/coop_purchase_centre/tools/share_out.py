# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How a quantity is shared out between coops: one rule, written once.

Both the round-down consolidation (fewer units ordered than the coops asked
for) and the allocation of a short delivery (fewer units received than
ordered) share ``total`` whole units among coops in proportion to what each
asked for, with the **largest remainder rule** (Hamilton's method):

1. each coop first gets the whole part of its exact share
   ``total × asked ÷ sum of asked``;
2. the units left over go, one each, to the coops whose exact share had the
   largest fractional part; on equal fractions, to the larger order, then to
   the order entered first.

No coop ever gets more than it asked for, and the result is the closest
whole-unit split to the exact proportions.
"""

import math


def largest_remainder(total, demands):
    """Share ``total`` whole units among ``demands`` (key → units asked).

    ``demands`` is an ordered mapping: its order is the last tie-break. Returns
    a dict key → units given. When ``total`` covers every demand, each coop
    gets what it asked for.
    """
    asked = {key: int(round(qty)) for key, qty in demands.items()}
    whole_demand = sum(asked.values())
    total = int(total)
    if total >= whole_demand:
        return dict(asked)
    if total <= 0 or not whole_demand:
        return dict.fromkeys(asked, 0)
    # exact share total × qty ÷ demand = whole part + remainder ÷ demand: all
    # remainders share one denominator, so they compare as integers
    given, remainder = {}, {}
    for key, qty in asked.items():
        given[key], remainder[key] = divmod(total * qty, whole_demand)
    rank = {key: i for i, key in enumerate(asked)}
    left = total - sum(given.values())
    order = sorted(asked, key=lambda key: (-remainder[key], -asked[key], rank[key]))
    for key in order[:left]:
        given[key] += 1
    return given


def round_to_packages(quantity, package_size, rule):
    """Round ``quantity`` to a multiple of ``package_size``, up or down."""
    size = max(int(package_size or 1), 1)
    packages = quantity / size
    packages = math.ceil(packages) if rule == "up" else math.floor(packages)
    return packages * size
