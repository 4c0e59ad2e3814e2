# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ..models.res_users import PIN_CRYPT

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def _load(version, name):
    path = MIGRATIONS / version / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"coop_mig_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigration(TransactionCase):
    def test_clear_pins_are_hashed(self):
        """A database of 18.0.1.0.0 kept PINs in clear text in
        ``res_users.coop_pos_pin``: the upgrade keeps their hash only."""
        user = self.env.ref("base.user_admin")
        self.env.cr.execute("ALTER TABLE res_users ADD COLUMN coop_pos_pin varchar")
        self.env.cr.execute(
            "UPDATE res_users SET coop_pos_pin = '7391' WHERE id = %s", [user.id]
        )
        _load("18.0.1.1.0", "post-migration").hash_clear_pins(self.env.cr)
        self.env.cr.execute(
            "SELECT coop_pos_pin_hash FROM res_users WHERE id = %s", [user.id]
        )
        self.assertTrue(PIN_CRYPT.verify("7391", self.env.cr.fetchone()[0]))
        self.env.cr.execute(
            "SELECT 1 FROM information_schema.columns "
            "WHERE table_name = 'res_users' AND column_name = 'coop_pos_pin'"
        )
        self.assertFalse(self.env.cr.fetchall(), "the clear-text column is gone")
        self.env.invalidate_all()
        self.assertEqual(self.env["res.users"]._coop_pos_manager_by_pin("7391"), user)
