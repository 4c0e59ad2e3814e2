# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestLedger(CoopShiftCase):
    @freeze_time("2026-03-02")
    def test_points_rules(self):
        member = self._create_member("Ana")
        reg = self._register(member, self._shift(D))
        reg.action_excused()
        self.assertEqual(member.coop_points_standard, -1)
        reg.action_reset()
        self.assertEqual(member.coop_points_standard, 0, "correction line")
        reg.action_absent()
        self.assertEqual(member.coop_points_standard, -2)
        self.assertEqual(len(reg.counter_line_ids), 3, "the ledger is append-only")
        attended = self._register(member, self._shift(date(2026, 3, 3)))
        attended.action_attended()
        self.assertEqual(member.coop_points_standard, -2, "a standing service is due")

    @freeze_time("2026-03-02")
    def test_manual_line(self):
        member = self._create_member("Bea")
        line = self.Line.with_context(coop_shift_manual=True).create(
            {"partner_id": member.id, "points": -1, "reason": "Forgotten key"}
        )
        self.assertTrue(line.manual)
        self.assertEqual(line.author_id, self.env.user)
        self.assertEqual(member.coop_state, "alert")

    @freeze_time("2026-03-02")
    def test_flying_cycle_debit_idempotent(self):
        member = self._create_member("Cas", coop_work_mode="flying")
        self.Line._cron_flying_cycle_debit()
        self.Line._cron_flying_cycle_debit()
        lines = self.Line.search([("partner_id", "=", member.id)])
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines.cycle_date, D)
        self.assertEqual(member.coop_points_flying, -1)
        self.assertEqual(member.coop_state, "alert")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.Line.create(
                    {
                        "partner_id": member.id,
                        "points": -1,
                        "reason": "x",
                        "cycle_date": D,
                    }
                )
        reg = self._register(member, self._shift(date(2026, 3, 5)), "flying")
        reg.action_attended()
        self.assertEqual(member.coop_points_flying, 0)
        self.assertEqual(member.coop_state, "up_to_date")

    @freeze_time("2026-03-02")
    def test_leave_excuses_and_restores(self):
        member = self._create_member("Dan")
        self._standing(member)
        shifts = self._generate().sorted("date")
        leave = self.env["coop.shift.leave"].create(
            {
                "partner_id": member.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": date(2026, 3, 20),
                "date_end": date(2026, 4, 30),
            }
        )
        regs = shifts.registration_ids.sorted("date")
        # shifts: 03-30, 04-27 (inside the leave), 05-25
        self.assertEqual(regs.mapped("state"), ["excused", "excused", "planned"])
        excused = regs.filtered(lambda r: r.state == "excused")
        self.assertEqual(excused.leave_id, leave)
        self.assertFalse(excused.counter_line_ids, "no points for a leave")
        self.assertEqual(member.coop_points_standard, 0)
        leave.date_end = date(2026, 4, 10)
        self.assertEqual(regs.mapped("state"), ["excused", "planned", "planned"])
        leave.action_cancel()
        self.assertEqual(set(regs.mapped("state")), {"planned"})

    @freeze_time("2026-03-02")
    def test_generation_excuses_inside_leave(self):
        member = self._create_member("Edo")
        self._standing(member)
        self.env["coop.shift.leave"].create(
            {
                "partner_id": member.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": date(2026, 3, 20),
                "date_end": date(2026, 4, 5),
            }
        )
        shifts = self._generate()
        reg = shifts.registration_ids.filtered(lambda r: r.date == date(2026, 3, 30))
        self.assertEqual(reg.partner_id, member)
        self.assertEqual(reg.state, "excused")
        self.assertTrue(reg.leave_id)

    @freeze_time("2026-03-02")
    def test_exchange(self):
        alice = self._create_member("Alice")
        bob = self._create_member("Bob")
        carl = self._create_member("Carl")
        reg = self._register(alice, self._shift(date(2026, 3, 9)))
        with self.assertRaises(UserError, msg="not offered yet"):
            reg._coop_take_exchange(bob)
        reg.action_offer_exchange()
        new = reg._coop_take_exchange(bob)
        self.assertEqual(reg.state, "replaced")
        self.assertEqual(new.partner_id, bob)
        self.assertEqual(new.kind, "standing")
        with self.assertRaises(UserError, msg="no double exchange"):
            reg._coop_take_exchange(carl)
        with self.assertRaises(UserError):
            reg.action_offer_exchange()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self._register(carl, reg.shift_id, replaces_id=reg.id)
        new.action_absent()
        self.assertEqual(bob.coop_points_standard, -2, "points follow who works")
        self.assertEqual(alice.coop_points_standard, 0)

    @freeze_time("2026-03-02")
    def test_solidarity(self):
        giver = self._create_member("Gil")
        needy = self._create_member("Nour")
        self._register(needy, self._shift(D)).action_absent()
        reg = self._register(giver, self._shift(date(2026, 3, 9)), "extra")
        reg._coop_give_solidarity(needy)
        reg.action_attended()
        self.assertEqual(needy.coop_points_standard, -1)
        self.assertEqual(giver.coop_points_standard, 0)
        standing = self._register(giver, self._shift(date(2026, 3, 10)))
        with self.assertRaises(UserError):
            standing._coop_give_solidarity(needy)
