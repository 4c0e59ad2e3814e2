# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class CoopWorkingGroup(models.Model):
    """A commission of the cooperative (suppliers, solidarity, finance...)."""

    _name = "coop.working.group"
    _description = "Cooperative working group"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    email = fields.Char(help="Mailing list of the group, shown to members.")
    active = fields.Boolean(default=True)
    coordinator_ids = fields.Many2many(
        "res.partner",
        "coop_working_group_coordinator_rel",
        "group_id",
        "partner_id",
        string="Coordinators",
    )
    member_ids = fields.Many2many(
        "res.partner",
        "coop_working_group_partner_rel",
        "group_id",
        "partner_id",
        string="Members",
    )
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A working group with this name already exists."),
    ]

    @api.depends("member_ids")
    def _compute_member_count(self):
        for group in self:
            group.member_count = len(group.member_ids)
