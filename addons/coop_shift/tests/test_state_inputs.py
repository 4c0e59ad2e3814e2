# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The trigger matrix of the work inputs: each input the work rows declare
(``res.partner._coop_state_inputs``), changed as the role that may, leaves the
stored status equal to a from-scratch evaluation without any call to the
engine; the roles that may not are refused and nothing changes."""

from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CoopShiftCase

D = date(2026, 3, 2)


class WorkInputCase(CoopShiftCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = new_test_user(
            cls.env,
            login="wi_staff",
            groups="coop_shift.group_coop_shift_staff,base.group_partner_manager",
        )
        cls.leader = new_test_user(
            cls.env, login="wi_leader", groups="coop_shift.group_coop_shift_leader"
        )
        cls.desk = new_test_user(
            cls.env, login="wi_desk", groups="coop_membership.group_coop_member_desk"
        )
        cls.holiday = cls.env.ref("coop_shift.leave_type_holiday")

    def assertStatusFresh(self, partners):
        self.env.invalidate_all()
        stored = {p.id: (p.coop_state, p.coop_can_shop) for p in partners}
        self.assertEqual(stored, partners._coop_evaluate_states())

    def _snapshot(self, partner):
        self.env.invalidate_all()
        return (
            partner.coop_state,
            partner.coop_can_shop,
            partner.coop_points_standard,
            len(partner.coop_leave_ids),
            len(partner.coop_extension_ids),
            len(partner.coop_template_registration_ids),
            partner.coop_shift_unsubscribed,
            partner.coop_alert_deadline,
            partner.coop_work_mode,
        )

    def _refused(self, partner, attempts):
        """Each attempt (a callable) is refused and nothing changes."""
        before = self._snapshot(partner)
        for label, attempt in attempts.items():
            with self.subTest(attempt=label), self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    attempt()
        self.assertEqual(self._snapshot(partner), before)


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestWorkInputs(WorkInputCase):
    def test_manual_points_line(self):
        member = self._create_member("Ana")
        self._refused(
            member,
            {
                "leader": lambda: self.Line.with_user(self.leader).create(
                    {"partner_id": member.id, "points": -2, "reason": "x"}
                ),
                "desk": lambda: self.Line.with_user(self.desk).create(
                    {"partner_id": member.id, "points": -2, "reason": "x"}
                ),
            },
        )
        self.Line.with_user(self.staff).create(
            {"partner_id": member.id, "points": -2, "reason": "oubli"}
        )
        self.assertEqual(member.coop_state, "alert")
        self.assertStatusFresh(member)

    def test_standing_slot(self):
        member = self._create_member("Bea")
        Slot = self.env["coop.shift.template.registration"]
        vals = {
            "template_id": self.template.id,
            "partner_id": member.id,
            "date_start": D,
        }
        self._refused(
            member,
            {
                "leader": lambda: Slot.with_user(self.leader).create(vals),
                "desk": lambda: Slot.with_user(self.desk).create(vals),
            },
        )
        Slot.with_user(self.staff).create(vals)
        self.assertEqual(member.coop_state, "up_to_date")
        self.assertStatusFresh(member)

    def test_attendance_marked(self):
        member = self._create_member("Cid")
        reg = self._register(member, self._shift(D))
        self._refused(
            member,
            {"desk": lambda: reg.with_user(self.desk).write({"state": "absent"})},
        )
        reg.with_user(self.staff).action_absent()
        self.assertEqual(member.coop_state, "alert")
        self.assertStatusFresh(member)
        reg.with_user(self.staff).action_reset()
        self.assertStatusFresh(member)

    def test_booked_makeup_unfreezes(self):
        self.env.company.coop_shift_unsubscribe_absences = 0
        member = self._create_member("Dan")
        self.Line.create({"partner_id": member.id, "points": -4, "reason": "x"})
        self.assertEqual(member.coop_state, "frozen")
        shift = self._shift(date(2026, 3, 9))
        vals = {"partner_id": member.id, "shift_id": shift.id, "kind": "makeup"}
        self._refused(
            member,
            {
                "leader": lambda: self.Registration.with_user(self.leader).create(vals),
                "desk": lambda: self.Registration.with_user(self.desk).create(vals),
            },
        )
        makeup = self.Registration.with_user(self.staff).create(vals)
        self.assertEqual(member.coop_state, "alert")
        self.assertStatusFresh(member)
        makeup.with_user(self.staff).unlink()
        self.assertEqual(member.coop_state, "frozen")
        self.assertStatusFresh(member)

    def test_leave(self):
        member = self._create_member("Eve")
        self._standing(member)
        Leave = self.env["coop.shift.leave"]
        vals = {
            "partner_id": member.id,
            "type_id": self.holiday.id,
            "date_start": D,
            "date_end": date(2026, 3, 20),
        }
        self._refused(
            member,
            {
                "leader": lambda: Leave.with_user(self.leader).create(vals),
                "desk": lambda: Leave.with_user(self.desk).create(vals),
            },
        )
        leave = Leave.with_user(self.staff).create(vals)
        self.assertEqual(member.coop_state, "holiday")
        self.assertStatusFresh(member)
        leave.with_user(self.staff).action_cancel()
        self.assertEqual(member.coop_state, "up_to_date")
        self.assertStatusFresh(member)

    def test_extension(self):
        member = self._create_member("Fox")
        self.Line.create({"partner_id": member.id, "points": -2, "reason": "x"})
        Extension = self.env["coop.shift.extension"]
        vals = {"partner_id": member.id, "date_start": D, "reason": "malade"}
        self._refused(
            member,
            {
                "leader": lambda: Extension.with_user(self.leader).create(vals),
                "desk": lambda: Extension.with_user(self.desk).create(vals),
            },
        )
        extension = Extension.with_user(self.staff).create(vals)
        self.assertEqual(member.coop_state, "delay")
        self.assertStatusFresh(member)
        extension.with_user(self.staff).unlink()
        self.assertEqual(member.coop_state, "alert")
        self.assertStatusFresh(member)

    def test_partner_work_fields(self):
        member = self._create_member("Gus")
        self.Line.create({"partner_id": member.id, "points": -2, "reason": "x"})
        changes = {
            "coop_work_mode": "flying",
            "coop_shift_unsubscribed": True,
            "coop_alert_deadline": date(2026, 3, 1),
        }
        self._refused(
            member,
            {
                f"{user.login} {fname}": (
                    lambda u=user, f=fname, v=value: member.with_user(u).write({f: v})
                )
                for user in (self.leader, self.desk)
                for fname, value in changes.items()
            },
        )
        expected = {
            "coop_alert_deadline": "suspended",
            "coop_shift_unsubscribed": "unsubscribed",
            "coop_work_mode": "unsubscribed",
        }
        for fname in (
            "coop_alert_deadline",
            "coop_shift_unsubscribed",
            "coop_work_mode",
        ):
            member.with_user(self.staff).write({fname: changes[fname]})
            self.assertEqual(member.coop_state, expected[fname], fname)
            self.assertStatusFresh(member)

    def test_closure_cancels_a_booked_makeup(self):
        """A closure is read by no row: it cancels shifts, and a cancelled
        make-up is an input."""
        self.env.company.coop_shift_unsubscribe_absences = 0
        member = self._create_member("Hal")
        self.Line.create({"partner_id": member.id, "points": -4, "reason": "x"})
        shift = self._shift(date(2026, 3, 9))
        self._register(member, shift, "makeup")
        self.assertEqual(member.coop_state, "alert")
        self.env["coop.shift.closure"].with_user(self.staff).create(
            {
                "name": "Inventaire",
                "date_start": date(2026, 3, 9),
                "date_end": date(2026, 3, 9),
            }
        )
        self.assertStatusFresh(member)


@freeze_time("2026-03-02")
@tagged("post_install", "-at_install")
class TestWorkInputsRpc(HttpCase, WorkInputCase):
    def _call(self, login, model, method, args):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": args, "kwargs": {}},
        )

    def test_staff_grants_an_extension(self):
        member = self._create_member("Ivy")
        self.Line.create({"partner_id": member.id, "points": -2, "reason": "x"})
        vals = {"partner_id": member.id, "date_start": str(D), "reason": "r"}
        self._call("wi_staff", "coop.shift.extension", "create", [vals])
        self.assertEqual(member.coop_state, "delay")
        self.assertStatusFresh(member)

    @mute_logger("odoo.http")
    def test_leader_cannot_grant_an_extension(self):
        member = self._create_member("Jon")
        self.Line.create({"partner_id": member.id, "points": -2, "reason": "x"})
        before = self._snapshot(member)
        vals = {"partner_id": member.id, "date_start": str(D), "reason": "r"}
        with self.assertRaises(JsonRpcException):
            self._call("wi_leader", "coop.shift.extension", "create", [vals])
        with self.assertRaises(JsonRpcException):
            self._call(
                "wi_desk",
                "res.partner",
                "write",
                [[member.id], {"coop_alert_deadline": "2026-03-01"}],
            )
        self.assertEqual(self._snapshot(member), before)
