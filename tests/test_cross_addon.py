"""Stories that cross the addons, run by pytest-odoo on the installed suite."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.coop_shift.tests.common import MONDAY_A, CoopShiftCase
from odoo.addons.coop_training.tests.common import TrainingCase


@tagged("post_install", "-at_install")
class TestShiftStatusAtTheTill(CoopShiftCase):
    """A member suspended by the shift rules is refused by a members-only till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config, cls.cashier = cls._members_only_till("cross_cashier")

    def _till_answer(self, partner):
        return partner.with_user(self.cashier).coop_pos_check_can_shop(self.config.id)

    def test_suspension_refused_then_lifted_by_makeups(self):
        with freeze_time("2026-03-02"):
            member = self._create_member("Zoé")
            self._standing(member)
            reg = self._register(member, self._shift(MONDAY_A))
            reg.action_absent()
            self.assertTrue(self._till_answer(member)["can_shop"], "alert may shop")
        with freeze_time("2026-03-30"):
            self.env["res.partner"]._coop_partners_due_today()._coop_update_state()
            answer = self._till_answer(member)
            self.assertFalse(answer["can_shop"])
            self.assertEqual(answer["reason"], "Suspended: 2 services to make up")
            log = self.env["coop.pos.access.log"].search(
                [("partner_id", "=", member.id)]
            )
            self.assertEqual(log.reason, answer["reason"])
            for day in (30, 31):
                makeup = self._register(
                    member, self._shift(date(2026, 3, day)), "makeup"
                )
                makeup.action_attended()
            self.assertTrue(self._till_answer(member)["can_shop"])
            self.assertEqual(member.coop_state, "up_to_date")


@tagged("post_install", "-at_install")
class TestTrainingOpensShiftSeats(CoopShiftCase, TrainingCase):
    """Completing a course grants the qualification a shift seat requires."""

    def test_completed_course_opens_the_qualified_seat(self):
        learner = self._create_member("Yanis")
        reg = self._enrol(self.session, learner)
        self.course.coop_qualification_ids = self.cashier
        shift = self._shift(MONDAY_A, self.template)
        with self.assertRaises(ValidationError):
            self._register(learner, shift, qualification_id=self.cashier.id)
        self._sign(reg.coop_attendance_ids)
        reg.coop_assessment_result = "passed"
        reg.action_coop_attended()
        self.assertIn(self.cashier, learner.coop_qualification_ids)
        seat = self._register(learner, shift, qualification_id=self.cashier.id)
        self.assertEqual(seat.partner_id, learner)
