"""How a quantity is shared out between coops: one rule, written once.

Both the round-down consolidation (fewer units ordered than the coops asked
for) and the allocation of a short delivery (fewer units received than
ordered) share ``total`` whole units among coops in proportion to what each
asked for, with the **smallest divisors rule** (Adams's method):

    the units are given one at a time; each goes to the coop with the
    largest ``asked ÷ units already given`` (a coop that has none yet comes
    first); on equal quotients, to the larger order, then to the order
    entered first; a coop that has all it asked for gets no more.

It is a proportional rule that serves the small orders first — every coop
gets a unit before any gets a second — which is why small coops join a
purchasing centre. Coops asking 5 + 4 + 8 for 12 units get 4 / 3 / 5 (exact
shares 3.53 / 2.82 / 5.65; the quotients after the first unit each are A 5,
2.5, 1.67 · B 4, 2 · C 8, 4, 2.67, 2); for 15 units, 4 / 4 / 7.
"""

import heapq
import math


def smallest_divisors(total, demands):
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
    if total <= 0:
        return dict.fromkeys(asked, 0)
    given = _lower_bound(total, asked, whole_demand)
    heap = [
        _entry(qty, given[key], rank, key)
        for rank, (key, qty) in enumerate(asked.items())
        if given[key] < qty
    ]
    heapq.heapify(heap)
    for _unit in range(total - sum(given.values())):
        _quotient, _size, rank, key = heapq.heappop(heap)
        given[key] += 1
        if given[key] < asked[key]:
            heapq.heappush(heap, _entry(asked[key], given[key], rank, key))
    return given


def _entry(qty, given, rank, key):
    """The heap's key for a coop's next unit: largest quotient first (a coop
    with nothing yet before all), then the larger order, then the first.
    Quotients of whole numbers are compared as floats: equal fractions (5/3,
    10/6) give equal floats, distinct ones of this size never do."""
    quotient = qty / given if given else math.inf
    return (-quotient, -qty, rank, key)


def _lower_bound(total, asked, whole_demand):
    """Units every coop is sure to get, so that only the last few are given one
    by one. The rule gives ``ceil(asked ÷ d)`` for a divisor ``d`` with
    ``Σ ceil(asked ÷ d) = total``; each ceiling adds less than 1, so ``d ≤
    demand ÷ (total − n)`` and ``floor(asked × (total − n) ÷ demand)`` never
    exceeds a coop's units (one less, to stay clear of ties)."""
    count = len(asked)
    if total <= count:
        return dict.fromkeys(asked, 0)
    return {
        key: max(0, min(qty, qty * (total - count) // whole_demand - 1))
        for key, qty in asked.items()
    }


def round_to_packages(quantity, package_size, rule):
    """Round ``quantity`` to a multiple of ``package_size``, up or down."""
    size = max(int(package_size or 1), 1)
    packages = quantity / size
    packages = math.ceil(packages) if rule == "up" else math.floor(packages)
    return packages * size
