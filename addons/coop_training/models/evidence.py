# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one gate of the training evidence: fields only a server flow writes.

Signatures, the training status and the completion are written by named
methods that check the caller's rights first, then write in a superuser
environment carrying ``FLOW_KEY``. A JSON-RPC client can send any context key
but never obtains a superuser environment, so the pair cannot be forged.
Demo and data files load as superuser in install mode.
"""

from odoo.exceptions import AccessError

FLOW_KEY = "coop_training_flow"


def in_server_flow(env):
    """True inside one of the server's own evidence flows."""
    return env.su and bool(env.context.get(FLOW_KEY) or env.context.get("install_mode"))


def check_server_flow(env, message):
    """Refuse with ``message`` outside the server's own flows."""
    if not in_server_flow(env):
        raise AccessError(message)


def flow_env(records):
    """``records`` in the environment of a server flow (superuser: the caller
    must have been checked before)."""
    return records.sudo().with_context(**{FLOW_KEY: True})
