# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import CoopPurchaseCase


@tagged("at_install", "-post_install")
class TestLabels(CoopPurchaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.yogurt = cls._product(
            "Yaourt test", 1.0, list_price=1.5, tax=cls.vat_55,
            coop_net_content=0.5, coop_net_content_kind="kg",
            coop_organic=True, coop_origin="Val-d'Oise", barcode="3760000000994",
        )  # fmt: skip
        cls.carrot = cls._product(
            "Carotte test", 1.0, list_price=2.0, tax=cls.vat_55,
            uom_id=cls.kg.id, uom_po_id=cls.kg.id,
        )  # fmt: skip
        cls.hundred_g = cls.env["uom.uom"].create(
            {
                "name": "100 g label test",
                "category_id": cls.kg.category_id.id,
                "uom_type": "smaller",
                "factor": 10.0,
            }
        )
        cls.spice = cls._product(
            "Épice test", 1.0, list_price=1.0, tax=cls.vat_55,
            uom_id=cls.hundred_g.id, uom_po_id=cls.kg.id,
        )  # fmt: skip
        cls.soap = cls._product("Savon test", 1.0, list_price=3.0, tax=cls.vat_20)

    def test_unit_price_per_kg_litre_or_piece(self):
        self.assertAlmostEqual(self.yogurt.coop_unit_price, 1.58 / 0.5)
        self.assertEqual(self.yogurt.coop_unit_price_uom, "kg")
        self.assertAlmostEqual(self.carrot.coop_unit_price, 2.11)
        self.assertEqual(self.carrot.coop_unit_price_uom, "kg")
        self.assertAlmostEqual(self.spice.coop_unit_price, 10.6)  # 1.06 per 100 g
        self.assertAlmostEqual(self.soap.coop_unit_price, 3.6)
        self.yogurt.coop_net_content_kind = "l"
        self.assertEqual(self.yogurt.coop_unit_price_uom, "L")

    def _html(self, xmlid, products):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            xmlid, products.ids
        )
        return html.decode()

    def test_sheet_shows_price_unit_price_marks_and_barcode(self):
        html = self._html(
            "coop_purchase.action_report_coop_shelf_label", self.yogurt | self.carrot
        )
        self.assertIn("Yaourt test", html)
        self.assertIn("Carotte test", html)
        # 1.58 € for 0.5 kg, whatever the reader's decimal separator
        self.assertRegex(html, r"3[.,]16")
        self.assertIn("coop-mark-organic", html)
        self.assertIn("coop-mark-local", html)  # the farm is 40 km away
        self.assertIn("Val-d&#39;Oise", html.replace("&#x27;", "&#39;"))
        self.assertIn("Ferme test", html)
        self.assertIn("data:image/png;base64", html)
        self.assertEqual(html.count('class="coop-label '), 2)

    def test_single_label_one_per_page(self):
        html = self._html(
            "coop_purchase.action_report_coop_shelf_label_single",
            self.yogurt | self.soap,
        )
        self.assertEqual(html.count("coop-label coop-label-single"), 2)
        self.assertRegex(html, r"3[.,]60")

    def test_printing_the_queue_empties_it(self):
        (self.yogurt | self.carrot).coop_label_pending = True
        queue = self.env["product.template"].search([("coop_label_pending", "=", True)])
        action = queue.with_user(self.buyer).action_coop_print_labels()
        self.assertEqual(
            action["report_name"], "coop_purchase.report_coop_shelf_label_sheet"
        )
        self.assertFalse(
            self.yogurt.coop_label_pending or self.carrot.coop_label_pending
        )
        action = (
            self.soap.with_user(self.buyer)
            .with_context(coop_label_format="single")
            .action_coop_print_labels()
        )
        self.assertEqual(
            action["report_name"], "coop_purchase.report_coop_shelf_label_single"
        )

    def test_labels_in_the_reader_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        products = (self.yogurt | self.carrot).with_context(lang="fr_FR")
        html, _type = (
            self.env["ir.actions.report"]
            .with_context(lang="fr_FR")
            ._render_qweb_html(
                "coop_purchase.action_report_coop_shelf_label", products.ids
            )
        )
        self.assertIn("Producteur local", html.decode())
        self.assertIn("Origine", html.decode())
