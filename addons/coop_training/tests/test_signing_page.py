# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import SIGNATURE, TrainingCase


class SigningPageCase(HttpCase, TrainingCase):
    """The training fixture, plus a half-day today for the portal user
    ``coop_portal`` (learners may sign all day long)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase keeps its HTTP session in ``session``: the fixture's
        # training session is ``fixture_session`` here
        cls.fixture_session, cls.session = cls.session, None
        cls.env.company.coop_training_sign_margin = 24 * 60
        today = fields.Date.context_today(cls.env.user.with_context(tz="Europe/Paris"))
        midnight = datetime.combine(today, datetime.min.time())
        cls.training_session = cls._create_session(
            cls.course,
            [cls.trainer],
            date_begin=midnight,
            date_end=midnight + timedelta(days=1),
            date_tz="Europe/Paris",
        )
        cls.slot = cls._create_slot(
            cls.training_session,
            today,
            "morning",
            time_start=0,
            time_end=12,
            module_title="Signing module",
        )
        cls.reg = cls._enrol(cls.training_session, cls.portal.partner_id)
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


@tagged("post_install", "-at_install")
class TestSigningPage(SigningPageCase):
    def test_learner_page_and_signature(self):
        self.authenticate("coop_portal", "coop_portal")
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
        self.authenticate("trainer_t", "trainer_t")
        page = self.url_open(f"/training/slot/{self.slot.id}/sign")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.portal.partner_id.name, page.text)
        result = self._json(f"/training/slot/{self.slot.id}/trainer_sign")
        self.assertTrue(result.get("force_refresh"), result)
        self.assertTrue(self.slot.trainer_signed_at)

    def test_other_trainer_refused(self):
        self.authenticate("trainer_o", "trainer_o")
        page = self.url_open(f"/training/slot/{self.slot.id}/sign")
        self.assertEqual(page.status_code, 404)
        self.assertIn("error", self._json(f"/training/attendance/{self.line.id}/sign"))
        self.assertFalse(self.line.signed_at)

    def test_public_indicators(self):
        page = self.url_open("/training/indicators")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Cashier course", page.text)

    def test_nothing_open_for_signing(self):
        """Outside the half-day, the page says so and offers no signing."""
        self.env.company.coop_training_sign_margin = 0
        tomorrow = self.slot.date + timedelta(days=1)
        later = self.env["coop.training.slot"].create(
            {
                "event_id": self.training_session.id,
                "date": tomorrow,
                "period": "afternoon",
                "time_start": 14,
                "time_end": 17,
                "module_title": "Tomorrow's module",
            }
        )
        with freeze_time(self.slot.datetime_end + timedelta(minutes=1)):
            self.authenticate("coop_portal", "coop_portal")
            page = self.url_open("/training/sign")
            self.assertIn("No half-day is open", page.text)
            self.assertNotIn(f"/training/attendance/{self.line.id}/sign", page.text)
            self.authenticate("trainer_t", "trainer_t")
            page = self.url_open(f"/training/slot/{later.id}/sign")
            self.assertIn("countersigns from the start", page.text)
            self.assertNotIn(f"/training/slot/{later.id}/trainer_sign", page.text)

    def test_portal_home_entry(self):
        self.authenticate("coop_portal", "coop_portal")
        page = self.url_open("/my/home")
        self.assertEqual(page.status_code, 200)
        self.assertIn("/training/sign", page.text)

    def test_sign_on_tablet_tour(self):
        """The portal signature pad works on the trainer's signing page."""
        self.start_tour(
            f"/training/slot/{self.slot.id}/sign",
            "coop_training_sign_tour",
            login="trainer_t",
        )
        self.assertTrue(self.line.signed_at)
        self.assertTrue(self.line.signature)


@tagged("post_install", "-at_install")
class TestEvidenceOverRpc(SigningPageCase):
    """The evidence rules attacked over JSON-RPC, as a client would, with the
    flows' context keys forged: refused, and nothing changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reg.coop_adaptation_needs = "Large print documents"

    def _call_kw(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": {
                    "context": {"coop_training_flow": True, "install_mode": True},
                    **(kwargs or {}),
                },
            },
        }
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/dataset/call_kw",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json"},
            )
        return response.json()

    def _evidence(self):
        self.env.invalidate_all()
        return (
            self.reg.coop_training_state,
            self.reg.coop_completed,
            self.reg.coop_hours_attended,
            self.line.signed_at,
            self.line.state,
            self.slot.trainer_signed_at,
        )

    def assertRpcRefused(self, model, method, args, error="AccessError"):
        before = self._evidence()
        result = self._call_kw(model, method, args)
        self.assertIn("error", result, result)
        self.assertIn(error, result["error"]["data"]["name"])
        self.assertEqual(self._evidence(), before)

    def test_rpc_trainer_cannot_forge_signatures(self):
        self.authenticate("trainer_t", "trainer_t")
        line = "coop.training.attendance"
        signed = {"signature": SIGNATURE.decode(), "signed_at": "2025-03-10 08:00:00"}
        self.assertRpcRefused(line, "write", [self.line.ids, signed])
        self.assertRpcRefused(
            "coop.training.slot",
            "write",
            [self.slot.ids, {"trainer_signed_at": "2025-03-10 08:00:00"}],
        )
        self.assertRpcRefused(
            line,
            "create",
            [{"registration_id": self.reg.id, "slot_id": self.slot.id, **signed}],
        )
        self.assertEqual(self.reg.coop_hours_attended, 0)

    def test_rpc_status_only_through_actions(self):
        self.authenticate("trainer_t", "trainer_t")
        for vals in ({"coop_training_state": "attended"}, {"coop_completed": True}):
            self.assertRpcRefused("event.registration", "write", [self.reg.ids, vals])

    def test_rpc_member_desk_reads_no_enrolment(self):
        self.authenticate("coop_desk", "coop_desk")
        result = self._call_kw(
            "event.registration",
            "search_read",
            [[("event_id", "=", self.training_session.id)]],
            {"fields": ["coop_adaptation_needs"]},
        )
        self.assertEqual(result.get("result"), [], result)
        self.assertRpcRefused(
            "event.registration", "read", [self.reg.ids, ["coop_adaptation_needs"]]
        )
        self.assertRpcRefused(
            "event.registration", "action_coop_attended", [self.reg.ids]
        )

    def test_rpc_signed_line_not_deleted(self):
        self.line._coop_sign(SIGNATURE)
        self.authenticate("coordinator_t", "coordinator_t")
        self.assertRpcRefused(
            "coop.training.attendance", "unlink", [self.line.ids], error="UserError"
        )
        self.assertRpcRefused(
            "event.registration", "unlink", [self.reg.ids], error="UserError"
        )

    def test_indicators_of_the_request_company_only(self):
        other = self.env["res.company"].create({"name": "Other training body"})
        course = self.env["event.type"].create(
            {"name": "Course of another body", "coop_is_training": True}
        )
        self.env["event.event"].create(
            {
                "name": "Elsewhere",
                "event_type_id": course.id,
                "company_id": other.id,
                "date_begin": datetime(2025, 3, 10, 8, 0),
                "date_end": datetime(2025, 3, 10, 16, 0),
            }
        )
        page = self.url_open("/training/indicators")
        self.assertIn("Cashier course", page.text)
        self.assertNotIn("Course of another body", page.text)
