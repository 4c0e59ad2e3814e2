# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.coop_membership.tests.common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestAbcdGrid(HttpCase, CoopMemberCase):
    """The ABCD grid: weeks x days x slots, seats filled/free, one click to
    the template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="grid_staff",
            password="grid-staff-1",
            groups="coop_shift.group_coop_shift_staff",
            lang="en_US",
        )
        cls.template = cls.env["coop.shift.template"].create(
            {
                "week_letter": "C",
                "weekday": "2",
                "start_hour": 5.25,
                "end_hour": 6.75,
                "seat_line_ids": [Command.create({"seats": 3})],
            }
        )
        cls.env["coop.shift.template.registration"].create(
            {
                "template_id": cls.template.id,
                "partner_id": cls._create_member("Grid Member").id,
                "date_start": date(2026, 1, 1),
            }
        )

    def test_grid_data(self):
        data = self.env["coop.shift.template"].with_user(self.staff).coop_grid_data()
        cell = data["cells"]["C|2|05:15-06:45"]
        self.assertEqual(
            cell,
            [
                {
                    "id": self.template.id,
                    "name": self.template.name,
                    "seats": 3,
                    "filled": 1,
                    "free": 2,
                }
            ],
        )
        self.assertIn("C", data["weeks"])
        self.assertIn("05:15-06:45", data["slots"])
        french = self.env["coop.shift.template"].with_context(lang="fr_FR")
        self.assertIn(["2", "Mercredi"], french.coop_grid_data()["days"])

    def test_grid_tour(self):
        self.start_tour(
            "/odoo/action-coop_shift.coop_shift_abcd_grid_action",
            "CoopShiftAbcdGridTour",
            login="grid_staff",
        )
