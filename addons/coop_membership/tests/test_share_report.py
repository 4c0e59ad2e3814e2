# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import openpyxl

from odoo.tests import tagged

from .test_share_common import CoopShareCase


@tagged("post_install", "-at_install")
class TestShareReport(CoopShareCase):
    """Certificate, register at a date and voters (one member, one vote)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.early = cls.env["res.partner"].create({"name": "Zz Early Member"})
        cls.late = cls.env["res.partner"].create({"name": "Zz Late Member"})
        cls.gone = cls.env["res.partner"].create({"name": "Zz Gone Member"})
        cls._register(cls.early, 10, "2023-01-10")
        cls._register(cls.early, 20, "2023-06-10")
        cls._register(cls.late, 10, "2025-03-01")
        cls._register(cls.gone, 10, "2023-01-10")
        cls._register(cls.gone, -10, "2024-12-31")
        cls.wizard = cls.env["coop.share.register.wizard"].create(
            {"date": "2024-06-30", "share_type_ids": [(6, 0, cls.share_type.ids)]}
        )

    def _names(self, rows):
        return [row["name"] for row in rows if row["name"].startswith("Zz")]

    def test_register_at_a_date(self):
        rows = self.wizard._coop_register_rows()
        self.assertEqual(self._names(rows), ["Zz Early Member", "Zz Gone Member"])
        early = next(r for r in rows if r["partner"] == self.early)
        self.assertEqual((early["quantity"], early["amount"]), (30, 300.0))
        self.wizard.date = "2025-06-30"
        rows = self.wizard._coop_register_rows()
        self.assertEqual(self._names(rows), ["Zz Early Member", "Zz Late Member"])

    def test_one_member_one_vote(self):
        rows = self.wizard._coop_voter_rows()
        early = next(r for r in rows if r["partner"] == self.early)
        self.assertEqual(early["votes"], 1)
        self.assertEqual({r["votes"] for r in rows}, {1})

    def test_register_xlsx(self):
        action = self.wizard.action_register_xlsx()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(self.wizard.xlsx_file))
        )
        values = [row for row in book.active.iter_rows(values_only=True)]
        names = [row[1] for row in values[3:] if row[1] and row[1].startswith("Zz")]
        self.assertEqual(names, ["Zz Early Member", "Zz Gone Member"])
        early = next(row for row in values if row[1] == "Zz Early Member")
        self.assertEqual(early[-2:], (30, 300))

    def test_voters_xlsx(self):
        self.wizard.action_voters_xlsx()
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(self.wizard.xlsx_file))
        )
        early = next(
            row
            for row in book.active.iter_rows(values_only=True)
            if row[1] == "Zz Early Member"
        )
        self.assertEqual(early[2], 1)

    def test_pdf_templates_render(self):
        Report = self.env["ir.actions.report"]
        html = Report._render_qweb_html(
            "coop_membership.report_share_register", self.wizard.ids
        )[0].decode()
        self.assertIn("Zz Early Member", html)
        self.assertNotIn("Zz Late Member", html)
        html = Report._render_qweb_html(
            "coop_membership.report_share_voters", self.wizard.ids
        )[0].decode()
        self.assertIn("Zz Gone Member", html)
        html = Report._render_qweb_html(
            "coop_membership.report_share_certificate", self.early.ids
        )[0].decode()
        self.assertIn("Zz Early Member", html)
        self.assertIn("Part A", html)

    def test_documents_carry_the_coop_identity(self):
        """The certificate and the register name the coop (name, address,
        RCS) in their body; the register lists members by number with one-line
        addresses; the voters' list counts the voters and leaves room to sign."""
        self.company.write(
            {"street": "12 rue du Faubourg", "zip": "75010", "city": "Paris",
             "company_registry": "RCS Paris 912 345 678"}
        )  # fmt: skip
        self.early.write({"street": False, "city": "Lyon"})
        Report = self.env["ir.actions.report"]
        certificate = Report._render_qweb_html(
            "coop_membership.report_share_certificate", self.early.ids
        )[0].decode()
        register = Report._render_qweb_html(
            "coop_membership.report_share_register", self.wizard.ids
        )[0].decode()
        for html in (certificate, register):
            self.assertIn(self.company.name, html)
            self.assertIn("12 rue du Faubourg, 75010 Paris", html)
            self.assertIn("RCS Paris 912 345 678", html)
            self.assertNotIn("demo", html.lower())
        self.assertNotIn(", ,", register)
        numbers = [
            r["number"] for r in self.wizard._coop_register_rows() if r["number"]
        ]
        self.assertEqual(numbers, sorted(numbers))
        voters = Report._render_qweb_html(
            "coop_membership.report_share_voters", self.wizard.ids
        )[0].decode()
        count = len(self.wizard._coop_voter_rows())
        self.assertIn(f"<strong>{count}</strong> voters", voters)
        self.assertIn("Signature", voters)

    def test_xlsx_texts_are_never_formulas(self):
        formula = '=HYPERLINK("http://evil.example","Clic")'
        self.early.write({"name": formula, "street": "=1+1"})
        for action in (
            self.wizard.action_register_xlsx,
            self.wizard.action_voters_xlsx,
        ):
            with self.subTest(action=action.__name__):
                action()
                book = openpyxl.load_workbook(
                    io.BytesIO(base64.b64decode(self.wizard.xlsx_file))
                )
                cells = [c for row in book.active.iter_rows() for c in row]
                cell = next(c for c in cells if c.value == formula)
                self.assertEqual(cell.data_type, "s")
                self.assertFalse(any(c.data_type == "f" for c in cells))
