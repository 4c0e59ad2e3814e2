# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import fields
from odoo.tests import new_test_user
from odoo.tools.safe_eval import safe_eval

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
        share_type = cls.env["coop.share.type"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        ) or cls.env["coop.share.type"].create({"name": "Test share", "unit_price": 10})
        cls.env["coop.share.line"].sudo().create(
            {
                "partner_id": partner.id,
                "share_type_id": share_type.id,
                "quantity": quantity,
                "operation": "subscription",
                "origin": "test fixture",
            }
        )
