# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon


class CoopMemberCase(BaseCommon):
    """Shared fixtures for every coop addon's tests.

    ``_create_member`` is the one way tests (of all four addons) make a member;
    it must keep its signature while the way shares are recorded evolves.
    """

    @classmethod
    def _create_member(cls, name, shares=1, welcome=True, **vals):
        partner = cls.env["res.partner"].create({"name": name, **vals})
        cls._give_shares(partner, shares)
        if welcome:
            partner.coop_welcome_date = fields.Date.today()
        partner._coop_update_state()
        return partner

    @classmethod
    def _members_only_till(cls, cashier_login):
        """A members-only point of sale and a cashier (POS user) for it."""
        config = cls.env["pos.config"].create(
            {"name": "Caisse coop", "coop_members_only": True}
        )
        cashier = new_test_user(
            cls.env,
            login=cashier_login,
            groups="base.group_user,point_of_sale.group_pos_user",
        )
        return config, cashier

    @classmethod
    def _give_shares(cls, partner, quantity):
        """Record ``quantity`` shares for ``partner`` in the share register.

        As before the register existed, the state is not re-evaluated here:
        callers (``_create_member``) call ``_coop_update_state()`` themselves.
        """
        if not quantity:
            return
        share_type = cls.env["coop.share.type"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        ) or cls.env["coop.share.type"].create({"name": "Test share", "unit_price": 10})
        cls.env["coop.share.line"].sudo().with_context(
            coop_defer_state_update=True
        ).create(
            {
                "partner_id": partner.id,
                "share_type_id": share_type.id,
                "quantity": quantity,
                "operation": "subscription",
                "origin": "test fixture",
            }
        )
