# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import BaseCommon

#: The coop's roles, made as users ``coop_<role>`` by ``CoopRoleCase``.
ROLES = {
    "desk": "coop_membership.group_coop_member_desk",
    "manager": "coop_membership.group_coop_manager",
    "cashier": "base.group_user,point_of_sale.group_pos_user",
    "pos_manager": "base.group_user,point_of_sale.group_pos_manager",
    # what a trainer or any internal user made from the Users form has
    "contacts": "base.group_user,base.group_partner_manager,event.group_event_user",
    "portal": "base.group_portal",
}


class CoopMemberCase(BaseCommon):
    """Shared fixtures for every coop addon's tests.

    ``_create_member`` is the one way tests (of all four addons) make a member;
    it must keep its signature while the way shares are recorded evolves.
    Nothing here depends on demo data: shares are of the tests' own type.
    """

    @classmethod
    def _test_share_type(cls):
        """The share type the fixtures give (never the first one found, which
        may be the demo's)."""
        ShareType = cls.env["coop.share.type"]
        vals = {"name": "Test share (fixture)", "unit_price": 10, "sequence": 99}
        return ShareType.search([("name", "=", vals["name"])], limit=1) or (
            ShareType.create(vals)
        )

    @classmethod
    def _create_member(cls, name, shares=1, welcome=True, **vals):
        partner = cls.env["res.partner"].create({"name": name, **vals})
        cls._give_shares(partner, shares)
        if welcome:
            partner.coop_welcome_date = fields.Date.today()
        return partner

    @staticmethod
    def _partner_form(partner, user):
        """The contact form as ``user`` gets it (``get_views`` then
        ``web_read``, as the web client does): its arch, without the nodes of
        groups the user lacks, and the record read with the arch's fields
        (those of its sub-views excluded)."""
        partner = partner.with_user(user)
        views = partner.get_views([(False, "form")])
        arch = etree.fromstring(views["views"]["form"]["arch"])
        fields_ = arch.xpath("//field[not(ancestor::field)]/@name")
        spec = {name: {} for name in fields_}
        return arch, partner.web_read(spec)[0]

    @staticmethod
    def _form_shows(arch, values, xpath):
        """Whether the node at ``xpath`` is in the arch and not invisible."""
        nodes = arch.xpath(xpath)
        invisible = nodes and nodes[0].get("invisible")
        return bool(nodes) and not (invisible and safe_eval(invisible, values))

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
        """Record ``quantity`` shares for ``partner`` in the share register
        (an input of the rule table: the partner is re-evaluated at once)."""
        if not quantity:
            return
        share_type = cls._test_share_type()
        cls.env["coop.share.line"].sudo().create(
            {
                "partner_id": partner.id,
                "share_type_id": share_type.id,
                "quantity": quantity,
                "operation": "subscription",
                "origin": "test fixture",
            }
        )


class CoopRoleCase(CoopMemberCase):
    """The coop's roles as real users, shared by the tests that attack a rule as
    a role: ``self.desk`` or ``@users("coop_desk", "coop_cashier")`` (the test
    then runs once per login, ``self.env`` being that user's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for role, groups in ROLES.items():
            user = new_test_user(cls.env, login=f"coop_{role}", groups=groups)
            setattr(cls, role, user)
