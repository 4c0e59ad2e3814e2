# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import MONDAY_A, CoopShiftCase


@tagged("post_install", "-at_install")
class TestGeneration(CoopShiftCase):
    def test_week_letter_and_cycle(self):
        company = self.env.company
        self.assertEqual(company._coop_shift_week_letter(MONDAY_A), "A")
        self.assertEqual(
            company._coop_shift_week_letter(MONDAY_A + timedelta(days=8)), "B"
        )
        self.assertEqual(
            company._coop_shift_week_letter(MONDAY_A + timedelta(days=27)), "D"
        )
        self.assertEqual(company._coop_shift_cycle_start(date(2026, 3, 20)), MONDAY_A)

    @freeze_time("2026-02-27")
    def test_generation_idempotent(self):
        member = self._create_member("Alix")
        self._standing(member)
        first = self._generate().sorted("date")
        # 90 days from 2026-02-28: Mondays of week A are 03-02, 03-30, 04-27, 05-25
        self.assertEqual(
            first.mapped("date"),
            [date(2026, 3, 2), date(2026, 3, 30), date(2026, 4, 27), date(2026, 5, 25)],
        )
        self.assertEqual(first[0].date_begin.hour, 8, "09:00 Paris is 08:00 UTC")
        self.assertEqual(len(first.registration_ids), 4)
        self.assertEqual(set(first.registration_ids.mapped("kind")), {"standing"})
        second = self.Shift._coop_generate()
        self.assertFalse(second, "running twice creates nothing")
        self.assertEqual(
            self.Shift.search_count([("template_id", "=", self.template.id)]), 4
        )
        self.assertEqual(
            self.Registration.search_count([("partner_id", "=", member.id)]), 4
        )

    @freeze_time("2026-02-27")
    def test_closure_cancels_and_owes_nothing(self):
        member = self._create_member("Bao")
        self._standing(member)
        shifts = self._generate().sorted("date")
        closure = self.env["coop.shift.closure"].create(
            {
                "name": "Inventory",
                "date_start": date(2026, 3, 2),
                "date_end": date(2026, 3, 2),
            }
        )
        shift = shifts[0]
        self.assertEqual(shift.state, "cancelled")
        self.assertEqual(shift.closure_id, closure)
        self.assertEqual(shift.registration_ids.state, "cancelled")
        self.assertEqual(member.coop_points_standard, 0)
        self.assertEqual(member.coop_state, "up_to_date")
        # a closure known in advance: no shift is generated in its range
        self.env["coop.shift.closure"].create(
            {
                "name": "Holiday",
                "date_start": date(2026, 6, 20),
                "date_end": date(2026, 6, 25),
            }
        )
        more = self.Shift._coop_generate(date_to=date(2026, 6, 30))
        self.assertNotIn(date(2026, 6, 22), more.mapped("date"))

    @freeze_time("2026-02-27")
    def test_new_standing_member_joins_future_shifts(self):
        shifts = self._generate().sorted("date")
        member = self._create_member("Cyd")
        self._standing(member, date_start=date(2026, 4, 1))
        self.assertEqual(
            shifts.registration_ids.partner_id, member, "registered on generated shifts"
        )
        self.assertEqual(len(shifts.registration_ids), 2, "only from 04-01 on")

    @freeze_time("2026-02-27")
    def test_end_template_cancels_future_registrations(self):
        member = self._create_member("Dani")
        line = self._standing(member)
        shifts = self._generate().sorted("date")
        line.action_end(date(2026, 4, 1))
        states = shifts.registration_ids.sorted("date").mapped("state")
        self.assertEqual(states, ["planned", "planned", "cancelled", "cancelled"])
        self.template.date_end = date(2026, 3, 15)
        self.assertEqual(
            shifts.sorted("date").mapped("state"), ["open"] + ["cancelled"] * 3
        )

    @freeze_time("2026-02-27")
    def test_change_team(self):
        member = self._create_member("Gaby")
        line = self._standing(member)
        other = self.template.copy({"week_letter": "B"})
        old_shifts = self.Shift._coop_generate().filtered(
            lambda s: s.template_id == self.template
        )
        wizard = (
            self.env["coop.shift.change.team.wizard"]
            .with_context(active_ids=line.ids)
            .create({"template_id": other.id, "date_from": date(2026, 3, 20)})
        )
        wizard.action_confirm()
        new_line = member.coop_template_registration_ids - line
        self.assertEqual(line.date_end, date(2026, 3, 19))
        old = old_shifts.registration_ids.sorted("date")
        self.assertEqual(
            old.mapped("state"), ["planned", "cancelled", "cancelled", "cancelled"]
        )
        new = self.Registration.search([("shift_id.template_id", "=", other.id)])
        self.assertTrue(new)
        self.assertTrue(all(r.date >= date(2026, 3, 20) for r in new))
        self.assertEqual(new_line.template_id, other)

    def test_qualification_seat_check(self):
        shift = self._shift(MONDAY_A, self.template)
        member = self._create_member("Eli")
        with self.assertRaises(ValidationError):
            self._register(member, shift, qualification_id=self.cashier.id)
        member.coop_qualification_ids = self.cashier
        self._register(member, shift, qualification_id=self.cashier.id)
        other = self._create_member("Fay", coop_qualification_ids=[self.cashier.id])
        with self.assertRaises(ValidationError, msg="only one cashier seat"):
            self._register(other, shift, qualification_id=self.cashier.id)
        # general seats: 3
        for name in ("G1", "G2", "G3"):
            self._register(self._create_member(name), shift)
        with self.assertRaises(ValidationError):
            self._register(self._create_member("G4"), shift)

    def test_grid_wizard(self):
        wizard = self.env["coop.shift.grid.wizard"].create(
            {
                "week_count": 4,
                "sunday": False,
                "general_seats": 6,
                "qualification_id": self.cashier.id,
                "slot_ids": [
                    Command.clear(),
                    Command.create({"start_hour": 5.0, "end_hour": 7.0}),
                    Command.create({"start_hour": 21.0, "end_hour": 23.0}),
                ],
            }
        )
        action = wizard.action_create()
        templates = self.env["coop.shift.template"].browse(action["domain"][0][2])
        self.assertEqual(len(templates), 4 * 6 * 2)
        self.assertEqual(set(templates.mapped("seats_max")), {7})
        again = wizard.action_create()
        self.assertFalse(again["domain"][0][2], "existing templates are kept")
