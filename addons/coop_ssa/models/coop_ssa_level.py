# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopSsaLevel(models.Model):
    """A coverage level: the share of a product's price the allowance may pay."""

    _name = "coop.ssa.level"
    _description = "SSA coverage level"
    _order = "sequence, rate desc, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    rate = fields.Float(
        string="Coverage (%)",
        required=True,
        help="Share of the line total the allowance may pay (100 = the whole price).",
    )
    symbol = fields.Char(help="Shown on shelf labels, e.g. three hearts.")
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        (
            "rate_range",
            "CHECK(rate > 0 AND rate <= 100)",
            "A coverage level is a percentage between 0 (excluded) and 100.",
        ),
    ]
