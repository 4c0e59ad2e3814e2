# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mark that the price flow puts on the writes it checked.

The price history and the closing of a price review are written only by the
price flow of a pricing manager (apply a theoretical price, dismiss a review).
The flow marks its environment with a context value no client can send: a
JSON-RPC request (``/web/dataset/call_kw`` with ``kwargs.context``) carries JSON
values only, and the check is on the identity of a Python object, so ``True``
or any string under the same key is refused.
"""

FLOW_KEY = "coop_price_flow"
_MARK = object()


def price_flow(records):
    """``records`` in the environment of the checked price flow."""
    return records.with_context(**{FLOW_KEY: _MARK})


def in_price_flow(env):
    """True only inside a server flow marked with :func:`price_flow`."""
    return env.context.get(FLOW_KEY) is _MARK
