# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.barcode import check_barcode_encoding

from ..report import report_coop_badge
from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestMemberNumberCard(CoopMemberCase):
    """Member number, member card and badge printing."""

    def test_number_from_sequence_never_reused(self):
        first = self._create_member("Ada")
        second = self._create_member("Bao")
        self.assertTrue(first.coop_member_number)
        self.assertEqual(second.coop_member_number, first.coop_member_number + 1)
        self.assertTrue(second.coop_entry_date)
        number = second.coop_member_number
        self._give_shares(second, -second.coop_share_qty)
        second._coop_update_state()
        self.assertEqual(second.coop_state, "former")
        self.assertEqual(second.coop_member_number, number, "kept when leaving")
        third = self._create_member("Chloé")
        self.assertEqual(third.coop_member_number, first.coop_member_number + 2)

    def test_candidate_gets_a_number_passer_by_does_not(self):
        candidate = self._create_member("Dara", welcome=False)
        self.assertEqual(candidate.coop_state, "candidate")
        self.assertTrue(candidate.coop_member_number)
        passer_by = self.env["res.partner"].create({"name": "Passer-by"})
        passer_by._coop_update_state()
        self.assertFalse(passer_by.coop_member_number)
        self.assertFalse(passer_by.coop_card_barcode)

    def test_number_is_unique(self):
        first = self._create_member("Elio")
        second = self._create_member("Fanny")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            second.write({"coop_member_number": first.coop_member_number})
            second.flush_recordset()

    def test_card_is_a_valid_ean13_from_the_rule(self):
        member = self._create_member("Gaël")
        card = member.coop_card_barcode
        self.assertTrue(check_barcode_encoding(card, "ean13"))
        self.assertTrue(card.startswith("28"))
        self.assertEqual(int(card[2:12]), member.coop_member_number)
        self.assertEqual(member.barcode, card, "core POS search finds the card")
        self.assertTrue(member.coop_badge_to_print)

    def test_card_follows_the_rule_prefix(self):
        self.env.ref("coop_membership.barcode_rule_coop_member").pattern = "27"
        member = self._create_member("Hugo")
        self.assertTrue(member.coop_card_barcode.startswith("27"))

    def test_card_is_unique_and_checked(self):
        first = self._create_member("Inès")
        second = self._create_member("Jules")
        with self.assertRaises(ValidationError):
            second.coop_card_barcode = "2800000000001"
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            second.write({"coop_card_barcode": first.coop_card_barcode})
            second.flush_recordset()

    def test_print_badges_clears_the_flag(self):
        members = self._create_member("Kim") | self._create_member("Léa")
        action = members.action_coop_print_badge()
        self.assertEqual(action["report_name"], "coop_membership.report_coop_badge")
        self.assertFalse(any(members.mapped("coop_badge_to_print")))
        self.assertTrue(all(members.mapped("coop_badge_print_date")))

    def test_badge_pdf_renders(self):
        member = self._create_member("Malo")
        html = self.env["ir.actions.report"]._render_qweb_html(
            "coop_membership.report_coop_badge", member.ids
        )[0]
        self.assertIn(member.coop_card_barcode.encode(), html)
        self.assertIn(b"Malo", html)

    def test_badge_prints_at_card_size_with_either_wkhtmltopdf(self):
        """The CR80 page has no margin and a fixed dpi; an unpatched wkhtmltopdf
        (which ignores dpi, zoom and disable_shrinking, laying out at 125 px per
        inch) gets the CSS zoom that brings the card's millimetres back to size."""
        paper = self.env.ref("coop_membership.paperformat_coop_badge_cr80")
        self.assertEqual((paper.page_width, paper.page_height, paper.dpi), (86, 54, 96))
        margins = ("margin_top", "margin_bottom", "margin_left", "margin_right")
        self.assertFalse(any(paper[name] for name in margins))
        self.assertTrue(paper.disable_shrinking)
        member = self._create_member("Oscar")
        render = self.env["ir.actions.report"]._render_qweb_html
        for version, zoom in [
            ("wkhtmltopdf 0.12.6", b"html { zoom: 1.30208; }"),
            ("wkhtmltopdf 0.12.6.1 (with patched qt)", None),
        ]:
            report_coop_badge.card_zoom.cache_clear()
            with patch.object(report_coop_badge.subprocess, "run") as run:
                run.return_value.stdout = version
                html = render("coop_membership.report_coop_badge", member.ids)[0]
            self.assertEqual(b"zoom:" in html, bool(zoom), version)
            if zoom:
                self.assertIn(zoom, html)
        report_coop_badge.card_zoom.cache_clear()

    def test_new_card_replaces_a_lost_one(self):
        member = self._create_member("Noa")
        lost = member.coop_card_barcode
        member.action_coop_new_card()
        self.assertNotEqual(member.coop_card_barcode, lost)
        self.assertTrue(member.coop_card_barcode.startswith("29"))
        self.assertEqual(member.barcode, member.coop_card_barcode)
        self.assertTrue(member.coop_badge_to_print)
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search([("coop_card_barcode", "=", lost)]))
        self.assertFalse(Partner.search([("barcode", "=", lost)]))
        member.coop_card_barcode = False
        self.assertFalse(member.barcode, "a withdrawn card leaves the till")
