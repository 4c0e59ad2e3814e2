"""Cross-addon checks on the installed suite (run by pytest-odoo on the test DB)."""

from odoo.tests import tagged
from odoo.tests.common import TransactionCase

ADDONS = ["coop_membership", "coop_shift", "coop_ssa", "coop_training"]


@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_four_addons_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(sorted(modules.mapped("name")), ADDONS)
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_every_model_has_access_rules(self):
        """Each model our addons define (wizards included) has ir.model.access."""
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id"))
        self.assertTrue(models)
        uncovered = models.filtered(lambda m: not m.access_ids)
        self.assertFalse(uncovered.mapped("model"))

    def test_french_chart_and_language(self):
        self.assertEqual(self.env.company.chart_template, "fr")
        self.assertTrue(self.env["res.lang"]._lang_get("fr_FR").active)

    def test_mails_are_in_french(self):
        """Every mail our addons send exists in French: a template whose source
        was re-indented after its translation was made falls back to English."""
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "mail.template")]
        )
        templates = self.env["mail.template"].browse(data.mapped("res_id"))
        self.assertTrue(templates)
        untranslated = []
        for template in templates:
            english = template.with_context(lang="en_US")
            french = template.with_context(lang="fr_FR")
            xmlid = template.get_external_id()[template.id]
            untranslated += [
                f"{xmlid}.{fname}"
                for fname in ("subject", "body_html")
                if english[fname] and english[fname] == french[fname]
            ]
        self.assertFalse(untranslated)
