"""Cross-addon checks on the installed suite (run by pytest-odoo on the test DB)."""

from _suite import ADDONS

from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestTemplate(TransactionCase):
    """What the template database guarantees to every test and demo database."""

    def test_french_chart(self):
        """The company was in France when `account` was installed."""
        self.assertEqual(self.env.company.country_id, self.env.ref("base.fr"))
        self.assertEqual(self.env.company.chart_template, "fr")

    def test_french_terms_of_every_module(self):
        """French is installed, with the terms of modules installed before it was
        loaded (base) and after (point_of_sale)."""
        self.assertTrue(self.env["res.lang"]._lang_get("fr_FR").active)
        for xmlid, french in [
            ("base.menu_administration", "Paramètres"),
            ("point_of_sale.menu_point_root", "Point de Vente"),
        ]:
            menu = self.env.ref(xmlid).with_context(lang="fr_FR")
            self.assertEqual(menu.name, french)

    def test_demo_data(self):
        """Every module holds its demo data, point_of_sale's too (it needs the
        chart of accounts installed before it)."""
        Module = self.env["ir.module.module"]
        without = Module.search([("state", "=", "installed"), ("demo", "=", False)])
        self.assertFalse(without.mapped("name"))
        self.assertTrue(self.env.ref("point_of_sale.pos_config_main", False))


@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_every_addon_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS)])
        self.assertEqual(sorted(modules.mapped("name")), ADDONS)
        self.assertEqual(set(modules.mapped("state")), {"installed"})

    def test_every_model_has_access_rules(self):
        """Each model our addons define (wizards included) has ir.model.access;
        abstract models (mixins) have no table and need none."""
        data = self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "=", "ir.model")]
        )
        models = self.env["ir.model"].browse(data.mapped("res_id")).filtered(
            lambda m: not self.env[m.model]._abstract
        )
        self.assertTrue(models)
        uncovered = models.filtered(lambda m: not m.access_ids)
        self.assertFalse(uncovered.mapped("model"))

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
