# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.misc import file_open

from .test_share_common import CoopShareCase

FORMATS = ("csv", "xlsx", "xls")
BROKEN_PROBLEMS = {
    2: "name is missing",
    3: "bad e-mail",
    4: "unknown share type",
    5: "9104 appears twice",
    6: "9104 appears twice",
    7: "below the minimum",
    8: "not a positive whole number",
    9: "not a date",
}


class _Rollback(Exception):
    """Raised to undo one sub-test's import."""


@tagged("post_install", "-at_install")
class TestImport(CoopShareCase):
    """The member import: mapping, dry run listing each problem, all-or-nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.part_sociale = cls.env["coop.share.type"].search(
            [("name", "=", "Part sociale")], limit=1
        ) or cls.env["coop.share.type"].create(
            {
                "name": "Part sociale",
                "unit_price": 10,
                "min_qty": 10,
                "min_qty_solidarity": 1,
            }
        )
        cls.has_number = "coop_member_number" in cls.env["res.partner"]._fields

    def _wizard(self, name, user=None):
        with file_open(f"coop_membership/tests/data/{name}", "rb") as handle:
            data = handle.read()
        Wizard = self.env["coop.share.import"]
        if user:
            Wizard = Wizard.with_user(user)
        wizard = Wizard.create(
            {
                "file": base64.b64encode(data),
                "filename": name,
                "share_type_id": self.part_sociale.id,
            }
        )
        wizard.action_read_columns()
        return wizard

    def test_mapping_guessed_from_french_headers(self):
        wizard = self._wizard("members_good.csv")
        mapping = {col.header: col.target for col in wizard.column_ids}
        self.assertEqual(mapping["Nom"], "name")
        self.assertEqual(mapping["Numéro de membre"], "member_number")
        self.assertEqual(mapping["Nombre de parts"], "quantity")
        self.assertEqual(mapping["Réunion d'accueil"], "welcome_date")

    def test_dry_run_good_files_write_nothing(self):
        for ext in FORMATS:
            with self.subTest(ext=ext):
                wizard = self._wizard(f"members_good.{ext}")
                wizard.action_dry_run()
                self.assertEqual((wizard.row_count, wizard.problem_count), (5, 0))
                self.assertFalse(
                    self.env["res.partner"].search([("name", "=", "Amina Haddad")])
                )

    def test_dry_run_reports_every_problem_of_broken_files(self):
        for ext in FORMATS:
            with self.subTest(ext=ext):
                wizard = self._wizard(f"members_broken.{ext}")
                wizard.action_dry_run()
                report = wizard.report
                for line, problem in BROKEN_PROBLEMS.items():
                    if "9104" in problem and not self.has_number:
                        continue
                    self.assertRegex(report, rf"(?m)^Line {line}: .*{problem}")
                self.assertNotIn("Line 10:", report)
                self.assertEqual(wizard.row_count, 9)

    def test_real_run_imports_members_and_shares(self):
        for ext in FORMATS:
            with self.subTest(ext=ext):
                try:
                    with self.env.cr.savepoint():
                        self._check_real_run(ext)
                        raise _Rollback
                except _Rollback:
                    self.env.invalidate_all()

    def _check_real_run(self, ext):
        wizard = self._wizard(f"members_good.{ext}")
        wizard.action_import()
        partners = wizard.partner_ids
        self.assertEqual(len(partners), 5)
        celine = partners.filtered(lambda p: p.name == "Céline Nguyen")
        self.assertEqual(celine.coop_share_qty, 1)
        self.assertEqual(str(celine.coop_share_line_ids.date), "2024-09-15")
        self.assertEqual(celine.coop_share_line_ids.operation, "initial")
        self.assertEqual(str(celine.coop_welcome_date), "2024-09-28")
        self.assertTrue(celine.coop_is_member)
        self.assertTrue(celine.coop_can_shop)
        bastien = partners.filtered(lambda p: p.name == "Bastien Roux")
        self.assertEqual(bastien.coop_share_qty, 20)
        self.assertEqual(bastien.coop_state, "candidate")
        if self.has_number:
            self.assertEqual(celine.coop_member_number, 9003)
            again = self._wizard(f"members_good.{ext}")
            again.action_dry_run()
            self.assertIn("9001 is already given", again.report)

    def test_real_run_is_all_or_nothing(self):
        for ext in FORMATS:
            with self.subTest(ext=ext):
                wizard = self._wizard(f"members_broken.{ext}")
                with self.assertRaisesRegex(UserError, "Line 2"):
                    wizard.action_import()
                self.assertFalse(
                    self.env["res.partner"].search([("name", "=", "Maya Correcte")])
                )

    def test_failure_during_creation_rolls_back(self):
        wizard = self._wizard("members_good.csv")
        rows, _problems = wizard._coop_check()
        rows[-1][1]["quantity"] = 0  # breaks the register's SQL constraint
        count = self.env["res.partner"].search_count([])
        with (
            patch.object(type(wizard), "_coop_check", return_value=(rows, [])),
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
        ):
            wizard.action_import()
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_name_column_required(self):
        wizard = self._wizard("members_no_name_column.csv")
        with self.assertRaises(UserError):
            wizard.action_dry_run()

    def test_coop_manager_may_import(self):
        manager = new_test_user(
            self.env,
            login="import_manager",
            groups="coop_membership.group_coop_manager",
        )
        wizard = self._wizard("members_good.csv", user=manager)
        wizard.action_import()
        self.assertEqual(len(wizard.partner_ids), 5)
