# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import SIGNATURE


@tagged("post_install", "-at_install")
class TestSigningPage(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainer_user = new_test_user(
            cls.env,
            login="page_trainer",
            password="page_trainer_pw",
            groups="coop_training.group_training_trainer",
        )
        cls.other_user = new_test_user(
            cls.env,
            login="page_other",
            password="page_other_pw",
            groups="coop_training.group_training_trainer",
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="page_learner",
            password="page_learner_pw",
            groups="base.group_portal",
            name="Page Learner",
        )
        employee = cls.env["hr.employee"].create(
            {"name": "Page trainer", "user_id": cls.trainer_user.id}
        )
        # the half-day is today, and learners may sign all day long
        cls.env.company.coop_training_sign_margin = 24 * 60
        today = fields.Date.context_today(cls.env.user.with_context(tz="Europe/Paris"))
        course = cls.env["event.type"].create(
            {"name": "Page course", "coop_is_training": True}
        )
        cls.training_session = cls.env["event.event"].create(
            {
                "name": "Page session",
                "event_type_id": course.id,
                "date_begin": datetime.combine(today, datetime.min.time()),
                "date_end": datetime.combine(
                    today + timedelta(days=1), datetime.min.time()
                ),
                "date_tz": "Europe/Paris",
                "coop_trainer_employee_ids": [(6, 0, employee.ids)],
            }
        )
        cls.slot = cls.env["coop.training.slot"].create(
            {
                "event_id": cls.training_session.id,
                "date": today,
                "period": "morning",
                "time_start": 0,
                "time_end": 12,
                "module_title": "Signing module",
            }
        )
        cls.reg = cls.env["event.registration"].create(
            {
                "event_id": cls.training_session.id,
                "partner_id": cls.portal_user.partner_id.id,
            }
        )
        cls.reg.action_coop_confirm()
        cls.line = cls.reg.coop_attendance_ids

    def _json(self, url):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"name": "x", "signature": SIGNATURE.decode()},
        }
        response = self.url_open(
            url, data=json.dumps(payload), headers={"Content-Type": "application/json"}
        )
        return response.json()["result"]

    def test_learner_page_and_signature(self):
        self.authenticate("page_learner", "page_learner_pw")
        page = self.url_open("/training/sign")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Signing module", page.text)
        self.assertIn(f"/training/attendance/{self.line.id}/sign", page.text)
        result = self._json(f"/training/attendance/{self.line.id}/sign")
        self.assertTrue(result.get("force_refresh"), result)
        self.assertTrue(self.line.signed_at)
        # a learner cannot sign as the trainer
        self.assertIn(
            "error", self._json(f"/training/slot/{self.slot.id}/trainer_sign")
        )

    def test_trainer_presents_slot(self):
        self.authenticate("page_trainer", "page_trainer_pw")
        page = self.url_open(f"/training/slot/{self.slot.id}/sign")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Page Learner", page.text)
        result = self._json(f"/training/slot/{self.slot.id}/trainer_sign")
        self.assertTrue(result.get("force_refresh"), result)
        self.assertTrue(self.slot.trainer_signed_at)

    def test_other_trainer_refused(self):
        self.authenticate("page_other", "page_other_pw")
        page = self.url_open(f"/training/slot/{self.slot.id}/sign")
        self.assertEqual(page.status_code, 404)
        self.assertIn("error", self._json(f"/training/attendance/{self.line.id}/sign"))
        self.assertFalse(self.line.signed_at)

    def test_public_indicators(self):
        page = self.url_open("/training/indicators")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Page course", page.text)

    def test_portal_home_entry(self):
        self.authenticate("page_learner", "page_learner_pw")
        page = self.url_open("/my/home")
        self.assertEqual(page.status_code, 200)
        self.assertIn("/training/sign", page.text)

    def test_sign_on_tablet_tour(self):
        """The portal signature pad works on the trainer's signing page."""
        self.start_tour(
            f"/training/slot/{self.slot.id}/sign",
            "coop_training_sign_tour",
            login="page_trainer",
        )
        self.assertTrue(self.line.signed_at)
        self.assertTrue(self.line.signature)
