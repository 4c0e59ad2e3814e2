# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TrainingCase


@tagged("at_install", "-post_install")
class TestQuality(TrainingCase):
    def _missing(self):
        return {
            code for code, _label, done in self.session._coop_checklist() if not done
        }

    @freeze_time("2025-03-20")
    def test_checklist_flags_missing_documents(self):
        self.assertEqual(
            self._missing(),
            {
                "needs",
                "convention",
                "convocation",
                "attendance",
                "assessment",
                "certificate",
            },
        )
        self.assertEqual(self.session.coop_checklist_missing, 6)
        self.assertIn("text-danger", self.session.coop_checklist_html)

    @freeze_time("2025-03-20")
    def test_checklist_complete(self):
        regs = self.reg | self.reg2
        regs.write(
            {
                "coop_needs_analysis": "Needs",
                "coop_convention_date": date(2025, 2, 1),
                "coop_convocation_date": date(2025, 2, 15),
                "coop_certificate_date": date(2025, 3, 12),
                "coop_assessment_result": "passed",
            }
        )
        for slot in self.slot_am | self.slot_pm:
            self._countersign(slot)
            self._sign(slot.attendance_ids)
        self.assertEqual(self._missing(), set())
        self.assertEqual(self.session.coop_checklist_missing, 0)

    @freeze_time("2025-03-01")
    def test_checklist_before_session(self):
        # before the session, only what is due before it is required
        self.assertEqual(self._missing(), {"needs", "convention", "convocation"})

    def test_complaint_and_improvement(self):
        complaint = self.env["coop.training.complaint"].create(
            {
                "name": "Too hot",
                "partner_id": self.learner.id,
                "event_id": self.session.id,
            }
        )
        action = self.env["coop.training.improvement"].create(
            {"name": "Fan", "origin": "complaint", "complaint_id": complaint.id}
        )
        self.assertEqual(complaint.improvement_ids, action)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.date_closed)
