# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The trigger matrix of coop_membership's inputs: every input the rule table
declares, changed as the role that may (the stored status is then the one a
from-scratch evaluation gives, with no call to the engine) and refused to the
roles that may not (nothing changed)."""

from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .test_member_protection import ProtectionCase
from .test_share_common import CoopShareCase


class StateInputCase(CoopShareCase, ProtectionCase):
    """The protection tests' roles and people (desk, cashier, contacts user;
    candidate, member, stranger) with the share types."""

    def assertStatusFresh(self, partners):
        """The stored status of ``partners`` is what the rule table gives when
        evaluated now, from scratch."""
        self.env.invalidate_all()
        stored = {p.id: (p.coop_state, p.coop_can_shop) for p in partners}
        self.assertEqual(stored, partners._coop_evaluate_states())

    def _status(self, partner):
        partner.invalidate_recordset()
        return partner.read(["coop_state", "coop_can_shop", "coop_welcome_date"])[0]


class TestStateInputs(StateInputCase):
    def test_every_input_is_a_real_field(self):
        """Each declared input names fields that exist and a path that
        reaches partners."""
        for spec in self.env["res.partner"]._coop_state_inputs():
            model = self.env[spec.model]
            for fname in (*spec.fields, spec.partner_path):
                with self.subTest(model=spec.model, field=fname):
                    self.assertIn(fname, model._fields)
            if spec.partner_path != "id":
                field = model._fields[spec.partner_path]
                self.assertEqual(field.comodel_name, "res.partner")

    def test_welcome_date_typed_on_the_form_by_the_desk(self):
        """Regression (issue 11): the member desk types the welcome date on
        the member form: the candidate is a member at once."""
        with Form(self.candidate.with_user(self.desk)) as form:
            form.coop_welcome_date = fields.Date.today()
        self.assertEqual(self.candidate.coop_state, "member")
        self.assertTrue(self.candidate.coop_check_can_shop()["can_shop"])
        self.assertStatusFresh(self.candidate)
        self.candidate.with_user(self.desk).coop_welcome_date = False
        self.assertEqual(self.candidate.coop_state, "candidate")
        self.assertStatusFresh(self.candidate)

    def test_welcome_date_refused_to_other_roles(self):
        before = self._status(self.candidate)
        for user in (self.cashier, self.contacts):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.candidate.with_user(user).write(
                    {"coop_welcome_date": fields.Date.today()}
                )
        self.assertEqual(self._status(self.candidate), before)

    def test_household_link_by_the_desk(self):
        self.stranger.with_user(self.desk).coop_household_parent_id = self.member
        self.assertEqual(self.stranger.coop_state, "household")
        self.assertStatusFresh(self.stranger | self.member)
        self.stranger.with_user(self.desk).coop_household_parent_id = False
        self.assertEqual(self.stranger.coop_state, "not_member")
        self.assertStatusFresh(self.stranger)

    def test_household_link_at_creation_by_the_desk(self):
        child = (
            self.env["res.partner"]
            .with_user(self.desk)
            .create({"name": "Rattachée", "coop_household_parent_id": self.member.id})
        )
        self.assertEqual(child.coop_state, "household")
        self.assertStatusFresh(child)

    def test_household_link_refused_to_other_roles(self):
        before = self._status(self.stranger)
        for user in (self.cashier, self.contacts):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.stranger.with_user(user).coop_household_parent_id = self.member
        self.assertEqual(self._status(self.stranger), before)

    def test_share_lines_by_the_flows(self):
        """Share lines are written by the subscription flow (desk): confirming
        makes a candidate, cancelling makes them a stranger again; the lines
        are never created by hand, even by the desk."""
        subscription = self._subscription(self.stranger, quantity=10)
        subscription.with_user(self.desk).action_confirm()
        self.assertEqual(self.stranger.coop_state, "candidate")
        self.assertStatusFresh(self.stranger)
        subscription.with_user(self.desk).action_cancel()
        self.assertEqual(self.stranger.coop_state, "not_member")
        self.assertStatusFresh(self.stranger)
        count = self.env["coop.share.line"].search_count([])
        with self.assertRaises(AccessError):
            self.env["coop.share.line"].with_user(self.desk).create(
                {
                    "partner_id": self.stranger.id,
                    "share_type_id": self.share_type.id,
                    "quantity": 5,
                    "operation": "subscription",
                }
            )
        self.assertEqual(self.env["coop.share.line"].search_count([]), count)
        self.assertEqual(self.stranger.coop_state, "not_member")

    def test_sell_back_makes_a_former_member(self):
        self._shares_line(self.member, -self.member.coop_share_qty)
        self.assertEqual(self.member.coop_state, "former")
        self.assertStatusFresh(self.member)

    def test_one_operation_runs_the_engine_once(self):
        """A flow that changes several inputs in one operation (a partner
        created with its welcome date and household link) re-evaluates once."""
        Partner = self.env["res.partner"].with_user(self.desk)
        engine = type(Partner)
        runs = []
        run = engine._coop_update_state

        def counted(partners):
            runs.append(partners.ids)
            return run(partners)

        with (
            patch.object(engine, "_coop_update_state", counted),
            Partner._coop_state_batch(),
        ):
            people = Partner.create(
                [
                    {
                        "name": f"P{i}",
                        "coop_welcome_date": fields.Date.today(),
                        "coop_household_parent_id": self.member.id if i else False,
                    }
                    for i in range(2)
                ]
            )
            people.write({"coop_welcome_date": False})
        self.assertEqual([sorted(ids) for ids in runs], [sorted(people.ids)])
        self.assertEqual(people.mapped("coop_state"), ["not_member", "household"])
        self.assertStatusFresh(people)

    def _shares_line(self, partner, quantity):
        # sudo: the register is written by the flows only (here the share
        # operation's execution)
        self.env["coop.share.line"].sudo().create(
            {
                "partner_id": partner.id,
                "share_type_id": self.share_type.id,
                "quantity": quantity,
                "operation": "sell_back",
            }
        )


@tagged("post_install", "-at_install")
class TestStateInputsRpc(HttpCase, StateInputCase):
    """The web client's own requests (``web_save`` from the form)."""

    def _web_save(self, login, partner, vals):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "res.partner",
                "method": "web_save",
                "args": [[partner.id], vals],
                "kwargs": {"specification": {"coop_state": {}}},
            },
        )

    def test_desk_saves_the_welcome_date(self):
        result = self._web_save(
            "coop_desk", self.candidate, {"coop_welcome_date": str(fields.Date.today())}
        )
        self.assertEqual(result[0]["coop_state"], "member")
        self.assertStatusFresh(self.candidate)

    @mute_logger("odoo.http")
    def test_contacts_user_cannot_save_the_welcome_date(self):
        before = self._status(self.candidate)
        with self.assertRaises(JsonRpcException):
            self._web_save(
                "coop_contacts",
                self.candidate,
                {"coop_welcome_date": str(fields.Date.today())},
            )
        self.assertEqual(self._status(self.candidate), before)
