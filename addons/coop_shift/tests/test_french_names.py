# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopShiftCase

WEDNESDAY = date(2026, 3, 4)


@tagged("post_install", "-at_install")
class TestFrenchNames(CoopShiftCase):
    """Names are computed in the reader's language and date format, and
    searchable; ledger reasons are worded for the reader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.weekday = "2"
        cls.shift = cls._shift(WEDNESDAY, cls.template)
        cls.member = cls._create_member("Nom Français")
        cls.reg = cls._register(cls.member, cls.shift)
        cls.reg.action_absent()

    def test_names_in_the_reader_language(self):
        fr = self.shift.with_context(lang="fr_FR")
        en = self.shift.with_context(lang="en_US")
        self.assertEqual(fr.name, "A - Mercredi 09:00-12:00 (04/03/2026)")
        self.assertEqual(en.name, "A - Wednesday 09:00-12:00 (03/04/2026)")
        self.assertEqual(fr.display_name, fr.name)
        line = self.reg.counter_line_ids.with_context(lang="fr_FR")
        self.assertEqual(line.label, f"{fr.name}: Absent·e")
        self.assertIn("Wednesday", line.with_context(lang="en_US").label)

    def test_search_by_name(self):
        Shift = self.Shift.with_context(lang="fr_FR")
        for term in ("Mercredi 09:00", "Wednesday 09:00", "04/03/2026", "2026-03-04"):
            with self.subTest(term):
                self.assertIn(self.shift, Shift.search([("name", "ilike", term)]))
        self.assertNotIn(self.shift, Shift.search([("name", "ilike", "Jeudi")]))
        found = Shift.name_search("Mercredi 09:00-12:00")
        self.assertIn(self.shift.id, [shift_id for shift_id, _name in found])
        Template = self.env["coop.shift.template"].with_context(lang="fr_FR")
        self.assertIn(self.template, Template.search([("name", "ilike", "mercredi")]))

    def test_leave_extension_closure_names(self):
        leave = self.env["coop.shift.leave"].create(
            {
                "partner_id": self.member.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": date(2026, 7, 1),
                "date_end": date(2026, 7, 20),
            }
        )
        name = leave.with_context(lang="fr_FR").display_name
        self.assertIn("Nom Français (01/07/2026 → 20/07/2026)", name)
        closure = self.env["coop.shift.closure"].create(
            {
                "name": "Inventaire",
                "date_start": date(2026, 8, 3),
                "date_end": date(2026, 8, 3),
            }
        )
        self.assertEqual(
            closure.with_context(lang="fr_FR").display_name, "Inventaire (03/08/2026)"
        )
        extension = self.env["coop.shift.extension"].create(
            {
                "partner_id": self.member.id,
                "reason": "famille",
                "date_start": date(2026, 3, 4),
                "date_end": date(2026, 3, 20),
            }
        )
        self.assertEqual(
            extension.with_context(lang="fr_FR").display_name,
            "Prolongation Nom Français jusqu'au 20/03/2026",
        )


@tagged("post_install", "-at_install")
class TestFrenchScreens(HttpCase, CoopShiftCase):
    """A French reader sees French weekdays and dates in shift names on every
    screen: the list and calendar (the web client's reads), the portal page
    and the ledger reasons on it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.template.weekday = "2"
        cls.member = cls._create_member("Membre Français", lang="fr_FR")
        new_test_user(
            cls.env,
            login="membre_fr",
            password="membre-fr-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
            lang="fr_FR",
        )
        cls.office = new_test_user(
            cls.env,
            login="bureau_fr",
            groups="coop_shift.group_coop_shift_staff",
            lang="fr_FR",
        )
        day = fields.Date.today() + timedelta(days=3)
        cls.coming = cls._shift(day, cls.template)
        cls._register(cls.member, cls.coming)
        past = cls._shift(
            day - timedelta(days=10), cls.template.copy({"week_letter": "B"})
        )
        cls._register(cls.member, past).action_absent()

    def test_list_and_calendar_reads(self):
        Shift = self.Shift.with_user(self.office).with_context(lang="fr_FR")
        domain = [("id", "=", self.coming.id)]
        for field in ("display_name", "calendar_title"):
            with self.subTest(field):
                records = Shift.web_search_read(domain, {field: {}})["records"]
                value = records[0][field]
                self.assertIn("A - Mercredi 09:00-12:00", value)
                self.assertIn(f"({self.coming.date:%d/%m/%Y})", value)

    def test_portal_page(self):
        self.authenticate("membre_fr", "membre-fr-1")
        page = self.url_open("/my/shifts").text
        self.assertIn(f"A - Mercredi 09:00-12:00 ({self.coming.date:%d/%m/%Y})", page)
        self.assertIn("B - Mercredi 09:00-12:00", page)
        self.assertIn("Absent·e", page)
        self.assertNotIn("Wednesday", page)
