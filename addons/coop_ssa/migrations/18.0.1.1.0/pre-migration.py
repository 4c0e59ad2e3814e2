# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from openupgradelib import openupgrade


def adjustments_become_corrections(cr):
    """Manual ledger lines were 'adjustment'; they are now 'correction'."""
    openupgrade.logged_query(
        cr,
        """
        UPDATE coop_ssa_wallet_line SET kind = 'correction'
         WHERE kind = 'adjustment'
        """,
    )


@openupgrade.migrate()
def migrate(env, version):
    adjustments_become_corrections(env.cr)
