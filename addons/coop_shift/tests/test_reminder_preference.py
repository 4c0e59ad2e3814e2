# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopShiftCase

SHIFT_DAY = date(2026, 3, 10)


@tagged("post_install", "-at_install")
class TestReminderPreference(HttpCase, CoopShiftCase):
    """Reminders the member chooses: when and whether, each sent once; the
    coop's default for the others."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_shift_reminder_days = 2
        cls.member = cls._create_member("Rappel Rémi", email="remi@example.com")
        cls.user = new_test_user(
            cls.env,
            login="rappel_remi",
            password="rappel-remi-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
        )
        cls.plain = cls._create_member("Défaut Denise", email="denise@example.com")
        cls.shift = cls._shift(SHIFT_DAY)
        cls.reg = cls._register(cls.member, cls.shift)
        cls.plain_reg = cls._register(cls.plain, cls.shift)
        cls.Pref = cls.env["coop.shift.reminder.preference"]

    def _mails(self, partner):
        return self.env["mail.mail"].search_count(
            [
                ("model", "=", "coop.shift.registration"),
                ("email_to", "=", partner.email),
            ]
        )

    def _cron(self, day):
        with freeze_time(day):
            self.Registration._cron_coop_reminder()

    def test_seven_and_one_day_before(self):
        self.Pref.create(
            {"partner_id": self.member.id, "days_first": 7, "days_second": 1}
        )
        self._cron("2026-03-02")
        self.assertEqual(self._mails(self.member), 0, "8 days before")
        self._cron("2026-03-03")
        self.assertEqual(self._mails(self.member), 1, "7 days before")
        self._cron("2026-03-04")
        self.assertEqual(self._mails(self.member), 1, "sent once")
        self._cron("2026-03-09")
        self.assertEqual(self._mails(self.member), 2, "1 day before")
        self._cron("2026-03-10")
        self.assertEqual(self._mails(self.member), 2)

    def test_coop_default_for_others(self):
        self._cron("2026-03-07")
        self.assertEqual(self._mails(self.plain), 0)
        self._cron("2026-03-08")
        self.assertEqual(self._mails(self.plain), 1, "2 days before (default)")
        self._cron("2026-03-09")
        self.assertEqual(self._mails(self.plain), 1)

    def test_off_means_none(self):
        self.Pref.create({"partner_id": self.member.id, "enabled": False})
        self._cron("2026-03-09")
        self.assertEqual(self._mails(self.member), 0)
        self.assertEqual(self._mails(self.plain), 1)

    def test_bounds(self):
        with self.assertRaises(ValidationError):
            self.Pref.create({"partner_id": self.member.id, "days_first": 40})

    def test_member_sets_own_only(self):
        Pref = self.Pref.with_user(self.user)
        mine = Pref.create({"days_first": 3})
        self.assertEqual(mine.partner_id, self.member)
        with self.assertRaises(AccessError):
            Pref.create({"partner_id": self.plain.id, "days_first": 1})
        theirs = self.Pref.create({"partner_id": self.plain.id, "days_first": 5})
        with self.assertRaises(AccessError):
            theirs.with_user(self.user).write({"enabled": False})
        with self.assertRaises(AccessError):
            mine.write({"partner_id": self.plain.id})
        self.assertTrue(theirs.enabled)
        self.assertEqual(Pref.search([]), mine)

    def test_portal_form(self):
        self.authenticate("rappel_remi", "rappel-remi-1")
        page = self.url_open("/my/reminders")
        self.assertEqual(page.status_code, 200)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        self.url_open(
            "/my/reminders/save",
            data={
                "csrf_token": csrf,
                "enabled": "1",
                "days_first": "7",
                "days_second": "1",
            },
        )
        pref = self.Pref.search([("partner_id", "=", self.member.id)])
        self.assertEqual(
            (pref.enabled, pref.days_first, pref.days_second), (True, 7, 1)
        )
        self.url_open(
            "/my/reminders/save", data={"csrf_token": csrf, "days_first": "7"}
        )
        self.assertFalse(pref.enabled)
