# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CoopShiftCase


@tagged("post_install", "-at_install")
class TestMail(CoopShiftCase):
    def _mails(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    @freeze_time("2026-03-02")
    def test_reminder_once(self):
        member = self._create_member("Rémi", email="remi@example.com")
        reg = self._register(member, self._shift(date(2026, 3, 4)))
        far = self._register(member, self._shift(date(2026, 3, 20)))
        Mail = self.env["mail.mail"]
        before = Mail.search_count([])
        self.Registration._cron_coop_reminder()
        self.assertTrue(reg.reminder_sent)
        self.assertFalse(far.reminder_sent)
        after = Mail.search_count([])
        self.assertEqual(after - before, 1)
        self.Registration._cron_coop_reminder()
        self.assertEqual(Mail.search_count([]), after, "reminded once")

    @freeze_time("2026-03-02")
    def test_status_mails_sent_once_by_cron(self):
        member = self._create_member("Sana", email="sana@example.com")
        self._register(member, self._shift(date(2026, 3, 2))).action_absent()
        self.assertEqual(member.coop_state, "alert")
        Mail = self.env["mail.mail"]
        self.env["coop.state.change"]._cron_coop_shift_mail_changes()
        # demo members' recent changes may be mailed too: look at Sana's mails
        mails = Mail.search([("email_to", "=", "sana@example.com")])
        self.assertEqual(len(mails), 1)
        self.assertIn("2026-03-30", mails.body_html)
        after = Mail.search_count([])
        self.env["coop.state.change"]._cron_coop_shift_mail_changes()
        self.assertEqual(Mail.search_count([]), after, "mailed once")

    @freeze_time("2026-03-02")
    def test_exchange_confirmation_mails(self):
        alice = self._create_member("Alma", email="alma@example.com")
        bob = self._create_member("Boris", email="boris@example.com")
        reg = self._register(alice, self._shift(date(2026, 3, 9)))
        Mail = self.env["mail.mail"]
        before = Mail.search_count([])
        reg.action_offer_exchange()
        reg._coop_take_exchange(bob)
        self.assertEqual(Mail.search_count([]) - before, 3, "offered + 2 confirmations")
