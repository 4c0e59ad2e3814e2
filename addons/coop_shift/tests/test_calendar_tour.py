# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestCalendarTour(HttpCase, CoopMemberCase):
    """Headless browser, as a French-speaking shift office user: the shift
    calendar shows each shift's free seats on its card, coloured by fill (red
    full, orange one seat left, green seats free) or state (blue closed), with
    French weekdays and dates, and last week's shifts one click back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.office = new_test_user(
            cls.env,
            login="calendar_office",
            password="calendar-office-1",
            groups="coop_shift.group_coop_shift_staff",
            lang="fr_FR",
            tz="UTC",
        )
        today = fields.Date.today()
        members = [cls._create_member(f"Calendar Member {i}") for i in range(3)]
        cls.full = cls._shift_of("D", today, 8, seats=2, members=members[:2])
        cls.one_left = cls._shift_of("C", today, 11, seats=2, members=members[2:])
        cls.free = cls._shift_of("B", today, 14, seats=5)
        cls.past = cls._shift_of("A", today - timedelta(days=7), 8, seats=2)
        cls.past.action_done()

    @classmethod
    def _shift_of(cls, letter, day, hour, seats, members=()):
        """A shift of a Wednesday template of week ``letter`` held on ``day``
        (its name says Wednesday whatever ``day`` is)."""
        template = cls.env["coop.shift.template"].create(
            {
                "week_letter": letter,
                "weekday": "2",
                "start_hour": 5.25,
                "end_hour": 6.75,
                "seat_line_ids": [Command.create({"seats": seats})],
            }
        )
        return cls.env["coop.shift"].create(
            {
                "template_id": template.id,
                "date": day,
                "date_begin": f"{day} {hour:02d}:00:00",
                "date_end": f"{day} {hour + 2:02d}:00:00",
                "seats_max": seats,
                "registration_ids": [
                    Command.create({"partner_id": member.id, "kind": "standing"})
                    for member in members
                ],
            }
        )

    def test_calendar_colours_and_seats(self):
        self.assertEqual(
            [s.fill_color for s in (self.full, self.one_left, self.free, self.past)],
            [1, 2, 10, 4],
        )
        self.assertEqual(
            self.free.with_context(lang="fr_FR").calendar_title,
            f"B - Mercredi 05:15-06:45 ({self.free.date:%d/%m/%Y})"
            " · 5 place(s) libre(s)",
        )
        self.start_tour("/odoo", "CoopShiftCalendarTour", login="calendar_office")
