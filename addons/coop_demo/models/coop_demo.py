# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, api, fields, models


class CoopDemo(models.AbstractModel):
    """Builds the parts of the demo coop that depend on the day it is created.

    Called once by the addon's demo data (never in production, where demo data
    is not loaded): the till, the shifts of today and the coming weeks, the team
    leader of today's shift and the members in every status.
    """

    _name = "coop.demo"
    _description = "Demo coop builder"

    @api.model
    def _coop_demo_build(self):
        company = self.env.ref("base.main_company")
        demo = self.with_company(company)
        demo._coop_demo_company(company)
        demo._coop_demo_till(company)
        shift = demo._coop_demo_shifts()
        leader = self.env.ref("coop_demo.user_team_leader").partner_id
        shift.template_id.leader_ids = [Command.link(leader.id)]
        demo._coop_demo_claim()
        demo._coop_demo_statuses()
        return True

    def _coop_demo_company(self, company):
        if "siret" in company._fields:
            company.siret = "91234567800018"

    def _coop_demo_till(self, company):
        """The shop's till: members only, groceries, French VAT on food."""
        categories = self.env["pos.category"].browse(
            self.env.ref(f"coop_demo.pos_categ_{name}").id
            for name in ("fruits", "bulk", "dairy", "grocery")
        )
        food_tax = self.env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 5.5),
                ("price_include_override", "=", "tax_included"),
            ],
            limit=1,
        ) or self.env["account.tax"].search(
            [
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount", "=", 5.5),
            ],
            limit=1,
        )
        products = self.env["product.product"].search(
            [("pos_categ_ids", "in", categories.ids)]
        )
        if food_tax:
            products.taxes_id = [Command.set(food_tax.ids)]
        till = self.env.ref("point_of_sale.pos_config_main")
        till.with_context(bypass_categories_forbidden_change=True).write(
            {
                "name": "Caisse de la coop",
                "coop_members_only": True,
                "limit_categories": True,
                "iface_available_categ_ids": [Command.set(categories.ids)],
            }
        )

    def _coop_demo_shifts(self):
        """Shifts from today over the planning horizon; returns today's first."""
        Shift = self.env["coop.shift"]
        today = fields.Date.context_today(self)
        Shift._coop_generate(date_from=today)
        shift = Shift.search([("date", "=", today)], order="date_begin", limit=1)
        if not shift:
            # a day without template (Sunday): open an extra shift like Saturday's
            template = self.env["coop.shift.template"].search([], limit=1)
            begin = fields.Datetime.to_datetime(today) + timedelta(hours=8)
            shift = Shift.create(
                {
                    "template_id": template.id,
                    "date": today,
                    "date_begin": begin,
                    "date_end": begin + timedelta(hours=3),
                    "seats_max": template.seats_max,
                }
            )
        return shift

    def _coop_demo_statuses(self):
        """Complete the members' statuses of the other addons' demo data with a
        member on leave and a member suspended (alerted five weeks ago)."""
        today = fields.Date.context_today(self)
        users = self.env.ref("coop_demo.user_team_leader") | self.env.ref(
            "coop_demo.user_portal_member"
        )
        members = self.env["res.partner"].search(
            [
                ("coop_state", "=", "up_to_date"),
                ("id", "not in", users.partner_id.ids),
                ("coop_household_ids", "=", False),
            ],
            order="id desc",
            limit=2,
        )
        if len(members) < 2:
            return
        on_leave, suspended = members
        self.env["coop.shift.leave"].create(
            {
                "partner_id": on_leave.id,
                "type_id": self.env.ref("coop_shift.leave_type_holiday").id,
                "date_start": today - timedelta(days=3),
                "date_end": today + timedelta(days=18),
                "note": "Vacances (démo)",
            }
        )
        self.env["coop.shift.counter.line"].create(
            {
                "partner_id": suspended.id,
                "date": today - timedelta(days=35),
                "points": -2,
                "reason": "Absences (démo)",
            }
        )
        # the alert started five weeks ago: its deadline is past (an input of
        # the status: the member is suspended at once)
        suspended.write(
            {
                "coop_alert_start": today - timedelta(days=35),
                "coop_alert_deadline": today - timedelta(days=7),
            }
        )

    def _coop_demo_claim(self):
        """The fund's claim of last month (the coop asks the fund to pay)."""
        fund = self.env.ref("coop_ssa.demo_fund")
        first = fields.Date.context_today(self).replace(day=1)
        date_from = (first - timedelta(days=1)).replace(day=1)
        claim = self.env["coop.ssa.claim"].create(
            {
                "fund_id": fund.id,
                "date_from": date_from,
                "date_to": first - timedelta(days=1),
            }
        )
        claim.action_collect_payments()
        return claim
