# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestAccess(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other = cls.env["hr.employee"].create(
            {"name": "Other", "user_id": cls.other_trainer_user.id}
        )
        cls.other_session = cls._create_session(cls.course, [other])
        cls.portal_user = cls.portal
        cls.portal_user.partner_id.name = "Portal Learner"
        cls.portal_reg = cls._enrol(cls.session, cls.portal_user.partner_id)

    def test_trainer_sees_own_sessions_only(self):
        Event = self.env["event.event"].with_user(self.trainer_user)
        found = Event.search([("coop_is_training", "=", True)])
        self.assertIn(self.session, found)
        self.assertNotIn(self.other_session, found)
        with self.assertRaises(AccessError):
            self.other_session.with_user(self.trainer_user).read(["name"])

    def test_trainer_enrols_new_person(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.trainer_user)
            .create({"name": "Walk-in learner"})
        )
        reg = (
            self.env["event.registration"]
            .with_user(self.trainer_user)
            .create({"event_id": self.session.id, "partner_id": partner.id})
        )
        reg.action_coop_confirm()
        self.assertEqual(reg.coop_training_state, "confirmed")
        self.assertEqual(len(reg.coop_attendance_ids), 2)

    def test_trainer_cannot_touch_other_sessions(self):
        Registration = self.env["event.registration"].with_user(self.trainer_user)
        with self.assertRaises(AccessError):
            Registration.create(
                {"event_id": self.other_session.id, "partner_id": self.learner.id}
            )
        slots = self.env["coop.training.slot"].with_user(self.other_trainer_user)
        self.assertFalse(slots.search([("id", "=", self.slot_am.id)]))

    def test_coordinator_sees_everything(self):
        Event = self.env["event.event"].with_user(self.coordinator_user)
        found = Event.search([("coop_is_training", "=", True)])
        self.assertIn(self.session, found)
        self.assertIn(self.other_session, found)
        lines = self.env["coop.training.attendance"].with_user(self.coordinator_user)
        self.assertEqual(lines.search_count([("event_id", "=", self.session.id)]), 6)

    def test_trainer_cannot_run_bpf(self):
        with self.assertRaises(AccessError):
            self.env["coop.training.bpf"].with_user(self.trainer_user).create(
                {"year": 2025}
            )

    def test_portal_learner_reads_own_lines_only(self):
        Attendance = self.env["coop.training.attendance"].with_user(self.portal_user)
        self.assertEqual(Attendance.search([]), self.portal_reg.coop_attendance_ids)
        with self.assertRaises(AccessError):
            self._line(self.reg, self.slot_am).with_user(self.portal_user).read(
                ["state"]
            )

    def test_portal_learner_signs_own_line_only(self):
        own = self._line(self.portal_reg, self.slot_am).with_user(self.portal_user)
        self._sign(own)
        self.assertTrue(own.signed_at)
        other = self._line(self.reg, self.slot_am).with_user(self.portal_user)
        with self.assertRaises(AccessError):
            self._sign(other)
        with self.assertRaises(AccessError):
            own.state = "absent"

    def test_trainer_opens_forms(self):
        """The back-office forms a trainer uses load under their rights."""
        for record in (
            self.session,
            self.reg,
            self.slot_am,
            self.reg.coop_attendance_ids[:1],
        ):
            with Form(record.with_user(self.trainer_user)) as form:
                self.assertTrue(form.id)

    def test_learner_on_portal_reads_nothing_else(self):
        with self.assertRaises(AccessError):
            self.env["coop.training.slot"].with_user(self.portal_user).search([])

    def test_only_coordinator_resets_to_draft(self):
        with self.assertRaises(AccessError):
            self.reg.with_user(self.trainer_user).action_coop_reset_draft()
        self.reg.with_user(self.coordinator_user).action_coop_reset_draft()
        self.assertEqual(self.reg.coop_training_state, "draft")
