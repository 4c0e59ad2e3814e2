# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import CoopShiftCase


@tagged("post_install", "-at_install")
class TestShiftCalendarFeed(HttpCase, CoopShiftCase):
    """The calendar feed holds the token owner's planned services, in UTC,
    and nobody else's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Flux Fanny", lang="fr_FR")
        cls.user = new_test_user(
            cls.env,
            login="flux_fanny",
            password="flux-fanny-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
        )
        cls.other = cls._create_member("Autre Octave")
        day = fields.Date.today() + timedelta(days=3)
        cls.shift = cls._shift(day)
        cls.mine = cls._register(cls.member, cls.shift)
        cls.theirs = cls._register(cls.other, cls._shift(day + timedelta(days=1)))
        cls.cancelled = cls._register(cls.member, cls._shift(day + timedelta(days=2)))
        cls.cancelled.state = "cancelled"

    def test_only_my_planned_services(self):
        token = (
            self.env["coop.calendar.token"]
            .with_user(self.user)
            ._coop_issue(self.member)
        )
        body = self.url_open(f"/coop/calendar/{token}.ics").content.decode()
        self.assertEqual(body.count("BEGIN:VEVENT"), 1)
        self.assertIn(f"UID:coop-shift-registration-{self.mine.id}@", body)
        self.assertNotIn(f"coop-shift-registration-{self.theirs.id}@", body)
        self.assertNotIn(f"coop-shift-registration-{self.cancelled.id}@", body)
        start = self.shift.date_begin.strftime("%Y%m%dT%H%M%SZ")
        self.assertIn(f"\r\nDTSTART:{start}\r\n", body)
        self.assertIn("SUMMARY:Service coop", body.replace("\r\n ", ""))

    def test_feed_follows_a_change(self):
        token = (
            self.env["coop.calendar.token"]
            .with_user(self.user)
            ._coop_issue(self.member)
        )
        self.mine.state = "cancelled"
        body = self.url_open(f"/coop/calendar/{token}.ics").content.decode()
        self.assertNotIn("BEGIN:VEVENT", body)

    def test_feed_reads_in_constant_queries(self):
        """The feed reads the services in one query: adding services adds no
        query (a read per event would fail here)."""
        Token = self.env["coop.calendar.token"].sudo()

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Token._coop_feed(self.member)
            return self.cr.sql_log_count - before

        queries()  # caches of the first call (settings, company) filled
        one = queries()
        day = fields.Date.today() + timedelta(days=10)
        for offset in range(4):
            self._register(self.member, self._shift(day + timedelta(days=offset)))
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            body = Token._coop_feed(self.member)
        self.assertEqual(body.count(b"BEGIN:VEVENT"), 5)
        # the hook alone: its services in one query, however many
        window = (fields.Datetime.now(), fields.Datetime.now() + timedelta(days=30))
        self.member._coop_shift_events(*window)
        with self.assertQueryCount(1):
            events = self.member._coop_shift_events(*window)
        self.assertEqual(len(events), 5)
        self.assertEqual(
            events[0]["summary"],
            self.env._("Coop service: %(shift)s", shift=self.shift.name),
        )
