# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestCompletion(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.quiz = cls.env["survey.survey"].create(
            {
                "title": "Cashier quiz",
                "scoring_type": "scoring_with_answers",
                "scoring_success_min": 50,
                "access_mode": "token",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "Which key cancels a line?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create(
                                    {
                                        "value": "Del",
                                        "is_correct": True,
                                        "answer_score": 1,
                                    }
                                ),
                                Command.create({"value": "Enter", "answer_score": 0}),
                            ],
                        }
                    )
                ],
            }
        )
        cls.satisfaction = cls.env["survey.survey"].create(
            {"title": "Satisfaction", "access_mode": "token"}
        )

    def _sign_all(self, reg):
        self._sign(reg.coop_attendance_ids)

    def test_completed_grants_qualifications(self):
        self._sign_all(self.reg)
        self.reg.coop_assessment_result = "passed"
        self.reg.action_coop_attended()
        self.assertTrue(self.reg.coop_completed)
        self.assertIn(self.qualification, self.learner.coop_qualification_ids)

    def test_attendance_below_threshold(self):
        # 3.5 of 7 hours = 50 % < 75 %
        self._sign(self._line(self.reg, self.slot_am))
        self.reg.coop_assessment_result = "passed"
        self.reg.action_coop_attended()
        self.assertEqual(self.reg.coop_training_state, "attended")
        self.assertFalse(self.reg.coop_completed)
        self.assertNotIn(self.qualification, self.learner.coop_qualification_ids)

    def test_assessment_failed(self):
        self._sign_all(self.reg)
        self.reg.coop_assessment_result = "failed"
        self.reg.action_coop_attended()
        self.assertFalse(self.reg.coop_completed)
        self.assertNotIn(self.qualification, self.learner.coop_qualification_ids)

    def _answer_quiz(self, reg, correct):
        self.course.coop_assessment_survey_id = self.quiz
        answer = reg._coop_survey_invite("assessment")
        question = self.quiz.question_ids
        choice = question.suggested_answer_ids.filtered(
            lambda a: a.is_correct == correct
        )
        answer._save_lines(question, choice.id)
        answer._mark_done()
        return answer

    def test_assessment_from_survey_passed(self):
        answer = self._answer_quiz(self.reg, correct=True)
        self.assertEqual(answer.coop_registration_id, self.reg)
        self.assertEqual(self.reg.coop_assessment_result, "passed")
        self._sign_all(self.reg)
        self.reg.action_coop_attended()
        self.assertIn(self.qualification, self.learner.coop_qualification_ids)

    def test_assessment_from_survey_failed(self):
        self._answer_quiz(self.reg, correct=False)
        self.assertEqual(self.reg.coop_assessment_result, "failed")

    def test_positioning_sent_on_confirm(self):
        self.course.coop_positioning_survey_id = self.satisfaction
        learner = self.env["res.partner"].create(
            {"name": "P", "email": "p@example.com"}
        )
        reg = self._enrol(self.session, learner)
        answer = reg.coop_survey_input_ids
        self.assertEqual(answer.coop_survey_kind, "positioning")
        self.assertEqual(answer.partner_id, learner)
        # invited once only
        reg._coop_survey_invite("positioning")
        self.assertEqual(len(reg.coop_survey_input_ids), 1)

    def test_cold_survey_after_delay(self):
        self.course.write(
            {"coop_cold_survey_id": self.satisfaction.id, "coop_cold_survey_days": 30}
        )
        self.reg.action_coop_attended()
        Registration = self.env["event.registration"]
        with freeze_time(datetime(2025, 4, 1)):
            self.assertFalse(Registration._cron_send_cold_surveys())
        with freeze_time(datetime(2025, 4, 10)):
            sent = Registration._cron_send_cold_surveys()
        self.assertIn(self.reg, sent.coop_registration_id)
        self.assertEqual(
            self.reg.coop_survey_input_ids.mapped("coop_survey_kind"), ["cold"]
        )
        with freeze_time(datetime(2025, 4, 11)):
            self.assertNotIn(
                self.reg, Registration._cron_send_cold_surveys().coop_registration_id
            )

    def test_published_indicators(self):
        self._sign_all(self.reg)
        self.reg.coop_assessment_result = "passed"
        self.reg.action_coop_attended()
        self.reg2.coop_abandon_reason = "Found a job"
        self.reg2.action_coop_abandon()
        self.course.coop_satisfaction_survey_id = self.quiz
        answer = self.reg._coop_survey_invite("satisfaction")
        question = self.quiz.question_ids
        answer._save_lines(question, question.suggested_answer_ids[0].id)
        answer._mark_done()
        self.course.invalidate_recordset()
        self.assertEqual(self.course.coop_indicator_trained, 1)
        self.assertEqual(self.course.coop_indicator_completion, 50)
        self.assertEqual(self.course.coop_indicator_satisfaction, 100)
