# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestAttendance(TrainingCase):
    def test_one_line_per_enrolment_and_slot(self):
        self.assertEqual(len(self.reg.coop_attendance_ids), 2)
        self.assertEqual(len(self.slot_am.attendance_ids), 2)

    def test_sign_counts_hours(self):
        line = self._line(self.reg, self.slot_am)
        self.assertEqual(self.reg.coop_hours_attended, 0)
        self._sign(line)
        self.assertEqual(line.state, "present")
        self.assertTrue(line.signed_at)
        self.assertEqual(line.signer_user_id, self.env.user)
        self.assertEqual(self.reg.coop_hours_attended, 3.5)
        self.assertEqual(self.reg.coop_attendance_rate, 50)

    def test_present_without_signature_counts_nothing(self):
        self._line(self.reg, self.slot_am).state = "present"
        self.assertEqual(self.reg.coop_hours_attended, 0)

    def test_sign_twice_refused(self):
        line = self._line(self.reg, self.slot_am)
        self._sign(line)
        with self.assertRaises(UserError):
            self._sign(line)

    def test_draft_learner_cannot_sign(self):
        self.reg.action_coop_reset_draft()
        with self.assertRaises(UserError):
            self._sign(self._line(self.reg, self.slot_am))

    def test_signed_line_locked_for_trainer(self):
        line = self._line(self.reg, self.slot_am)
        self._sign(line)
        with self.assertRaises(AccessError):
            line.with_user(self.trainer_user).state = "absent"
        with self.assertRaises(UserError):
            line.with_user(self.trainer_user).unlink()

    def test_unsigned_line_editable_by_trainer(self):
        line = self._line(self.reg, self.slot_am)
        line.with_user(self.trainer_user).state = "excused"
        self.assertEqual(line.state, "excused")

    def test_coordinator_needs_reason(self):
        line = self._line(self.reg, self.slot_am)
        self._sign(line)
        with self.assertRaises(AccessError):
            line.with_user(self.coordinator_user).state = "absent"
        with self.assertRaises(UserError):
            line.with_user(self.coordinator_user)._coop_correct("absent", " ")
        self.assertEqual(line.state, "present")
        self.assertFalse(line.log_ids)

    def test_coordinator_correction_logged(self):
        line = self._line(self.reg, self.slot_am)
        self._sign(line)
        wizard = (
            self.env["coop.training.attendance.correct"]
            .with_user(self.coordinator_user)
            .create(
                {
                    "attendance_id": line.id,
                    "state": "absent",
                    "clear_signature": True,
                    "reason": "Signed for someone else",
                }
            )
        )
        wizard.action_apply()
        self.assertEqual(line.state, "absent")
        self.assertFalse(line.signed_at)
        self.assertEqual(len(line.log_ids), 1)
        self.assertEqual(line.log_ids.user_id, self.coordinator_user)
        self.assertEqual(line.log_ids.old_state, "present")
        self.assertTrue(line.log_ids.signature_cleared)
        self.assertEqual(self.reg.coop_hours_attended, 0)

    def test_trainer_signs_slot_once(self):
        self.assertFalse(self.slot_am.coop_is_complete)
        self._countersign(self.slot_am.with_user(self.trainer_user))
        self.assertTrue(self.slot_am.trainer_signed_at)
        with self.assertRaises(UserError):
            self._countersign(self.slot_am)
        # complete once every learner line has a status
        self.assertFalse(self.slot_am.coop_is_complete)
        self.slot_am.attendance_ids.write({"state": "absent"})
        self.assertTrue(self.slot_am.coop_is_complete)

    def test_absence_schedules_follow_up(self):
        self.session.user_id = self.coordinator_user
        self._line(self.reg, self.slot_am).with_user(self.trainer_user).state = "absent"
        activity = self.reg.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.coordinator_user)
