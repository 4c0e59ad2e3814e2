# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import CoopShiftCase


@tagged("post_install", "-at_install")
class TestShiftWatch(HttpCase, CoopShiftCase):
    """Shift watches: one mail per member, shift and event; none when nothing
    changed; a member manages their own watches only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.watcher = cls._create_member("Veille Véra", email="vera@example.com")
        cls.user = new_test_user(
            cls.env,
            login="veille_vera",
            password="veille-vera-1",
            groups="base.group_portal",
            partner_id=cls.watcher.id,
        )
        cls.leaver = cls._create_member("Partant Paul", email="paul@example.com")
        cls.second = cls._create_member("Second Sacha", email="sacha@example.com")
        cls.other = cls._create_member("Autre Aude", email="aude@example.com")
        cls.day = fields.Date.today() + timedelta(days=5)
        cls.shift = cls._shift(cls.day)
        cls.reg = cls._register(cls.leaver, cls.shift)
        cls.reg2 = cls._register(cls.second, cls.shift)
        cls.Watch = cls.env["coop.shift.watch"]
        cls.Event = cls.env["coop.shift.watch.event"]

    def _mails_to(self, partner):
        self.Event._cron_coop_watch_mail()  # triggered by the news, run now
        return self.env["mail.mail"].search_count(
            [("model", "=", "coop.shift.watch.event"), ("email_to", "=", partner.email)]
        )

    def _watch(self, partner=None, **vals):
        return self.Watch.create({"partner_id": (partner or self.watcher).id, **vals})

    def test_one_mail_per_freed_seat(self):
        self._watch(kind="shift", shift_id=self.shift.id)
        self._watch(kind="weekday", weekday=str(self.day.weekday()))
        self.reg.action_offer_exchange()
        self.assertEqual(self._mails_to(self.watcher), 1, "two watches, one mail")
        self.assertEqual(self._mails_to(self.leaver), 0, "the leaver is not told")
        self.reg.write({"state": "cancelled"})
        self.reg2.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 1, "same news, not again")
        event = self.Event.search([("partner_id", "=", self.watcher.id)])
        self.assertEqual(len(event), 1)
        self.assertEqual(event.event, "seat_free")

    def test_none_when_nothing_changed(self):
        self._watch(kind="shift", shift_id=self.shift.id)
        self.reg.write({"reminder_sent": True})
        self.reg2.write({"state": "attended"})
        self.assertFalse(self.Event.search([("partner_id", "=", self.watcher.id)]))
        self.assertEqual(self._mails_to(self.watcher), 0)

    def test_watcher_on_the_shift_not_told(self):
        self._register(self.watcher, self.shift)
        self._watch(kind="shift", shift_id=self.shift.id)
        self.reg.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 0)

    def test_template_watch(self):
        shifts = self._generate(
            date_from=self.day, date_to=self.day + timedelta(days=28)
        )
        self.assertTrue(shifts)
        shift = shifts[0]
        reg = self._register(self.leaver, shift, kind="makeup")
        self._watch(kind="template", template_id=self.template.id)
        reg.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 1)

    def test_qualification_watch(self):
        with self.assertRaises(ValidationError):
            self._watch(kind="qualification", qualification_id=self.cashier.id)
        self.watcher.coop_qualification_ids = self.cashier
        self.leaver.coop_qualification_ids = self.cashier
        self._watch(kind="qualification", qualification_id=self.cashier.id)
        qualified = self._register(
            self.leaver,
            self._shift(self.day + timedelta(days=1)),
            kind="makeup",
            qualification_id=self.cashier.id,
        )
        self.reg.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 0, "a general seat")
        qualified.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 1)

    def test_understaffed_told_once(self):
        self._watch(kind="understaffed", days_ahead=7)
        far = self._shift(self.day + timedelta(days=10))
        self.Watch._cron_coop_understaffed()
        told = self.Event.search([("partner_id", "=", self.watcher.id)])
        self.assertIn(self.shift, told.shift_id)
        self.assertNotIn(far, told.shift_id, "beyond the days watched")
        mails = self._mails_to(self.watcher)
        self.assertEqual(mails, len(told))
        self.Watch._cron_coop_understaffed()
        self.assertEqual(self._mails_to(self.watcher), mails, "nothing new")

    def test_mail_in_french(self):
        self.watcher.lang = "fr_FR"
        self._watch(kind="shift", shift_id=self.shift.id)
        self.reg.write({"state": "cancelled"})
        self.assertEqual(self._mails_to(self.watcher), 1)
        mail = self.env["mail.mail"].search(
            [("email_to", "=", self.watcher.email)], limit=1
        )
        self.assertIn("Une place", mail.subject)

    def test_member_manages_own_watches_only(self):
        Watch = self.Watch.with_user(self.user)
        mine = Watch.create({"kind": "shift", "shift_id": self.shift.id})
        self.assertEqual(mine.partner_id, self.watcher)
        theirs = self._watch(self.other, kind="shift", shift_id=self.shift.id)
        with self.assertRaises(AccessError):
            Watch.create(
                {
                    "partner_id": self.other.id,
                    "kind": "shift",
                    "shift_id": self.shift.id,
                }
            )
        self.assertEqual(Watch.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.user).unlink()
        with self.assertRaises(AccessError):
            mine.write({"partner_id": self.other.id})
        self.assertTrue(theirs.exists())
        with self.assertRaises(AccessError):
            self.Event.with_user(self.user).search([])

    @mute_logger("odoo.http")
    def test_remove_route_refuses_another_watch(self):
        theirs = self._watch(self.other, kind="shift", shift_id=self.shift.id)
        self.authenticate("veille_vera", "veille-vera-1")
        page = self.url_open("/my/watch")
        self.assertEqual(page.status_code, 200)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = self.url_open(
            f"/my/watch/{theirs.id}/remove", data={"csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 404)
        self.assertTrue(theirs.exists())
        self.url_open(
            "/my/watch/add",
            data={"csrf_token": csrf, "kind": "shift", "shift_id": self.shift.id},
        )
        self.assertEqual(
            self.Watch.search([("partner_id", "=", self.watcher.id)]).shift_id,
            self.shift,
        )

    def test_page_offers_full_shifts_only(self):
        """/my/watch lists the full shifts of the next 14 days not the
        member's (a shift with a free seat is booked, not watched)."""
        full = self._shift(self.day + timedelta(days=1))
        full.seats_max = 1
        self._register(self.leaver, full)
        mine = self._shift(self.day + timedelta(days=2))
        mine.seats_max = 1
        self._register(self.watcher, mine)
        later = self._shift(self.day + timedelta(days=20))
        later.seats_max = 1
        self._register(self.leaver, later)
        self.authenticate("veille_vera", "veille-vera-1")
        page = self.url_open("/my/watch").text
        select = page.split('id="coop_watch_shift"')[1].split("</select>")[0]
        self.assertIn(f'<option value="{full.id}">', select)
        for shift in (self.shift, mine, later):
            self.assertNotIn(f'<option value="{shift.id}">', select)
