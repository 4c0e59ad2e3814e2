# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestStatusProperty(CoopMemberCase):
    """Whatever the order of the operations, the stored status is the one the
    rule table gives from scratch after each of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env, login="prop_desk", groups="coop_membership.group_coop_member_desk"
        )
        cls.people = cls.env["res.partner"].create(
            [{"name": name} for name in ("Alix", "Basile", "Chloé", "Dina")]
        )
        cls.share_type = cls.env["coop.share.type"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        ) or cls.env["coop.share.type"].create({"name": "Test share", "unit_price": 10})

    def _shares(self, partner, quantity, operation):
        self.env["coop.share.line"].create(
            {
                "partner_id": partner.id,
                "share_type_id": self.share_type.id,
                "quantity": quantity,
                "operation": operation,
                "origin": "property test",
            }
        )

    def _step(self, rng):
        """One random operation, as the member desk or the share register
        would do it; refused operations (constraints) change nothing."""
        person = rng.choice(self.people)
        as_desk = person.with_user(self.desk)
        operation = rng.choice(
            ["subscribe", "sell_back", "welcome", "unwelcome", "attach", "detach"]
        )
        if operation == "subscribe":
            self._shares(person, rng.randint(1, 2), "subscription")
        elif operation == "sell_back" and person.coop_share_qty > 0:
            self._shares(person, -person.coop_share_qty, "sell_back")
        elif operation == "welcome":
            as_desk.coop_welcome_date = fields.Date.today()
        elif operation == "unwelcome":
            as_desk.coop_welcome_date = False
        elif operation == "attach":
            as_desk.coop_household_parent_id = rng.choice(self.people - person)
        elif operation == "detach":
            as_desk.coop_household_parent_id = False
        return operation, person.name

    def test_random_operations_keep_the_status_right(self):
        rng = random.Random(1105)
        for step in range(60):
            try:
                with self.env.cr.savepoint():
                    done = self._step(rng)
            except (ValidationError, UserError):
                continue
            self.env.invalidate_all()
            stored = {p.id: (p.coop_state, p.coop_can_shop) for p in self.people}
            fresh = self.people._coop_evaluate_states()
            self.assertEqual(stored, fresh, f"step {step}: {done}")
