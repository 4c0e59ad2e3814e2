# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html as lxml_html

from odoo.tests import tagged
from odoo.tools.image import image_data_uri

from .common import SIGNATURE, TrainingCase


@tagged("at_install", "-post_install")
class TestReports(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_training_nda = "11755555575"
        # regulated documents are printed in French whatever the learner's
        # language: learner one reads English
        cls.learner.lang = "en_US"

    def _render(self, report, records, lang="en_US"):
        html, _type = (
            self.env["ir.actions.report"]
            .with_context(lang=lang)
            ._render_qweb_html(report, records.ids)
        )
        return html.decode()

    def test_programme(self):
        html = self._render("coop_training.action_report_programme", self.course)
        self.assertIn("Hold the till", html)
        self.assertIn("Result indicators", html)
        self.assertIn("11755555575", html)

    def test_convention_d6353_1(self):
        html = self._render("coop_training.action_report_convention", self.reg)
        for mention in (
            "Convention de formation professionnelle",
            "D6353-1",
            "Intitulé de la formation",
            "Durée et période",
            "Prix et modalités de règlement",
            "de suivi et de sanction",
            "Learner One",
            "10/03/2025",
        ):
            self.assertIn(mention, html)
        # one duration, the session's: two half-days of 3.5 h
        self.assertEqual(html.count("7\u00a0h"), 2)
        self.assertNotIn("7.0", html)

    def test_convocation(self):
        html = self._render("coop_training.action_report_convocation", self.reg)
        self.assertIn("<h2>Convocation</h2>", html)
        self.assertIn("Vous êtes convoqué", html)
        self.assertIn("10/03/2025", html)
        self.assertIn("Module morning", html)
        self.assertIn("Learner One", html)

    def test_emargement_per_half_day(self):
        self._sign(self._line(self.reg, self.slot_am))
        self._countersign(self.slot_am)
        html = self._render("coop_training.action_report_emargement", self.slot_am)
        self.assertIn("Learner One", html)
        self.assertIn("Learner Two", html)
        self.assertIn("Trainer T", html)
        self.assertIn("Module morning", html)
        # only the signatures: the page may also show the company logo
        page = lxml_html.fromstring(html)
        learner_signs = page.xpath("//img[@class='o_coop_learner_signature']")
        trainer_signs = page.xpath("//img[@class='o_coop_trainer_signature']")
        # Learner One signed, Learner Two did not
        self.assertEqual(len(learner_signs), 1)
        self.assertEqual(len(trainer_signs), 1)
        for img in learner_signs + trainer_signs:
            self.assertEqual(img.get("src"), image_data_uri(SIGNATURE))

    def test_attestation_l6353_1(self):
        html = self._render("coop_training.action_report_attestation", self.reg)
        for mention in (
            "Attestation de fin de formation",
            "L6353-1",
            "Objectifs",
            "Résultats de l'évaluation",
            "Hold the till",
            "10/03/2025",
        ):
            self.assertIn(mention, html)

    def test_certificat_hours_from_signed_attendance(self):
        self._sign(self._line(self.reg, self.slot_am))
        self._line(self.reg, self.slot_pm).state = "present"  # not signed
        html = self._render("coop_training.action_report_certificat", self.reg)
        self.assertIn("Certificat de réalisation", html)
        self.assertIn("10/03/2025", html)
        self.assertIn("3,50\u00a0h", html)
        self.assertNotIn("7\u00a0h", html)
        self.assertNotIn("3.50", html)

    def test_signatory_and_nda(self):
        """The certificate names who signs; without an NDA, it says it is
        being registered rather than printing a dash."""
        self.env.company.coop_training_nda = False
        self.env.company.coop_training_manager_id = self.env["res.partner"].create(
            {"name": "Camille Responsable"}
        )
        html = self._render("coop_training.action_report_certificat", self.reg)
        self.assertIn("Je soussigné·e <strong>Camille Responsable</strong>", html)
        self.assertIn("en cours d'enregistrement", html)
        self.assertNotIn("(NDA) : -", html)

    def test_french_hours(self):
        fmt = self.course._coop_format_hours
        self.assertEqual(
            [fmt(14), fmt(3.5), fmt(31.5), fmt(0)],
            ["14\u00a0h", "3,50\u00a0h", "31,50\u00a0h", "0\u00a0h"],
        )

    def test_documents_in_french(self):
        self.learner.lang = "fr_FR"
        html = self._render("coop_training.action_report_convention", self.reg, "fr_FR")
        self.assertIn("Convention de formation professionnelle", html)
        self.assertIn("Prix et modalités de règlement", html)
        html = self._render(
            "coop_training.action_report_attestation", self.reg, "fr_FR"
        )
        self.assertIn("Attestation de fin de formation", html)
        html = self._render("coop_training.action_report_certificat", self.reg, "fr_FR")
        self.assertIn("Certificat de réalisation", html)
