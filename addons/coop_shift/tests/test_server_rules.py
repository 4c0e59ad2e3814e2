# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CoopShiftCase


class CoopShiftRulesCase(CoopShiftCase):
    """A leader, the shift office, a desk clerk and a portal member; a shift
    the leader leads today, one in four weeks, one 60 days ago, and one of
    another team today. Users are on UTC so that "today" is the same for all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.leader = cls._user("rules_leader", "coop_shift.group_coop_shift_leader")
        cls.staff = cls._user("rules_staff", "coop_shift.group_coop_shift_staff")
        cls.manager = cls._user("rules_manager", "coop_membership.group_coop_manager")
        cls.template.leader_ids = cls.leader.partner_id
        other_template = cls.template.copy({"week_letter": "B", "leader_ids": False})
        cls.led_today = cls._shift(cls.today, cls.template)
        cls.led_future = cls._shift(cls.today + timedelta(days=28), cls.template)
        cls.led_past = cls._shift(cls.today - timedelta(days=60), cls.template)
        cls.other_today = cls._shift(cls.today, other_template)
        cls.ana = cls._create_member("Ana Rules")
        cls.bob = cls._create_member("Bob Rules")
        cls.reg = cls._register(cls.ana, cls.led_today)
        cls.reg_bob = cls._register(cls.bob, cls.led_today)
        cls.reg_future = cls._register(cls.ana, cls.led_future)
        cls.reg_past = cls._register(cls.ana, cls.led_past)
        cls.reg_other = cls._register(cls.bob, cls.other_today)

    @classmethod
    def _user(cls, login, groups, **vals):
        return new_test_user(
            cls.env, login=login, password=f"{login}-pass-1", groups=groups, tz="UTC"
        )

    def _snapshot(self, *partners):
        """What a refused action must leave as it was: points, ledger lines,
        registrations and the status timeline of ``partners``."""
        partners = self.env["res.partner"].union(*partners)
        partners.invalidate_recordset()
        regs = self.Registration.search([("partner_id", "in", partners.ids)])
        return {
            "points": [
                (p.coop_points_standard, p.coop_points_flying) for p in partners
            ],
            "lines": self.Line.search_count([("partner_id", "in", partners.ids)]),
            "regs": [
                (r.id, r.state, r.kind, r.shift_id.id, r.leave_id.id) for r in regs
            ],
            "timeline": self.env["coop.state.change"].search_count(
                [("partner_id", "in", partners.ids)]
            ),
            "shifts": [(s.id, s.state) for s in regs.shift_id],
        }


@tagged("post_install", "-at_install")
class TestLeaderRules(CoopShiftRulesCase):
    def test_leader_marks_and_undoes_today(self):
        reg = self.reg.with_user(self.leader)
        reg.action_absent()
        self.assertEqual(self.reg.state, "absent")
        self.assertEqual(self.reg.marked_uid, self.leader)
        self.assertEqual(self.ana.coop_points_standard, -2)
        reg.action_reset()
        self.assertEqual(self.reg.state, "planned")
        self.assertEqual(self.ana.coop_points_standard, 0, "the undo gives it back")
        reg.action_attended()
        self.assertEqual(self.reg.state, "attended")

    def test_leader_cannot_bend_points(self):
        before = self._snapshot(self.ana, self.bob)
        reg = self.reg.with_user(self.leader)
        refused = {
            "excuse": reg.action_excused,
            "kind": lambda: reg.write({"kind": "makeup"}),
            "friend": lambda: reg.write({"solidarity_partner_id": self.bob.id}),
            "member": lambda: reg.write({"partner_id": self.bob.id}),
            "move": lambda: reg.write({"shift_id": self.led_future.id}),
            "leave": lambda: reg.write({"leave_id": False, "state": "excused"}),
            "future": self.reg_future.with_user(self.leader).action_absent,
            "60 days ago": self.reg_past.with_user(self.leader).action_absent,
            "other team": self.reg_other.with_user(self.leader).action_absent,
            "close future": self.led_future.with_user(self.leader).action_done,
            "write future": lambda: self.led_future.with_user(self.leader).write(
                {"state": "done"}
            ),
            "other close": self.other_today.with_user(self.leader).action_done,
            "reopen": lambda: self.led_today.with_user(self.leader).write(
                {"date": self.today + timedelta(days=1)}
            ),
        }
        for what, action in refused.items():
            with self.subTest(what), self.assertRaises(AccessError):
                action()
        self.assertEqual(self._snapshot(self.ana, self.bob), before)

    def test_leader_cannot_undo_the_office_mark(self):
        self.reg_bob.with_user(self.staff).action_absent()
        before = self._snapshot(self.bob)
        with self.assertRaises(AccessError):
            self.reg_bob.with_user(self.leader).action_reset()
        with self.assertRaises(AccessError):
            self.reg_bob.with_user(self.leader).action_attended()
        self.assertEqual(self._snapshot(self.bob), before)

    def test_leader_window_setting(self):
        yesterday = self._shift(self.today - timedelta(days=1), self.template)
        reg = self._register(self.bob, yesterday)
        with self.assertRaises(AccessError):
            reg.with_user(self.leader).action_attended()
        self.env.company.coop_shift_leader_window_days = 1
        reg.with_user(self.leader).action_attended()
        self.assertEqual(reg.state, "attended")

    def test_leader_closes_today_shift(self):
        self.led_today.with_user(self.leader).action_done()
        self.assertEqual(self.led_today.state, "done")
        self.assertEqual(self.reg.state, "absent")

    def test_office_corrects_any_day(self):
        self.reg_past.with_user(self.staff).action_excused()
        self.assertEqual(self.ana.coop_points_standard, -1)
        self.led_future.with_user(self.staff).action_done()
        self.assertEqual(self.reg_future.state, "absent")

    def test_leader_adds_a_walk_in_today(self):
        walker = self._create_member("Walk Rules")
        before = self._snapshot(walker)
        for shift in (self.led_future, self.other_today, self.led_past):
            with self.subTest(shift=shift.date), self.assertRaises(AccessError):
                shift.with_user(self.leader)._coop_add_walk_in(walker)
        self.assertEqual(self._snapshot(walker), before)
        reg = self.led_today.with_user(self.leader)._coop_add_walk_in(walker)
        self.assertEqual((reg.kind, reg.state), ("extra", "attended"))
        self.assertEqual(walker.coop_points_standard, 0, "a gift of time")
        stranger = self.env["res.partner"].create({"name": "Not a member"})
        with self.assertRaises(UserError):
            self.led_today.with_user(self.leader)._coop_add_walk_in(stranger)


@tagged("post_install", "-at_install")
class TestOfficeRules(CoopShiftRulesCase):
    def test_marked_registration_is_never_deleted(self):
        self.reg_past.action_absent()
        with self.assertRaises(UserError):
            self.reg_past.with_user(self.staff).unlink()
        self.assertTrue(self.reg_past.exists())
        self.reg_future.with_user(self.staff).unlink()
        self.assertFalse(self.reg_future.exists(), "a planned one may go")

    def test_bookable_list(self):
        self.env.company.coop_shift_makeup_horizon_days = 28
        near = self._shift(self.today + timedelta(days=3))
        far = self._shift(self.today + timedelta(days=40))
        full = self._shift(self.today + timedelta(days=4))
        full.seats_max = 1
        self._register(self.bob, full, "makeup")
        Shift = self.Shift.with_user(self.staff)
        self.assertFalse(Shift._coop_bookable_for(self.ana), "Ana owes nothing")
        self.reg_past.action_absent()
        bookable = Shift._coop_bookable_for(self.ana)
        self.assertIn(near, bookable)
        self.assertNotIn(far, bookable, "beyond the make-up horizon")
        self.assertNotIn(full, bookable, "no seat left")
        self.assertNotIn(self.led_past, bookable, "past")
        self.assertNotIn(self.led_future, bookable, "already hers")
        # the calendar colours by state, then by free seats
        self.assertEqual((full.seats_available, full.fill_color), (0, 1))
        self.assertEqual((near.seats_available, near.fill_color), (10, 10))
        near._coop_cancel()
        self.assertEqual(near.fill_color, 0)

    def test_staff_cannot_forge_ledger_lines(self):
        before = self._snapshot(self.ana)
        Line = self.Line.with_user(self.staff)
        base = {"partner_id": self.ana.id, "points": 3, "reason": "forged"}
        for forged in (
            {"manual": False},
            {"author_id": self.manager.id},
            {"registration_id": self.reg.id},
            {"cycle_date": self.today},
        ):
            with self.subTest(**forged), self.assertRaises(AccessError):
                Line.create({**base, **forged})
        self.assertEqual(self._snapshot(self.ana), before)
        line = Line.create({**base, "points": 1, "reason": "Forgotten key"})
        self.assertTrue(line.manual)
        self.assertEqual(line.author_id, self.staff)

    def test_extension_bounds(self):
        Extension = self.env["coop.shift.extension"].with_user(self.staff)
        vals = {"partner_id": self.ana.id, "reason": "family", "date_start": self.today}
        with self.assertRaises(ValidationError):
            Extension.create({**vals, "date_end": self.today + timedelta(days=400)})
        self.env.company.coop_shift_extension_max_days = 10
        with self.assertRaises(ValidationError):
            Extension.create({**vals, "date_end": self.today + timedelta(days=11)})
        extension = Extension.create(
            {**vals, "date_end": self.today + timedelta(days=10), "author_id": 1}
        )
        self.assertEqual(extension.author_id, self.staff, "the author is the granter")
        with self.assertRaises(AccessError):
            extension.write({"author_id": self.manager.id})
        Extension.create({**vals, "date_end": self.today})
        with self.assertRaises(ValidationError):
            Extension.create({**vals, "date_end": self.today})
        self.assertEqual(
            self.env["coop.shift.extension"].search_count(
                [("partner_id", "=", self.ana.id)]
            ),
            2,
            "two per year (company setting)",
        )

    def test_deleting_a_member_keeps_the_ledger(self):
        self.env.cr.execute(
            """SELECT confdeltype FROM pg_constraint
                WHERE conrelid = 'coop_shift_counter_line'::regclass
                  AND confrelid = 'res_partner'::regclass"""
        )
        self.assertEqual(self.env.cr.fetchone()[0], "r", "ON DELETE RESTRICT")
        member = self.env["res.partner"].create({"name": "Only points"})
        line = self.Line.create(
            {"partner_id": member.id, "points": -1, "reason": "manual"}
        )
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            member.unlink()
        self.assertTrue(line.exists())
        self.assertTrue(member.exists())

    def test_generation_is_for_the_office(self):
        count = self.Shift.search_count([])
        with self.assertRaises(AccessError):
            self.template.with_user(self.leader).action_generate_shifts()
        self.assertEqual(self.Shift.search_count([]), count)
        self.template.with_user(self.staff).action_generate_shifts()
        self.assertGreater(self.Shift.search_count([]), count)

    def test_status_timeline_is_append_only(self):
        self.reg_past.action_absent()
        self.reg_future.action_absent()
        timeline = self.ana.coop_state_change_ids
        self.assertTrue(timeline)
        first = timeline[-1]
        before = first.read(["new_state", "reason", "date", "partner_id"])
        for user in (self.manager, self.staff, self.leader):
            change = first.with_user(user)
            for action in (
                lambda c=change: c.write({"new_state": "up_to_date"}),
                lambda c=change: c.write({"reason": "rewritten"}),
                change.unlink,
            ):
                with (
                    self.subTest(user=user.login),
                    self.assertRaises(UserError),  # AccessError is a UserError
                ):
                    action()
        with self.assertRaises(UserError):
            first.unlink()
        with self.assertRaises(UserError):
            first.write({"new_state": "up_to_date"})
        with self.assertRaises(AccessError):
            self.env["coop.state.change"].with_user(self.manager).create(
                {"partner_id": self.ana.id, "new_state": "up_to_date"}
            )
        self.assertEqual(self.ana.coop_state_change_ids, timeline)
        self.assertEqual(
            first.read(["new_state", "reason", "date", "partner_id"]), before
        )
        added = self.env["coop.state.change"].create(
            {"partner_id": self.ana.id, "new_state": "up_to_date"}
        )
        self.assertEqual(added.author_id, self.env.user, "ORM lines are signed")
        self.assertFalse(first.author_id, "the engine's own lines have no author")


@tagged("post_install", "-at_install")
class TestRulesOverJsonRpc(HttpCase, CoopShiftRulesCase):
    """The same rules, attacked as a browser client would: JSON-RPC calls."""

    def _call(self, model, method, ids, *args):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": [ids, *args],
                "kwargs": {"context": {"coop_shift_manual": True}},
            },
        )

    def test_leader_over_json_rpc(self):
        self.authenticate("rules_leader", "rules_leader-pass-1")
        before = self._snapshot(self.ana, self.bob)
        Reg = "coop.shift.registration"
        attacks = [
            (Reg, "action_excused", [self.reg.id]),
            (Reg, "write", [self.reg.id], {"kind": "makeup", "state": "attended"}),
            (Reg, "write", [self.reg.id], {"solidarity_partner_id": self.bob.id}),
            (Reg, "action_absent", [self.reg_past.id]),
            (Reg, "action_absent", [self.reg_future.id]),
            ("coop.shift", "action_done", [self.led_future.id]),
            ("coop.shift.template", "action_generate_shifts", [self.template.id]),
            (
                "coop.shift.counter.line",
                "create",
                {"partner_id": self.ana.id, "points": 5, "reason": "gift"},
            ),
        ]
        for model, method, ids, *args in attacks:
            with (
                self.subTest(method=method, args=args),
                mute_logger("odoo.http"),
                self.assertRaises(JsonRpcException),
            ):
                self._call(model, method, ids, *args)
        self.assertEqual(self._snapshot(self.ana, self.bob), before)
        self._call(Reg, "action_attended", [self.reg.id])
        self.assertEqual(self.reg.state, "attended")

    def test_portal_over_json_rpc(self):
        new_test_user(
            self.env,
            login="rules_portal",
            password="rules_portal-pass-1",
            groups="base.group_portal",
            partner_id=self.ana.id,
            tz="UTC",
        )
        self.authenticate("rules_portal", "rules_portal-pass-1")
        before = self._snapshot(self.ana, self.bob)
        Reg = "coop.shift.registration"
        vals = {"shift_id": self.led_future.id, "partner_id": self.ana.id}
        attacks = [
            (Reg, "write", [self.reg.id], {"state": "attended"}),
            (Reg, "action_attended", [self.reg.id]),
            (
                Reg,
                "create",
                {**vals, "kind": "makeup", "shift_id": self.other_today.id},
            ),
            (Reg, "action_offer_exchange", [self.reg_bob.id]),
            (
                "coop.shift.counter.line",
                "create",
                {"partner_id": self.ana.id, "points": 1, "reason": "x"},
            ),
            (
                "coop.shift.leave",
                "create",
                {
                    "partner_id": self.ana.id,
                    "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                    "date_start": "2000-01-01",
                    "date_end": "2099-12-31",
                },
            ),
        ]
        for model, method, ids, *args in attacks:
            with (
                self.subTest(model=model, method=method),
                mute_logger("odoo.http"),
                self.assertRaises(JsonRpcException),
            ):
                self._call(model, method, ids, *args)
        self.assertEqual(self._snapshot(self.ana, self.bob), before)
        self.assertFalse(
            self.env["coop.shift.leave"].search([("partner_id", "=", self.ana.id)])
        )

    def test_staff_over_json_rpc(self):
        self.authenticate("rules_staff", "rules_staff-pass-1")
        before = self._snapshot(self.ana)
        timeline = self.env["coop.state.change"].search([], limit=1)
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
            self._call(
                "coop.shift.counter.line",
                "create",
                {
                    "partner_id": self.ana.id,
                    "points": 5,
                    "reason": "automatic",
                    "manual": False,
                    "author_id": self.manager.id,
                },
            )
        if timeline:
            with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                self._call("coop.state.change", "unlink", [timeline.id])
        self.assertEqual(self._snapshot(self.ana), before)
        self.assertTrue(timeline.exists() or not timeline)
