# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.coop_membership.tests.common import CoopRoleCase

SIGNATURE = base64.b64encode(
    base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
)


class TrainingCase(CoopRoleCase):
    """A course with a qualification, a session run by a trainer user, two
    half-days of 3.5 h and two learners; the coop's role users (``self.desk``,
    ``self.portal``...) and the training's (trainers, coordinator)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trainer_user = new_test_user(
            cls.env,
            login="trainer_t",
            groups="coop_training.group_training_trainer",
        )
        cls.other_trainer_user = new_test_user(
            cls.env,
            login="trainer_o",
            groups="coop_training.group_training_trainer",
        )
        cls.coordinator_user = new_test_user(
            cls.env,
            login="coordinator_t",
            groups="coop_training.group_training_coordinator",
        )
        cls.trainer = cls.env["hr.employee"].create(
            {"name": "Trainer T", "user_id": cls.trainer_user.id}
        )
        cls.external = cls.env["res.partner"].create({"name": "External trainer"})
        cls.qualification = cls.env["coop.qualification"].create(
            {"name": "Cashier", "code": "TEST_CASHIER"}
        )
        cls.course = cls.env["event.type"].create(
            {
                "name": "Cashier course",
                "coop_is_training": True,
                "coop_objectives": "<p>Hold the till</p>",
                "coop_duration_hours": 7,
                "coop_attendance_threshold": 75,
                "coop_nsf_code": "312",
                "coop_bpf_objective": "other",
                "coop_qualification_ids": [(6, 0, cls.qualification.ids)],
            }
        )
        cls.session = cls._create_session(cls.course, [cls.trainer])
        cls.slot_am = cls._create_slot(cls.session, date(2025, 3, 10), "morning")
        cls.slot_pm = cls._create_slot(
            cls.session, date(2025, 3, 10), "afternoon", partner=cls.external
        )
        cls.learner = cls.env["res.partner"].create(
            {"name": "Learner One", "email": "one@example.com"}
        )
        cls.learner2 = cls.env["res.partner"].create({"name": "Learner Two"})
        cls.reg = cls._enrol(cls.session, cls.learner)
        cls.reg2 = cls._enrol(cls.session, cls.learner2, trainee_type="job_seeker")

    @classmethod
    def _create_session(cls, course, employees, **vals):
        return cls.env["event.event"].create(
            {
                "name": f"{course.name} session",
                "event_type_id": course.id,
                "date_begin": datetime(2025, 3, 10, 8, 0),
                "date_end": datetime(2025, 3, 10, 16, 0),
                "coop_trainer_employee_ids": [(6, 0, [e.id for e in employees])],
                **vals,
            }
        )

    @classmethod
    def _create_slot(cls, session, day, period, partner=None, **vals):
        start, end = (9.0, 12.5) if period == "morning" else (13.5, 17.0)
        return cls.env["coop.training.slot"].create(
            {
                "event_id": session.id,
                "date": day,
                "period": period,
                "time_start": start,
                "time_end": end,
                "module_title": f"Module {period}",
                "trainer_employee_id": False
                if partner
                else session.coop_trainer_employee_ids[:1].id,
                "trainer_partner_id": partner.id if partner else False,
                **vals,
            }
        )

    @classmethod
    def _enrol(cls, session, partner, trainee_type="individual", confirm=True):
        reg = cls.env["event.registration"].create(
            {
                "event_id": session.id,
                "partner_id": partner.id,
                "coop_trainee_type": trainee_type,
                "coop_funder_type": "individual",
            }
        )
        if confirm:
            reg.action_coop_confirm()
        return reg

    def _line(self, reg, slot):
        return reg.coop_attendance_ids.filtered(lambda a: a.slot_id == slot)

    @staticmethod
    def _sign(lines, minutes=5):
        """Each line signed by its learner ``minutes`` after its half-day
        started (the signing window), as the current user of ``lines``."""
        for line in lines:
            start = line.sudo().slot_id.datetime_start
            with freeze_time(start + timedelta(minutes=minutes)):
                line._coop_sign(SIGNATURE)

    @staticmethod
    def _countersign(slots, minutes=60):
        """The trainer countersigns each half-day during it."""
        for slot in slots:
            with freeze_time(slot.datetime_start + timedelta(minutes=minutes)):
                slot.action_trainer_sign(SIGNATURE)
