# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Till override PINs were stored in clear text: keep their hash only."""

from openupgradelib import openupgrade

from odoo.tools import SQL

from odoo.addons.coop_membership.models.res_users import PIN_CRYPT


def hash_clear_pins(cr):
    """Hash every clear-text PIN of the old ``coop_pos_pin`` column into
    ``coop_pos_pin_hash``, then drop the old column."""
    if not openupgrade.column_exists(cr, "res_users", "coop_pos_pin"):
        return
    cr.execute("SELECT id, coop_pos_pin FROM res_users WHERE coop_pos_pin IS NOT NULL")
    rows = [(uid, PIN_CRYPT.hash(pin)) for uid, pin in cr.fetchall()]
    if rows:
        ids, hashes = zip(*rows, strict=True)
        cr.execute(
            SQL(
                """UPDATE res_users u SET coop_pos_pin_hash = v.hash
                     FROM unnest(%s::int[], %s::varchar[]) AS v(id, hash)
                    WHERE u.id = v.id""",
                list(ids),
                list(hashes),
            )
        )
    cr.execute("ALTER TABLE res_users DROP COLUMN coop_pos_pin")


@openupgrade.migrate()
def migrate(env, version):
    hash_clear_pins(env.cr)
