# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
class TestAccess(CoopShiftCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env, login="shift_staff", groups="coop_shift.group_coop_shift_staff"
        )
        cls.leader = new_test_user(
            cls.env, login="shift_leader", groups="coop_shift.group_coop_shift_leader"
        )
        cls.clerk = new_test_user(cls.env, login="clerk", groups="base.group_user")
        cls.member = cls._create_member("Portal member")
        cls.portal = new_test_user(
            cls.env,
            login="portal_member",
            groups="base.group_portal",
            partner_id=cls.member.id,
        )
        cls.other = cls._create_member("Other member")
        cls.template.leader_ids = cls.leader.partner_id
        other_template = cls.template.copy({"week_letter": "B", "leader_ids": False})
        cls.led_shift = cls._shift(D, cls.template)
        cls.other_shift = cls._shift(D, other_template)
        cls.own_reg = cls._register(cls.member, cls.led_shift)
        cls.other_reg = cls._register(cls.other, cls.other_shift)

    def test_staff_manages(self):
        shift = self.Shift.with_user(self.staff).create(
            {
                "date": D,
                "date_begin": "2026-03-02 14:00:00",
                "date_end": "2026-03-02 17:00:00",
                "seats_max": 4,
            }
        )
        reg = self.Registration.with_user(self.staff).create(
            {"shift_id": shift.id, "partner_id": self.other.id, "kind": "standing"}
        )
        reg.action_absent()
        self.assertEqual(self.other.coop_points_standard, -2)
        self.env["coop.shift.leave"].with_user(self.staff).create(
            {
                "partner_id": self.other.id,
                "type_id": self.env.ref("coop_shift.leave_type_age").id,
                "date_start": D,
            }
        )

    @freeze_time("2026-03-02 06:00:00")
    def test_leader_marks_own_shift_only(self):
        self.own_reg.with_user(self.leader).action_attended()
        self.assertEqual(self.own_reg.state, "attended")
        self.other_reg.with_user(self.leader).read(["state"])
        with self.assertRaises(AccessError):
            self.other_reg.with_user(self.leader).action_absent()
        with self.assertRaises(AccessError):
            self.Line.with_user(self.leader).create(
                {"partner_id": self.other.id, "points": 5, "reason": "cheat"}
            )

    @freeze_time("2026-03-02 06:00:00")
    def test_portal_own_registrations_only(self):
        Registration = self.Registration.with_user(self.portal)
        self.assertEqual(Registration.search([]), self.own_reg)
        with self.assertRaises(AccessError):
            self.other_reg.with_user(self.portal).read(["state"])
        with self.assertRaises(AccessError):
            self.own_reg.with_user(self.portal).write({"state": "attended"})
        self.env.company.coop_shift_exchange_hours = 0  # the shift starts today
        self.other_reg.action_offer_exchange()
        self.assertIn(self.other_reg, Registration.search([]), "offers are public")
        lines = self.Line.with_user(self.portal).search([])
        self.assertFalse(lines.partner_id - self.member)

    def test_internal_user_without_group(self):
        with self.assertRaises(AccessError):
            self.Registration.with_user(self.clerk).search([])
        with self.assertRaises(AccessError):
            self.Shift.with_user(self.clerk).create(
                {
                    "date": D,
                    "date_begin": "2026-03-02 14:00:00",
                    "date_end": "2026-03-02 17:00:00",
                    "template_id": False,
                    "registration_ids": [Command.clear()],
                }
            )
