# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoopAssemblyCollege(models.Model):
    """A college of voters (e.g. consumers 50 %, workers 30 %, partners 20 %).

    Results are counted per college, then weighted by the college's weight.
    """

    _name = "coop.assembly.college"
    _description = "College of voters"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(
        string="Weight (%)", required=True, help="Share of each result (percent)."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True)
    member_count = fields.Integer(compute="_compute_member_count")

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)", "This college already exists."),
    ]

    @api.constrains("weight")
    def _check_weight(self):
        """A college weighs more than 0 % and at most 100 %."""
        for college in self:
            if not 0 < college.weight <= 100:
                raise ValidationError(
                    _("A college weighs more than 0 % and at most 100 %.")
                )

    def _compute_member_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("coop_college_id", "in", self.ids)], ["coop_college_id"], ["__count"]
            )
        )
        for college in self:
            college.member_count = counts.get(college, 0)
