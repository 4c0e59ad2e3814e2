# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each evidence rule attacked by the role that must be refused: the refusal,
and the hours, the BPF figures and the certificate unchanged."""

from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SIGNATURE, TrainingCase


class EvidenceCase(TrainingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.coop_training_sign_margin = 30
        cls.portal_user = cls.portal
        cls.portal_reg = cls._enrol(cls.session, cls.portal_user.partner_id)
        cls.reg.coop_adaptation_needs = "Wheelchair access"
        # learner one signed the morning, the trainer countersigned it
        cls.signed = cls.reg.coop_attendance_ids.filtered(
            lambda a: a.slot_id == cls.slot_am
        )
        cls._sign(cls.signed)
        cls._countersign(cls.slot_am)

    def _evidence(self):
        """Hours per enrolment, every attendance line, BPF figures and the
        certificate of learner one, as the superuser reads them."""
        self.env.invalidate_all()
        regs = self.session.registration_ids
        lines = self.env["coop.training.attendance"].search(
            [("event_id", "=", self.session.id)]
        )
        bpf = self.env["coop.training.bpf"].create({"year": 2025})
        certificate = self.env["ir.actions.report"]._render_qweb_html(
            "coop_training.action_report_certificat", self.reg.ids
        )[0]
        return (
            [(r.id, r.coop_hours_attended, r.coop_training_state) for r in regs],
            [
                (
                    line.registration_id.id,
                    line.slot_id.id,
                    line.learner_id.id,
                    line.state,
                    line.signed_at,
                    line.signer_ip,
                    line.note,
                    bool(line.signature),
                )
                for line in lines
            ],
            sorted((f.section, f.code, f.headcount, f.hours) for f in bpf.line_ids),
            certificate,
            (self.slot_am.trainer_signed_at, self.reg.coop_completed),
        )

    def assertRefused(self, exception, call, *args, **kwargs):
        """``call`` raises ``exception`` and the evidence is unchanged."""
        before = self._evidence()
        with self.assertRaises(exception), mute_logger("odoo.models"):
            call(*args, **kwargs)
        self.assertEqual(self._evidence(), before)


@tagged("at_install", "-post_install")
class TestSigningWindow(EvidenceCase):
    def test_learner_cannot_sign_ahead(self):
        line = self._line(self.portal_reg, self.slot_pm).with_user(self.portal_user)
        start = self.slot_pm.datetime_start
        for now in (start - timedelta(days=14), start - timedelta(minutes=31)):
            with freeze_time(now):
                self.assertRefused(UserError, line._coop_sign, SIGNATURE)

    def test_learner_cannot_sign_late(self):
        line = self._line(self.portal_reg, self.slot_am).with_user(self.portal_user)
        end = self.slot_am.datetime_end
        for now in (end + timedelta(minutes=31), end + timedelta(days=10)):
            with freeze_time(now):
                self.assertRefused(UserError, line._coop_sign, SIGNATURE)

    def test_margin_is_configurable(self):
        line = self._line(self.portal_reg, self.slot_am).with_user(self.portal_user)
        with freeze_time(self.slot_am.datetime_end + timedelta(minutes=29)):
            line._coop_sign(SIGNATURE)
        self.assertEqual(line.signer_user_id, self.portal_user)
        self.assertEqual(self.portal_reg.coop_hours_attended, 3.5)

    def test_late_signature_is_a_coordinator_correction(self):
        line = self._line(self.reg2, self.slot_am)
        self.assertRefused(
            AccessError,
            line.with_user(self.trainer_user)._coop_correct,
            "present",
            "Forgot to sign",
        )
        line.with_user(self.coordinator_user)._coop_correct("present", "Paper sheet")
        self.assertEqual(self.reg2.coop_hours_attended, 3.5)
        self.assertEqual(line.signer_user_id, self.coordinator_user)
        self.assertTrue(line.log_ids.late_signature)
        self.assertEqual(line.log_ids.reason, "Paper sheet")


@tagged("at_install", "-post_install")
class TestFrozenEvidence(EvidenceCase):
    def test_trainer_cannot_forge_a_signature(self):
        line = self._line(self.reg2, self.slot_am).with_user(self.trainer_user)
        for vals in (
            {"signature": SIGNATURE},
            {"signed_at": "2025-03-10 08:10:00"},
            {"signer_ip": "10.0.0.1"},
        ):
            self.assertRefused(AccessError, line.write, vals)

    def test_no_pre_signed_line(self):
        draft = self._enrol(
            self.session,
            self.env["res.partner"].create({"name": "Draft learner"}),
            confirm=False,
        )
        Attendance = self.env["coop.training.attendance"]
        for user in (self.trainer_user, self.coordinator_user):
            self.assertRefused(
                AccessError,
                Attendance.with_user(user).create,
                {
                    "registration_id": draft.id,
                    "slot_id": self.slot_pm.id,
                    "signature": SIGNATURE,
                    "signed_at": "2025-03-10 12:40:00",
                },
            )

    def test_signed_line_frozen(self):
        for user in (self.trainer_user, self.coordinator_user):
            line = self.signed.with_user(user)
            for vals in (
                {"signer_ip": "1.2.3.4"},
                {"note": "edited"},
                {"state": "absent"},
                {"registration_id": self.reg2.id},
                {"slot_id": self.slot_pm.id},
                {"signature": False},
            ):
                self.assertRefused(AccessError, line.write, vals)

    def test_signed_hours_stay_with_their_learner(self):
        other = self.env["res.partner"].create({"name": "Someone else"})
        for user in (self.trainer_user, self.coordinator_user):
            self.assertRefused(
                UserError, self.reg.with_user(user).write, {"coop_learner_id": other.id}
            )

    def test_countersignature(self):
        slot = self.slot_am.with_user(self.trainer_user)
        self.assertRefused(AccessError, slot.write, {"trainer_signed_at": False})
        self.assertRefused(AccessError, slot.write, {"trainer_signature": False})
        with freeze_time(self.slot_am.datetime_end):
            self.assertRefused(UserError, slot.action_trainer_sign, SIGNATURE)
        pm = self.slot_pm.with_user(self.trainer_user)
        with freeze_time(self.slot_pm.datetime_start - timedelta(minutes=1)):
            self.assertRefused(UserError, pm.action_trainer_sign, SIGNATURE)
        self.assertRefused(
            AccessError, pm.with_user(self.desk).action_trainer_sign, SIGNATURE
        )

    def test_signed_half_day_not_moved(self):
        slot = self.slot_am.with_user(self.coordinator_user)
        self.assertRefused(UserError, slot.write, {"time_start": 8.0})

    def test_status_only_through_actions(self):
        for user in (self.trainer_user, self.coordinator_user):
            reg = self.reg.with_user(user)
            self.assertRefused(AccessError, reg.write, {"coop_training_state": "draft"})
            self.assertRefused(AccessError, reg.write, {"coop_completed": True})
        self.assertRefused(
            AccessError, self.reg.with_user(self.trainer_user).action_coop_reset_draft
        )
        self.assertRefused(
            UserError, self.reg.with_user(self.coordinator_user).action_coop_reset_draft
        )
        Registration = self.env["event.registration"].with_user(self.trainer_user)
        self.assertRefused(
            AccessError,
            Registration.create,
            {
                "event_id": self.session.id,
                "partner_id": self.learner2.id,
                "coop_training_state": "attended",
            },
        )


@tagged("at_install", "-post_install")
class TestNothingDisappears(EvidenceCase):
    def test_signed_line_not_deleted(self):
        self.assertRefused(
            UserError, self.signed.with_user(self.coordinator_user).unlink
        )

    def test_logs_server_only(self):
        self.signed.with_user(self.coordinator_user)._coop_correct(
            "late", "Arrived at 10"
        )
        log = self.signed.log_ids
        Log = self.env["coop.training.attendance.log"].with_user(self.coordinator_user)
        self.assertRefused(AccessError, log.with_user(self.coordinator_user).unlink)
        self.assertRefused(
            AccessError, log.with_user(self.coordinator_user).write, {"reason": "x"}
        )
        self.assertRefused(
            AccessError,
            Log.create,
            {"attendance_id": self.signed.id, "reason": "forged"},
        )

    def test_enrolment_and_slot_with_signatures_not_deleted(self):
        self.assertRefused(UserError, self.reg.with_user(self.coordinator_user).unlink)
        self.assertRefused(
            UserError, self.slot_am.with_user(self.coordinator_user).unlink
        )
        self.assertRefused(
            UserError, self.session.with_user(self.coordinator_user).unlink
        )


@tagged("at_install", "-post_install")
class TestWhoSeesWhat(EvidenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.signed._coop_correct("late", "Arrived at 10")
        cls.complaint = cls.env["coop.training.complaint"].create(
            {"name": "Room too small", "event_id": cls.session.id}
        )

    def test_other_trainer_sees_no_log_nor_complaint(self):
        Log = self.env["coop.training.attendance.log"]
        Complaint = self.env["coop.training.complaint"]
        self.assertTrue(Log.with_user(self.trainer_user).search([]))
        self.assertFalse(Log.with_user(self.other_trainer_user).search([]))
        self.assertFalse(
            Complaint.with_user(self.other_trainer_user).search(
                [("id", "=", self.complaint.id)]
            )
        )
        self.assertRefused(
            AccessError, self.complaint.with_user(self.other_trainer_user).action_close
        )
        self.assertEqual(self.complaint.state, "new")

    def test_desk_and_cashier_read_no_training_enrolment(self):
        for user in (self.desk, self.cashier):
            Registration = self.env["event.registration"].with_user(user)
            self.assertFalse(
                Registration.has_access("read")
                and Registration.search([("event_id", "=", self.session.id)]),
                user.login,
            )
            with self.assertRaises(AccessError):
                self.reg.with_user(user).read(["coop_adaptation_needs"])

    def test_adaptation_needs_for_own_trainer_and_coordinator(self):
        for user in (self.trainer_user, self.coordinator_user):
            self.assertEqual(
                self.reg.with_user(user).coop_adaptation_needs, "Wheelchair access"
            )
        with self.assertRaises(AccessError):
            self.reg.with_user(self.other_trainer_user).read(["coop_adaptation_needs"])

    def test_desk_cannot_mark_attended(self):
        reg = self.reg2.with_user(self.desk)
        self.assertRefused(AccessError, reg.action_coop_attended)
        self.assertRefused(AccessError, reg.write, {"state": "done"})

    def test_bpf_of_own_company_only(self):
        other = self.env["res.company"].create({"name": "Other training body"})
        Bpf = self.env["coop.training.bpf"].with_user(self.coordinator_user)
        self.assertRefused(
            AccessError, Bpf.create, {"year": 2025, "company_id": other.id}
        )


@tagged("at_install", "-post_install")
class TestAtomicConfirmation(EvidenceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["event.mail"].create(
            {
                "event_id": cls.session.id,
                "interval_unit": "now",
                "interval_type": "after_sub",
                "template_ref": "mail.template,%d"
                % cls.env.ref("event.event_subscription").id,
            }
        )

    def _no_inline_mail(self):
        return patch.object(
            type(self.env["event.mail"]),
            "execute",
            side_effect=AssertionError("event mails ran inside the request"),
        )

    def test_failure_in_the_middle_leaves_a_draft(self):
        reg = self._enrol(
            self.session,
            self.env["res.partner"].create({"name": "New learner"}),
            confirm=False,
        )
        Registration = type(self.env["event.registration"])
        with (
            self._no_inline_mail(),
            patch.object(
                Registration, "_coop_survey_invite", side_effect=UserError("boom")
            ),
        ):
            self.assertRefused(
                UserError, reg.with_user(self.trainer_user).action_coop_confirm
            )
        self.assertEqual(reg.coop_training_state, "draft")
        self.assertFalse(reg.coop_attendance_ids)
        with self._no_inline_mail():
            reg.with_user(self.trainer_user).action_coop_confirm()
        self.assertEqual(len(reg.coop_attendance_ids), 2)

    def test_cohort_all_or_nothing(self):
        cohort = self.env["coop.training.cohort"].create(
            {
                "name": "Coop du Nord",
                "partner_id": self.env["res.partner"]
                .create({"name": "Coop du Nord", "is_company": True})
                .id,
                "learner_ids": [
                    (0, 0, {"name": "Founder A"}),
                    (0, 0, {"name": "Founder B"}),
                ],
                "event_ids": [(6, 0, self.session.ids)],
            }
        )
        Registration = type(self.env["event.registration"])
        before = len(self.session.registration_ids)
        with (
            self._no_inline_mail(),
            patch.object(
                Registration, "_coop_create_attendance", side_effect=UserError("boom")
            ),
            self.assertRaises(UserError),
        ):
            cohort.with_user(self.coordinator_user).action_confirm_team()
        self.assertEqual(len(self.session.registration_ids), before)
        with self._no_inline_mail():
            cohort.with_user(self.coordinator_user).action_confirm_team()
        regs = self.session.registration_ids.filtered("coop_cohort_id")
        self.assertEqual(set(regs.mapped("coop_training_state")), {"confirmed"})
