# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import CoopGovernanceCase


@tagged("post_install", "-at_install")
class TestConvocationAndMinutes(CoopGovernanceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = [cls._holder(f"Voter {i}") for i in range(4)]
        cls.no_mail = cls._holder("Sans Courriel")
        cls.no_mail.email = False
        cls.assembly.chair_id = cls.members[0]
        cls.assembly.secretary_id = cls.members[1]
        cls.assembly.resolution_ids[0].text = "<p>Les comptes sont approuvés.</p>"
        cls.assembly.action_compute_voters()

    def _render(self, report, lang=None):
        return (
            self.env["ir.actions.report"]
            .with_user(self.desk)
            .with_context(lang=lang or self.env.context.get("lang"))
            ._render_qweb_html(f"coop_governance.{report}", self.assembly.ids)[0]
            .decode()
        )

    def test_convocation_mailed_and_recorded(self):
        self.assertFalse(self.assembly.notice_too_short)
        self.assembly.with_user(self.desk).action_convene()
        voters = self.assembly.voter_ids
        mails = self.env["mail.mail"].search(
            [("model", "=", "coop.assembly.voter"), ("res_id", "in", voters.ids)]
        )
        self.assertEqual(len(mails), 4, "one mail per voter with an address")
        self.assertTrue(all(m.attachment_ids for m in mails), "the PDF is attached")
        self.assertIn("Comptes 2025", mails[0].body_html)
        self.assertTrue(all(voters.mapped("convened_date")))
        self.assertFalse(self._voter(self.no_mail).convened_by_mail)
        self.assertTrue(self._voter(self.members[0]).convened_by_mail)
        html = self._render("report_assembly_convocation")
        self.assertIn("Les comptes sont approuvés", html)
        self.assertIn("Proxy", html)

    def test_convocation_in_the_voters_language(self):
        """A French-speaking voter reads the convocation in French."""
        self.members[0].lang = "fr_FR"
        self.assembly.with_user(self.desk).action_convene()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "coop.assembly.voter"),
                ("res_id", "=", self._voter(self.members[0]).id),
            ]
        )
        self.assertIn("Ordre du jour", mail.body_html)
        self.assertTrue(mail.subject.startswith("Convocation : "))

    def test_notice_too_short_warns(self):
        self.assembly.date = fields.Datetime.now() + timedelta(days=5)
        self.assertTrue(self.assembly.notice_too_short)
        self.assembly.with_user(self.desk).action_convene()
        self.assertEqual(self.assembly.state, "convened")
        self.assertTrue(
            self.assembly.message_ids.filtered(lambda m: "less than 15 days" in m.body)
        )

    def test_minutes(self):
        self.assembly.action_convene()
        for member in self.members:
            self.assembly.sign_in_partner(member.id)
        self.assembly.with_user(self.chair).action_open()
        accounts = self.assembly.resolution_ids[0].with_user(self.chair)
        accounts.action_open_vote()
        accounts.record_show_of_hands(3, 1, 0)
        accounts.action_close_vote()
        self.assembly.with_user(self.chair).action_close()
        html = self._render("report_assembly_minutes")
        for text in ("Voter 0", "Voter 1", "Les comptes sont approuvés", "Adopted"):
            self.assertIn(text, html)
        self.assertIn("Not voted", html, "the second resolution was not voted")

    def test_documents_in_french(self):
        """The convocation, the attendance sheet and the minutes print in
        French for a French-speaking desk (the client sends its language)."""
        self.assembly.with_user(self.desk).action_convene()
        for member in self.members[:3]:
            self.assembly.with_user(self.desk).sign_in_partner(member.id)
        self.assembly.with_user(self.chair).action_open()
        self.assembly.with_user(self.chair).action_close()
        expected = {
            "report_assembly_convocation": [
                "Ordre du jour",
                "Pouvoir",
                "vote avec lui",
            ],
            "report_assembly_attendance": ["Feuille de présence", "Voter 2"],
            "report_assembly_minutes": ["Procès-verbal", "Comptes 2025"],
        }
        for report, texts in expected.items():
            html = self._render(report, lang="fr_FR")
            for text in texts:
                self.assertIn(text, html, report)
            self.assertNotIn(">Minutes<", html)
            self.assertNotIn("Attendance sheet", html)
