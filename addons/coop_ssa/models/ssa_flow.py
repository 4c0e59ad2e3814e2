# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mark that the allowance's own server flows put on the writes they checked.

Ledger lines, SSA till payments and coverage levels are written only by a flow
that checked its rule just before (the sale's validation, the allotment, a
committee decision). Such a flow marks its environment with a context value no
client can send: a JSON-RPC request carries JSON values only, and the check is
on the identity of a Python object, so a string of the same text is refused.
"""

FLOW_KEY = "coop_ssa_flow"


class _FlowMark(str):
    """A str subclass so that a context serialised somewhere stays valid JSON;
    once serialised and read back it is a plain str, which is refused."""


_MARK = _FlowMark("coop_ssa")


def ssa_flow(records):
    """``records`` in the environment of a checked allowance flow."""
    return records.with_context(**{FLOW_KEY: _MARK})


def in_ssa_flow(env):
    """True only inside a server flow marked with :func:`ssa_flow`."""
    return env.context.get(FLOW_KEY) is _MARK
