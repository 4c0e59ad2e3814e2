# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestTodayTour(HttpCase, CoopMemberCase):
    """Headless browser, as a user who is only a shift leader: the Shifts app
    opens on today's shifts they lead (not another team's), one tap per member,
    undo a mistaken tap, add a walk-in volunteer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader = new_test_user(
            cls.env,
            login="tour_leader",
            password="tour-leader-1",
            groups="coop_shift.group_coop_shift_leader",
            lang="en_US",
            tz="UTC",
        )
        today = fields.Date.today()
        template = cls.env["coop.shift.template"].create(
            {
                "week_letter": "A",
                "weekday": str(today.weekday()),
                "start_hour": 9.0,
                "end_hour": 12.0,
                "seat_line_ids": [Command.create({"seats": 4})],
                "leader_ids": [Command.set(cls.leader.partner_id.ids)],
            }
        )
        shift = cls.env["coop.shift"].create(
            {
                "template_id": template.id,
                "date": today,
                "date_begin": f"{today} 08:00:00",
                "date_end": f"{today} 11:00:00",
                "seats_max": 4,
            }
        )
        Registration = cls.env["coop.shift.registration"]
        cls.present = Registration.create(
            {
                "shift_id": shift.id,
                "partner_id": cls._create_member("Tour Present").id,
                "kind": "standing",
            }
        )
        cls.absent = Registration.create(
            {
                "shift_id": shift.id,
                "partner_id": cls._create_member("Tour Absent").id,
                "kind": "standing",
            }
        )

        other_shift = cls.env["coop.shift"].create(
            {
                "template_id": template.copy(
                    {"week_letter": "B", "leader_ids": False}
                ).id,
                "date": today,
                "date_begin": f"{today} 13:00:00",
                "date_end": f"{today} 16:00:00",
                "seats_max": 4,
            }
        )
        cls.other_team = Registration.create(
            {
                "shift_id": other_shift.id,
                "partner_id": cls._create_member("Tour Other Team").id,
                "kind": "standing",
            }
        )
        cls.walk_in = cls._create_member("Tour Walk-in")
        cls.shift = shift

    def test_leader_marks_attendance_in_one_tap(self):
        self.start_tour("/odoo", "CoopShiftTodayTour", login="tour_leader")
        self.assertEqual(self.present.state, "attended")
        self.assertEqual(self.present.marked_uid, self.leader)
        self.assertEqual(self.other_team.state, "planned")
        walk_in = self.shift.registration_ids.filtered(
            lambda r: r.partner_id == self.walk_in
        )
        self.assertEqual((walk_in.kind, walk_in.state), ("extra", "attended"))
        self.assertEqual(self.absent.state, "absent")
        self.assertEqual(self.absent.partner_id.coop_points_standard, -2)
        self.assertEqual(self.present.partner_id.coop_points_standard, 0)
