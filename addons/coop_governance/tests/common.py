# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import Command, fields
from odoo.tests import new_test_user

from odoo.addons.coop_membership.tests.test_share_common import CoopShareCase

CUTOFF = date(2026, 3, 1)


class CoopGovernanceCase(CoopShareCase):
    """An assembly and its roles: member desk, chair, members on the portal.

    Messages are checked in English (the source language).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a cooperative of its own: the demo members do not vote here
        cls.company = cls.env["res.company"].create({"name": "Coop des tests"})
        cls.env = cls.env(
            context=dict(cls.env.context, allowed_company_ids=cls.company.ids)
        )
        cls.share_type = cls.env["coop.share.type"].create(
            {
                "name": "Part A",
                "unit_price": 10.0,
                "min_qty": 1,
                "min_qty_solidarity": 1,
                "company_id": cls.company.id,
            }
        )
        cls.big_share_type = cls.env["coop.share.type"].create(
            {
                "name": "Part B",
                "unit_price": 100.0,
                "min_qty": 1,
                "min_qty_solidarity": 1,
                "company_id": cls.company.id,
            }
        )
        cls.company.write(
            {
                "coop_assembly_proxy_max": 2,
                "coop_assembly_notice_days": 15,
                "coop_quorum_ordinary_first": 25.0,
                "coop_quorum_ordinary_second": 0.0,
            }
        )
        cls.desk = new_test_user(
            cls.env,
            login="gov_desk",
            groups="base.group_user,coop_membership.group_coop_member_desk",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.chair = new_test_user(
            cls.env,
            login="gov_chair",
            groups="base.group_user,coop_governance.group_coop_assembly_chair",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        cls.assembly = cls.env["coop.assembly"].create(
            {
                "company_id": cls.company.id,
                "name": "AG ordinaire 2026",
                "kind": "ordinary",
                "date": fields.Datetime.now() + timedelta(days=30),
                "place": "Salle des fêtes",
                "online_allowed": True,
                "cutoff_date": CUTOFF,
                "resolution_ids": [
                    Command.create({"name": "Comptes 2025", "sequence": 1}),
                    Command.create(
                        {
                            "name": "Statuts",
                            "sequence": 2,
                            "majority": "two_thirds",
                        }
                    ),
                ],
            }
        )

    @classmethod
    def _holder(cls, name, qty=1, when=date(2025, 1, 1), **vals):
        partner = cls.env["res.partner"].create(
            {"name": name, "email": f"{name.lower().replace(' ', '.')}@example.com"}
            | vals
        )
        cls._register(partner, qty, when)
        return partner

    @classmethod
    def _portal_user(cls, partner):
        user = new_test_user(
            cls.env,
            login=f"portal_{partner.id}",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )
        user.partner_id = partner  # the member logs in as themselves
        return user

    def _voter(self, partner, assembly=None):
        return (assembly or self.assembly).voter_ids.filtered(
            lambda v: v.partner_id == partner
        )
