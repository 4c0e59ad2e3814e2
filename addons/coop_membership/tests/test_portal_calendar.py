# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..models.coop_calendar_token import ical_calendar, ical_escape, ical_fold
from .common import CoopMemberCase


def unfold(text):
    return text.replace("\r\n ", "")


@tagged("post_install", "-at_install")
class TestPortalCalendar(HttpCase, CoopMemberCase):
    """The personal calendar feed: a valid calendar, found by a secret token
    that only its owner makes, revokes and regenerates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.member = cls._create_member("Agenda Anna", lang="fr_FR")
        cls.user = new_test_user(
            cls.env,
            login="agenda_anna",
            password="agenda-anna-1",
            groups="base.group_portal",
            partner_id=cls.member.id,
        )
        cls.other = cls._create_member("Autre Agathe")
        cls.Token = cls.env["coop.calendar.token"]

    def _csrf(self):
        page = self.url_open("/my/calendar")
        return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def _new_address(self):
        # the address is shown once, on the page the form redirects to
        page = self.url_open("/my/calendar/new", data={"csrf_token": self._csrf()})
        return re.search(r'value="(http[^"]+\.ics)"', page.text).group(1)

    def test_make_use_revoke(self):
        self.authenticate("agenda_anna", "agenda-anna-1")
        url = self._new_address()
        token = url.rsplit("/", 1)[1][: -len(".ics")]
        self.assertGreaterEqual(len(token), 43, "32 random bytes")
        self.assertFalse(self.Token.search([("token_hash", "=", token)]), "hashed")
        self.assertNotIn(url, self.url_open("/my/calendar").text, "shown once")
        self.logout()
        feed = self.url_open(f"/coop/calendar/{token}.ics")
        self.assertEqual(feed.status_code, 200)
        self.assertTrue(feed.headers["Content-Type"].startswith("text/calendar"))
        body = feed.content.decode()
        self.assertTrue(body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertTrue(body.endswith("END:VCALENDAR\r\n"))
        self.assertIn("PRODID:", body)
        self.authenticate("agenda_anna", "agenda-anna-1")
        self.url_open("/my/calendar/revoke", data={"csrf_token": self._csrf()})
        self.logout()
        with mute_logger("odoo.http"):
            self.assertEqual(
                self.url_open(f"/coop/calendar/{token}.ics").status_code, 404
            )

    @mute_logger("odoo.http")
    def test_regenerate_kills_the_old_address(self):
        old = self.Token.with_user(self.user)._coop_issue(self.member)
        new = self.Token.with_user(self.user)._coop_issue(self.member)
        self.assertEqual(self.url_open(f"/coop/calendar/{old}.ics").status_code, 404)
        self.assertEqual(self.url_open(f"/coop/calendar/{new}.ics").status_code, 200)

    @mute_logger("odoo.http")
    def test_unknown_token_refused(self):
        self.Token.with_user(self.user)._coop_issue(self.member)
        for token in ("x" * 43, "", "1"):
            response = self.url_open(f"/coop/calendar/{token}.ics")
            self.assertEqual(response.status_code, 404, token)
            self.assertNotIn("VCALENDAR", response.text)

    def test_portal_user_cannot_act_for_another(self):
        Token = self.Token.with_user(self.user)
        for method in (Token._coop_issue, Token._coop_revoke, Token._coop_has_token):
            with self.assertRaises(AccessError):
                method(self.other)
        self.assertFalse(
            self.Token.with_context(active_test=False).search(
                [("partner_id", "=", self.other.id)]
            )
        )
        with self.assertRaises(AccessError):
            Token.search([])

    def test_ical_text_rules(self):
        self.assertEqual(ical_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne")
        line = "SUMMARY:" + "Service de caisse à l'épicerie, mercredi " * 4
        folded = ical_fold(line)
        for part in folded.split("\r\n"):
            self.assertLessEqual(len(part.encode()), 75)
        self.assertEqual(unfold(folded), line)
        events = [
            {
                "uid": "u1",
                "start": datetime(2026, 3, 2, 8),
                "end": datetime(2026, 3, 2, 11),
                "summary": "Épicerie; caisse",
            }
        ]
        cal = ical_calendar("Coop", "Europe/Paris", "x.coop", events).decode()
        self.assertIn("\r\nDTSTART:20260302T080000Z\r\n", cal)
        self.assertIn("\r\nUID:u1@x.coop\r\n", cal)
        self.assertIn("\r\nSUMMARY:Épicerie\\; caisse\r\n", cal)
        self.assertRegex(cal, r"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n")
        self.assertNotRegex(cal.replace("\r\n", ""), "\n")
