# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestStatus(CoopShiftCase):
    """One test per row of the work-status rule table, plus the edges."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.holiday = cls.env.ref("coop_shift.leave_type_holiday")
        cls.age = cls.env.ref("coop_shift.leave_type_age")

    def _absent(self, partner, day, kind="standing"):
        reg = self._register(partner, self._shift(day), kind=kind)
        reg.action_absent()
        return reg

    def _cron(self):
        partners = self.env["res.partner"]._coop_partners_due_today()
        partners._coop_update_state()
        return partners

    @freeze_time("2026-03-02")
    def test_up_to_date(self):
        member = self._create_member("Ada")
        self.assertEqual(member.coop_state, "member", "not in shifts yet")
        self.assertTrue(member.coop_can_shop)
        self._standing(member)
        self.assertEqual(member.coop_state, "up_to_date")
        self.assertTrue(member.coop_can_shop)

    @freeze_time("2026-03-02")
    def test_alert(self):
        member = self._create_member("Ben")
        self._absent(member, D)
        self.assertEqual(member.coop_points_standard, -2)
        self.assertEqual(member.coop_state, "alert")
        self.assertTrue(member.coop_can_shop)
        self.assertEqual(member.coop_alert_deadline, date(2026, 3, 30))

    def test_suspended(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Cléo")
            self._absent(member, D)
        with freeze_time("2026-03-29"):
            self.assertNotIn(member, self._cron())
        with freeze_time("2026-03-30"):
            self.assertIn(member, self._cron())
            self.assertEqual(member.coop_state, "suspended")
            self.assertFalse(member.coop_can_shop)
            self.assertEqual(
                member.coop_shop_block_reason, "Suspended: 2 services to make up"
            )

    def test_makeup_during_alert(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Dom")
            self._absent(member, D)
        with freeze_time("2026-03-10"):
            makeup = self._register(member, self._shift(date(2026, 3, 10)), "makeup")
            makeup.action_attended()
            self.assertEqual(member.coop_points_standard, -1)
            self.assertEqual(member.coop_state, "alert")
            self.assertEqual(member.coop_alert_deadline, date(2026, 3, 30), "unchanged")
            second = self._register(member, self._shift(date(2026, 3, 11)), "makeup")
            second.action_attended()
            self.assertEqual(member.coop_state, "up_to_date")
            self.assertFalse(member.coop_alert_deadline)
            third = self._register(member, self._shift(date(2026, 3, 12)), "makeup")
            third.action_attended()
            self.assertEqual(member.coop_points_standard, 0, "never above 0")

    def test_suspended_member_repays(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Eve")
            self._absent(member, D)
        with freeze_time("2026-04-02"):
            self._cron()
            self.assertEqual(member.coop_state, "suspended")
            for day in (3, 4):
                reg = self._register(member, self._shift(date(2026, 4, day)), "makeup")
                reg.action_attended()
            self.assertEqual(member.coop_state, "up_to_date")
            self.assertTrue(member.coop_can_shop)

    @freeze_time("2026-03-02")
    def test_holiday(self):
        member = self._create_member("Flo")
        self.env["coop.shift.leave"].create(
            {
                "partner_id": member.id,
                "type_id": self.holiday.id,
                "date_start": D,
                "date_end": date(2026, 3, 20),
            }
        )
        self.assertEqual(member.coop_state, "holiday")
        self.assertFalse(member.coop_can_shop)
        self.assertEqual(member.coop_shop_block_reason, "On leave: shopping paused")

    @freeze_time("2026-03-02")
    def test_exempted(self):
        member = self._create_member("Gus")
        self._absent(member, date(2026, 2, 23))
        self.env["coop.shift.leave"].create(
            {"partner_id": member.id, "type_id": self.age.id, "date_start": D}
        )
        self.assertEqual(member.coop_state, "exempted", "leave wins over debts")
        self.assertTrue(member.coop_can_shop)

    def test_holiday_needs_end_date(self):
        member = self._create_member("Hal")
        with self.assertRaises(ValidationError):
            self.env["coop.shift.leave"].create(
                {"partner_id": member.id, "type_id": self.holiday.id}
            )

    def test_last_day_of_leave(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Iris")
            self._standing(member)
            self.env["coop.shift.leave"].create(
                {
                    "partner_id": member.id,
                    "type_id": self.holiday.id,
                    "date_start": D,
                    "date_end": date(2026, 3, 10),
                }
            )
        with freeze_time("2026-03-10"):
            self._cron()
            self.assertEqual(member.coop_state, "holiday", "the last day still counts")
        with freeze_time("2026-03-11"):
            self.assertIn(member, self._cron())
            self.assertEqual(member.coop_state, "up_to_date")

    def test_leave_start_picked_by_daily_job(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Jo")
            self._standing(member)
            self.env["coop.shift.leave"].create(
                {
                    "partner_id": member.id,
                    "type_id": self.holiday.id,
                    "date_start": date(2026, 3, 5),
                    "date_end": date(2026, 3, 10),
                }
            )
            self.assertEqual(member.coop_state, "up_to_date")
        with freeze_time("2026-03-05"):
            self.assertIn(member, self._cron())
            self.assertEqual(member.coop_state, "holiday")

    @freeze_time("2026-03-02")
    def test_delay(self):
        member = self._create_member("Kim")
        self._absent(member, D)
        self.env["coop.shift.extension"].create(
            {"partner_id": member.id, "date_start": D, "reason": "Hospital"}
        )
        self.assertEqual(member.coop_state, "delay")
        self.assertTrue(member.coop_can_shop)

    def test_absence_on_extension_last_day(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Lou")
            self._absent(member, D)
        with freeze_time("2026-04-01"):
            self._cron()
            self.assertEqual(member.coop_state, "suspended")
            self.env["coop.shift.extension"].create(
                {
                    "partner_id": member.id,
                    "date_start": date(2026, 4, 1),
                    "date_end": date(2026, 4, 15),
                    "reason": "Moving house",
                }
            )
            self.assertEqual(member.coop_state, "delay")
        with freeze_time("2026-04-15"):
            self._absent(member, date(2026, 4, 15))
            self.assertTrue(member.coop_shift_unsubscribed, "2nd absence in a row")
            self.assertEqual(member.coop_state, "delay", "the extension still applies")
        with freeze_time("2026-04-16"):
            self.assertIn(member, self._cron())
            self.assertEqual(member.coop_state, "unsubscribed")

    def test_absence_on_extension_end_then_suspended(self):
        self.env.company.coop_shift_unsubscribe_absences = 0
        with freeze_time("2026-03-02"):
            member = self._create_member("Max")
            self._absent(member, D)
        with freeze_time("2026-04-01"):
            self.env["coop.shift.extension"].create(
                {
                    "partner_id": member.id,
                    "date_start": date(2026, 4, 1),
                    "date_end": date(2026, 4, 15),
                    "reason": "Moving house",
                }
            )
        with freeze_time("2026-04-15"):
            self._absent(member, date(2026, 4, 15))
            self.assertEqual(
                member.coop_state, "delay", "extension covers its last day"
            )
            self.assertTrue(member.coop_can_shop)
        with freeze_time("2026-04-16"):
            self.assertIn(member, self._cron())
            self.assertEqual(member.coop_state, "frozen", "owes 4 services")

    def test_extensions_per_year(self):
        member = self._create_member("Nat")
        Extension = self.env["coop.shift.extension"]
        for month in (1, 5):
            Extension.create(
                {
                    "partner_id": member.id,
                    "date_start": date(2026, month, 1),
                    "reason": "r",
                }
            )
        with self.assertRaises(ValidationError):
            Extension.create(
                {"partner_id": member.id, "date_start": date(2026, 9, 1), "reason": "r"}
            )
        Extension.create(
            {"partner_id": member.id, "date_start": date(2027, 1, 1), "reason": "r"}
        )

    @freeze_time("2026-03-02")
    def test_unsubscribed(self):
        member = self._create_member("Oli")
        line = self._standing(member)
        shifts = self._generate()
        self._absent(member, date(2026, 2, 2))
        self.assertEqual(member.coop_state, "alert")
        self._absent(member, date(2026, 2, 16))
        self.assertEqual(member.coop_state, "unsubscribed")
        self.assertFalse(member.coop_can_shop)
        self.assertEqual(line.date_end, D)
        self.assertEqual(set(shifts.registration_ids.mapped("state")), {"cancelled"})
        # registered on a template again: back to work, still owing
        self._standing(member, date_start=date(2026, 3, 3))
        self.assertFalse(member.coop_shift_unsubscribed)
        self.assertEqual(member.coop_state, "frozen")

    @freeze_time("2026-03-02")
    def test_not_unsubscribed_when_makeup_between(self):
        member = self._create_member("Pia")
        self._absent(member, date(2026, 2, 2))
        reg = self._register(member, self._shift(date(2026, 2, 9)), "makeup")
        reg.action_attended()
        self._absent(member, date(2026, 2, 16))
        self.assertFalse(member.coop_shift_unsubscribed)
        self.assertEqual(member.coop_state, "alert")

    @freeze_time("2026-03-02")
    def test_frozen(self):
        self.env.company.coop_shift_unsubscribe_absences = 0
        member = self._create_member("Quinn")
        self._standing(member)
        shifts = self._generate()
        self._absent(member, date(2026, 2, 2))
        self._absent(member, date(2026, 2, 16))
        self.assertEqual(member.coop_state, "frozen")
        self.assertFalse(member.coop_can_shop)
        self.assertEqual(member.coop_shop_block_reason, "Frozen: 4 services to make up")
        self.assertEqual(
            set(shifts.registration_ids.mapped("state")), {"cancelled"}, "seat released"
        )
        # booking a make-up unfreezes at once (Tapir #809)
        makeup = self._register(member, self._shift(date(2026, 3, 9)), "makeup")
        self.assertEqual(member.coop_state, "alert")
        self.assertEqual(
            set(shifts.registration_ids.mapped("state")), {"planned"}, "seat given back"
        )
        makeup.action_cancel()
        self.assertEqual(
            member.coop_state, "frozen", "cancelling the make-up refreezes"
        )

    def test_daily_job_only_due_members(self):
        with freeze_time("2026-03-02"):
            quiet = self._create_member("Quiet")
            member = self._create_member("Rey")
            self._absent(member, D)
        with freeze_time("2026-03-30"):
            due = self.env["res.partner"]._coop_partners_due_today()
            self.assertIn(member, due)
            self.assertNotIn(quiet, due)
