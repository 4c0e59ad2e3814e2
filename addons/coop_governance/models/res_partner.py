# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    """The college a member votes in (cooperatives with several categories of
    members, such as SCICs)."""

    _inherit = "res.partner"

    coop_college_id = fields.Many2one(
        "coop.assembly.college",
        string="College",
        index="btree_not_null",
        ondelete="restrict",
        help="Votes of the members of a college are counted together, then "
        "weighted by the college's weight.",
    )
