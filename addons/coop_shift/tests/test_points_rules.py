# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import CoopShiftCase

D = date(2026, 3, 2)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestPointsRules(CoopShiftCase):
    """One test per row of ``coop.shift.registration._coop_points_target``."""

    def _marked(self, kind, action, partner=None, day=D):
        partner = partner or self._create_member(f"{kind} {action}")
        reg = self._register(partner, self._shift(day), kind)
        getattr(reg, action)()
        return reg

    def _owing_one(self, name):
        """A member owing one service (an excused standing absence)."""
        partner = self._create_member(name)
        self._marked("standing", "action_excused", partner, date(2026, 2, 2))
        self.assertEqual(partner.coop_points_standard, -1)
        return partner

    def test_planned_is_worth_nothing(self):
        reg = self._register(self._create_member("Paul"), self._shift(D))
        self.assertFalse(reg.counter_line_ids)

    def test_cancelled_is_worth_nothing(self):
        reg = self._marked("makeup", "action_cancel")
        self.assertFalse(reg.counter_line_ids)
        self.assertEqual(reg.partner_id.coop_points_standard, 0)

    def test_replaced_is_worth_nothing(self):
        # an exchange is taken before the shift starts
        reg = self._register(
            self._create_member("Rémi"), self._shift(date(2026, 3, 25))
        )
        reg.action_offer_exchange()
        new = reg._coop_take_exchange(self._create_member("Rose"))
        new.action_absent()
        self.assertEqual(reg.state, "replaced")
        self.assertEqual(reg.partner_id.coop_points_standard, 0)

    def test_excused_by_a_leave_is_worth_nothing(self):
        partner = self._create_member("Léa")
        reg = self._register(partner, self._shift(D))
        reg.leave_id = self.env["coop.shift.leave"].create(
            {
                "partner_id": partner.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": date(2026, 3, 1),
                "date_end": date(2026, 3, 3),
            }
        )
        reg.action_absent()
        self.assertEqual(partner.coop_points_standard, 0)

    def test_standing_absent_owes_two(self):
        reg = self._marked("standing", "action_absent")
        self.assertEqual(reg.partner_id.coop_points_standard, -2)

    def test_standing_excused_owes_one(self):
        reg = self._marked("standing", "action_excused")
        self.assertEqual(reg.partner_id.coop_points_standard, -1)

    def test_standing_attended_is_due(self):
        reg = self._marked("standing", "action_attended")
        self.assertEqual(reg.partner_id.coop_points_standard, 0)
        self.assertFalse(reg.counter_line_ids)

    def test_amounts_are_settings(self):
        self.env.company.coop_shift_absent_points = 3
        reg = self._marked("standing", "action_absent")
        self.assertEqual(reg.partner_id.coop_points_standard, -3)

    def test_makeup_repays_one(self):
        partner = self._owing_one("Maud")
        self._marked("makeup", "action_attended", partner)
        self.assertEqual(partner.coop_points_standard, 0)

    def test_makeup_never_above_zero(self):
        reg = self._marked("makeup", "action_attended")
        self.assertEqual(reg.partner_id.coop_points_standard, 0)

    def test_flying_attended_earns_one_flying_point(self):
        partner = self._create_member("Flo", coop_work_mode="flying")
        self._marked("flying", "action_attended", partner)
        self.assertEqual(partner.coop_points_flying, 1)
        self.assertEqual(partner.coop_points_standard, 0)

    def test_extra_is_a_gift_of_time(self):
        partner = self._owing_one("Eli")
        self._marked("extra", "action_attended", partner)
        self.assertEqual(partner.coop_points_standard, -1)

    def test_solidarity_points_go_to_the_recipient(self):
        needy = self._owing_one("Nils")
        giver = self._create_member("Gina")
        reg = self._register(giver, self._shift(D), "extra")
        reg._coop_give_solidarity(needy)
        reg.action_attended()
        self.assertEqual(needy.coop_points_standard, 0)
        self.assertEqual(giver.coop_points_standard, 0)
