# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged, users
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CoopRoleCase

OUTPUTS = {
    "coop_state": "member",
    "coop_can_shop": True,
    "coop_shop_block_reason": "Forged",
    "coop_share_qty": 5,
}
CARD = "2899999999996"


class ProtectionCase(CoopRoleCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.candidate = cls._create_member("Candide", welcome=False)
        cls.member = cls._create_member("Mireille")
        cls.stranger = cls.env["res.partner"].create({"name": "Stéphane"})

    def _snapshot(self, partner):
        fnames = [
            *OUTPUTS,
            "coop_welcome_date",
            "coop_household_parent_id",
            "coop_card_barcode",
            "coop_member_number",
        ]
        partner.invalidate_recordset()
        return partner.read(fnames)[0]


@tagged("at_install", "-post_install", "coop_access")
class TestMemberProtection(ProtectionCase):
    """Outputs only the engine writes; inputs only the member desk changes."""

    @users("coop_cashier", "coop_contacts", "coop_desk", "coop_manager")
    def test_outputs_refused_to_every_role(self):
        before = self._snapshot(self.candidate)
        partner = self.candidate.with_env(self.env)
        for fname, value in OUTPUTS.items():
            with self.subTest(field=fname):
                with self.assertRaises(AccessError):
                    partner.write({fname: value})
                with self.assertRaises(AccessError, msg="a context is no key"):
                    partner.with_context(coop_state_engine=True).write({fname: value})
        self.assertEqual(self._snapshot(self.candidate), before)
        self.assertFalse(self.candidate.coop_check_can_shop()["can_shop"])

    @users("coop_desk")
    def test_outputs_refused_at_creation(self):
        Partner = self.env["res.partner"]
        count = Partner.search_count([])
        with self.assertRaises(AccessError):
            Partner.create({"name": "Forgé", "coop_can_shop": True})
        with self.assertRaises(AccessError):
            Partner.with_context(default_coop_state="member").create({"name": "F"})
        self.assertEqual(Partner.search_count([]), count)
        plain = Partner.create({"name": "Nouveau", "coop_state": "not_member"})
        self.assertEqual(plain.coop_state, "not_member")

    @users("coop_cashier", "coop_contacts")
    def test_inputs_refused_outside_member_desk(self):
        inputs = {
            "coop_welcome_date": fields.Date.today(),
            "coop_household_parent_id": self.member.id,
            "coop_card_barcode": CARD,
            "coop_member_number": 999999,
        }
        before = self._snapshot(self.stranger)
        for fname, value in inputs.items():
            with self.subTest(field=fname), self.assertRaises(AccessError):
                self.stranger.with_env(self.env).write({fname: value})
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_context(
                default_coop_household_parent_id=self.member.id
            ).create({"name": "Rattaché"})
        self.assertEqual(self._snapshot(self.stranger), before)
        self.assertFalse(self.member.coop_household_ids)

    def test_desk_welcome_date_makes_a_member_at_once(self):
        """Regression: typing the welcome date on the form left a candidate
        refused at the till until something else ran the rules."""
        self.candidate.with_user(self.desk).coop_welcome_date = fields.Date.today()
        self.assertEqual(self.candidate.coop_state, "member")
        self.assertTrue(self.candidate.coop_check_can_shop()["can_shop"])

    def test_desk_attaches_a_household_member(self):
        self.stranger.with_user(self.desk).coop_household_parent_id = self.member
        self.assertEqual(self.stranger.coop_state, "household")
        self.assertTrue(self.stranger.coop_can_shop)

    @users("coop_cashier", "coop_contacts")
    def test_new_card_only_by_member_desk(self):
        card = self.member.coop_card_barcode
        member = self.member.with_env(self.env)
        with self.assertRaises(AccessError):
            member.action_coop_new_card()
        with self.assertRaises(AccessError):
            member.action_coop_print_badge()
        self.member.invalidate_recordset()
        self.assertEqual(self.member.coop_card_barcode, card)

    @users("coop_desk")
    def test_member_desk_gives_a_new_card(self):
        card = self.member.coop_card_barcode
        self.member.with_env(self.env).action_coop_new_card()
        self.assertNotEqual(self.member.coop_card_barcode, card)

    def test_non_member_refusal_has_a_reason(self):
        answer = self.stranger.coop_check_can_shop()
        self.assertFalse(answer["can_shop"])
        self.assertTrue(answer["reason"])


@tagged("at_install", "-post_install", "coop_access")
class TestWelcomeAttendanceRights(ProtectionCase):
    """Only the member desk marks a welcome session attended, once started."""

    def _registration(self, start):
        event = self.env["event.event"].create(
            {
                "name": "Réunion d'accueil",
                "coop_is_welcome_session": True,
                "date_begin": start,
                "date_end": start + timedelta(hours=2),
            }
        )
        return self.env["event.registration"].create(
            {"event_id": event.id, "partner_id": self.candidate.id}
        )

    def test_event_user_cannot_make_a_member(self):
        registration = self._registration(datetime.now() - timedelta(days=1))
        for user in (self.contacts, self.cashier):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                registration.with_user(user).write({"state": "done"})
        with self.assertRaises(AccessError):
            registration.with_user(self.contacts).action_set_done()
        self.assertNotEqual(registration.state, "done")
        self.assertEqual(self.candidate.coop_state, "candidate")
        self.assertFalse(self.candidate.coop_welcome_date)

    def test_not_attended_before_it_starts(self):
        registration = self._registration(datetime.now() + timedelta(days=2))
        with self.assertRaises(UserError):
            registration.with_user(self.desk).action_set_done()
        self.assertEqual(self.candidate.coop_state, "candidate")
        self.assertNotEqual(registration.state, "done")

    def test_member_desk_marks_a_started_session(self):
        registration = self._registration(datetime.now() - timedelta(hours=1))
        registration.with_user(self.desk).action_set_done()
        self.assertEqual(self.candidate.coop_state, "member")


@tagged("post_install", "-at_install", "coop_access")
class TestMemberProtectionRpc(HttpCase, ProtectionCase):
    """The same refusals through JSON-RPC, as a browser or script would call."""

    def _call(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    @mute_logger("odoo.http")
    def test_rpc_refusals_change_nothing(self):
        before = self._snapshot(self.candidate)
        card = self.member.coop_card_barcode
        attempts = [
            ("coop_contacts", "write", [[self.candidate.id], {"coop_can_shop": True}]),
            ("coop_desk", "write", [[self.candidate.id], {"coop_state": "member"}]),
            (
                "coop_contacts",
                "write",
                [[self.candidate.id], {"coop_welcome_date": "2026-01-01"}],
            ),
            (
                "coop_cashier",
                "write",
                [[self.candidate.id], {"coop_card_barcode": CARD}],
            ),
            ("coop_contacts", "action_coop_new_card", [[self.member.id]]),
            ("coop_cashier", "action_coop_new_card", [[self.member.id]]),
        ]
        for login, method, args in attempts:
            with (
                self.subTest(login=login, method=method),
                self.assertRaises(JsonRpcException),
            ):
                self._call(login, "res.partner", method, args)
        self.assertEqual(self._snapshot(self.candidate), before)
        self.member.invalidate_recordset()
        self.assertEqual(self.member.coop_card_barcode, card)


@tagged("at_install", "-post_install")
class TestReasonLanguage(ProtectionCase):
    """The reason a person may not shop is written in the reader's language."""

    def test_reason_follows_the_reader(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        english = self.candidate.with_context(lang="en_US")
        french = self.candidate.with_context(lang="fr_FR")
        self.assertEqual(
            english.coop_shop_block_reason,
            "Candidate: the welcome session has not been attended yet",
        )
        self.assertEqual(
            french.coop_check_can_shop()["reason"],
            "Candidat·e : la réunion d'accueil n'a pas encore été suivie",
        )
        self.assertEqual(
            self.stranger.with_context(lang="fr_FR").coop_check_can_shop()["reason"],
            "Ne fait pas partie de la coopérative",
        )

    def test_timeline_keeps_the_member_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        partner = self._create_member("Françoise", welcome=False, lang="fr_FR")
        line = partner.coop_state_change_ids.filtered(
            lambda c: c.new_state == "candidate"
        )
        self.assertEqual(
            line.reason, "Candidat·e : la réunion d'accueil n'a pas encore été suivie"
        )
