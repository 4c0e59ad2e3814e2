# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import TrainingCase


@tagged("post_install", "-at_install")
class TestPortalTraining(HttpCase, TrainingCase):
    """My trainings: my sessions and certificates, my half-days in my
    calendar feed and my data; never another learner's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase keeps its HTTP session in ``session``: TrainingCase's
        # training session is moved aside
        cls.training_session, cls.session = cls.session, None
        cls.user = new_test_user(
            cls.env,
            login="learner_portal",
            password="learner-portal-1",
            groups="base.group_portal",
            partner_id=cls.learner.id,
            name="Learner One",
        )
        (cls.reg | cls.reg2).write({"coop_certificate_date": "2025-03-11"})

    def test_my_trainings_page(self):
        self.authenticate("learner_portal", "learner-portal-1")
        page = self.url_open("/my/trainings")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.training_session.name, page.text)
        self.assertIn(f"/my/trainings/{self.reg.id}/certificate", page.text)
        self.assertNotIn(f"/my/trainings/{self.reg2.id}/certificate", page.text)
        pdf = self.url_open(f"/my/trainings/{self.reg.id}/certificate")
        self.assertEqual(pdf.status_code, 200)
        self.assertEqual(pdf.headers["Content-Type"], "application/pdf")

    @mute_logger("odoo.http")
    def test_another_certificate_by_id(self):
        self.authenticate("learner_portal", "learner-portal-1")
        response = self.url_open(f"/my/trainings/{self.reg2.id}/certificate")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Learner Two", response.text)

    def test_half_days_in_my_calendar(self):
        events = self.learner._coop_calendar_events(
            datetime(2025, 3, 1), datetime(2025, 4, 1)
        )
        uids = {event["uid"] for event in events}
        mine = self.reg.coop_attendance_ids
        theirs = self.reg2.coop_attendance_ids
        self.assertEqual(uids, {f"coop-training-attendance-{line.id}" for line in mine})
        self.assertFalse(uids & {f"coop-training-attendance-{x.id}" for x in theirs})
        self.assertEqual(
            sorted(e["start"] for e in events),
            sorted((self.slot_am | self.slot_pm).mapped("datetime_start")),
        )

    def test_trainings_in_my_data(self):
        data = self.learner._coop_personal_data()
        self.assertEqual(
            [t["session"] for t in data["trainings"]], [self.training_session.name]
        )
        self.assertEqual(len(data["training_attendance"]), 2)

    def test_calendar_hook_reads_in_one_query(self):
        """The training half-days of the feed are read in one query, however
        many there are."""
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            events = self.learner._coop_training_events(
                datetime(2025, 3, 1), datetime(2025, 4, 1)
            )
        self.assertEqual(len(events), 2)
        self.assertEqual(events[0]["description"], self.training_session.name)
