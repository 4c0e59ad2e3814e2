# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mark that the price flow puts on the writes it checked.

The price history and the closing of a price review are written only by the
price flow of a pricing manager (apply a theoretical price, dismiss a review).
The flow marks its environment with a context value no client can send: a
JSON-RPC request (``/web/dataset/call_kw`` with ``kwargs.context``) carries JSON
values only, and the check is on the identity of a Python object, so ``True``
or any string under the same key is refused.

The purchase and bill flows likewise label the vendor price changes they make
(trigger and source document shown on the review list) with an instance of a
private class, so a buyer changing a vendor price by hand cannot make the
review look as if it came from a confirmed order or a posted bill.
"""

FLOW_KEY = "coop_price_flow"
_MARK = object()


def price_flow(records):
    """``records`` in the environment of the checked price flow."""
    return records.with_context(**{FLOW_KEY: _MARK})


def in_price_flow(env):
    """True only inside a server flow marked with :func:`price_flow`."""
    return env.context.get(FLOW_KEY) is _MARK


SOURCE_KEY = "coop_price_source"


class _PriceSource:
    """Why a vendor price changed, as the purchase and bill flows checked it.

    An instance, not a dict or a string: a client sending ``coop_price_source``
    (or the former ``coop_price_trigger`` / ``coop_price_origin`` keys) in its
    context sends JSON, which is never an instance of this class.
    """

    __slots__ = ("origin", "trigger")

    def __init__(self, trigger, origin):
        self.trigger = trigger
        self.origin = origin


def price_source(records, trigger, origin):
    """``records`` in the environment of a purchase or bill flow that changes
    vendor prices because of document ``origin`` (trigger ``purchase`` or
    ``bill``)."""
    return records.with_context(**{SOURCE_KEY: _PriceSource(trigger, origin)})


def price_source_of(env):
    """(trigger, source document) of a vendor price change: those set by
    :func:`price_source`, else a plain vendor price change without document."""
    source = env.context.get(SOURCE_KEY)
    if isinstance(source, _PriceSource):
        return source.trigger, source.origin
    return "vendor_price", False
