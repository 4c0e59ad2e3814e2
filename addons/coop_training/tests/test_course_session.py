# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from lxml import etree
from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestCourseSession(TrainingCase):
    def test_slot_hours_and_planned_hours(self):
        self.assertEqual(self.slot_am.duration, 3.5)
        self.assertEqual(self.session.coop_hours_planned, 7.0)
        # 9:00 Paris in March (UTC+1) is 8:00 UTC
        self.assertEqual(self.slot_am.datetime_start, datetime(2025, 3, 10, 8, 0))

    def test_morning_ends_by_two(self):
        with self.assertRaises(ValidationError):
            self._create_slot(self.session, date(2025, 3, 11), "morning").time_end = 15

    def test_slot_ends_after_start(self):
        slot = self._create_slot(self.session, date(2025, 3, 11), "afternoon")
        with self.assertRaises(ValidationError):
            slot.write({"time_start": 16, "time_end": 15})

    def test_one_slot_per_half_day(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self._create_slot(self.session, date(2025, 3, 10), "morning")

    def test_one_trainer_per_slot(self):
        with self.assertRaises(ValidationError):
            self.slot_am.trainer_partner_id = self.external

    def test_trainer_users(self):
        self.assertEqual(self.session.coop_trainer_user_ids, self.trainer_user)
        self.other_trainer_user.partner_id.coop_training_funder_type = False
        self.session.coop_trainer_partner_ids = self.other_trainer_user.partner_id
        self.assertEqual(
            self.session.coop_trainer_user_ids,
            self.trainer_user | self.other_trainer_user,
        )

    def test_new_slot_creates_attendance_lines(self):
        slot = self._create_slot(self.session, date(2025, 3, 11), "morning")
        self.assertEqual(slot.attendance_ids.registration_id, self.reg | self.reg2)
        self.assertEqual(slot.expected_count, 2)

    def test_cohort_milestones_and_team(self):
        coop = self.env["res.partner"].create({"name": "New coop", "is_company": True})
        cohort = self.env["coop.training.cohort"].create(
            {
                "name": "New coop",
                "partner_id": coop.id,
                "learner_ids": [(6, 0, (self.learner | self.learner2).ids)],
                "event_ids": [(6, 0, self.session.ids)],
            }
        )
        self.assertEqual(len(cohort.milestone_ids), 7)
        self.assertEqual(cohort.progress, 0)
        cohort.milestone_ids.filtered(
            lambda m: m.milestone_type == "association"
        ).date_done = date(2025, 1, 1)
        self.assertAlmostEqual(cohort.progress, 100 / 7, places=2)
        other_session = self._create_session(self.course, [self.trainer])
        cohort.event_ids |= other_session
        new = cohort.action_enrol_team()
        # existing enrolments are kept, only the new session gets two
        self.assertEqual(new.event_id, other_session)
        self.assertEqual(len(new), 2)
        self.assertEqual(new.coop_cohort_id, cohort)

    def test_trainer_skills_shown_on_session(self):
        skill_type = self.env["hr.skill.type"].create(
            {
                "name": "Teaching",
                "skill_ids": [(0, 0, {"name": "Adult education"})],
                "skill_level_ids": [(0, 0, {"name": "Expert", "level_progress": 100})],
            }
        )
        self.env["hr.employee.skill"].create(
            {
                "employee_id": self.trainer.id,
                "skill_type_id": skill_type.id,
                "skill_id": skill_type.skill_ids.id,
                "skill_level_id": skill_type.skill_level_ids.id,
            }
        )
        self.assertEqual(self.session.coop_trainer_skill_ids, skill_type.skill_ids)


@tagged("at_install", "-post_install")
class TestSessionScreens(TrainingCase):
    def test_session_dates_follow_half_days(self):
        self.assertEqual(self.session.date_begin, self.slot_am.datetime_start)
        self.assertEqual(self.session.date_end, self.slot_pm.datetime_end)
        later = self._create_slot(self.session, date(2025, 3, 11), "morning")
        self.assertEqual(self.session.date_end, later.datetime_end)
        later.time_end = 12.0
        self.assertEqual(self.session.date_end, later.datetime_end)
        later.unlink()

    def test_core_fields_hidden_on_training_sessions(self):
        """Badges and the welcome-session flag mean nothing on a training."""
        arch = etree.fromstring(
            self.env["event.event"].get_view(view_type="form")["arch"]
        )
        for name in ("badge_format", "badge_image", "coop_is_welcome_session"):
            (node,) = arch.xpath(f"//field[@name='{name}']")
            self.assertIn("coop_is_training", node.get("invisible", ""))

    def test_smart_buttons(self):
        self._sign(self._line(self.reg, self.slot_am))
        session = self.session.with_user(self.trainer_user)
        self.assertEqual(session.coop_slot_count, 2)
        self.assertEqual(session.coop_attendance_count, 1)
        action = session.action_coop_view_attendance()
        lines = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(lines, self.session.coop_slot_ids.attendance_ids)
        self.reg.action_coop_attended()
        self.reg.action_coop_issue_certificate()
        session.invalidate_recordset(["coop_document_count"])
        self.assertEqual(session.coop_document_count, 1)
        action = session.action_coop_view_documents()
        self.assertEqual(self.env["ir.attachment"].search_count(action["domain"]), 1)
