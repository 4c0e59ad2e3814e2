# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopQualification(models.Model):
    """A skill a member holds (cashier, shift leader, cheese cutting...).

    Shift seats may require one (coop_shift) and a training may grant one
    (coop_training); both addons build on this model, kept here so that neither
    depends on the other.
    """

    _name = "coop.qualification"
    _description = "Member qualification"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical code, unique.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    partner_ids = fields.Many2many(
        "res.partner",
        "coop_qualification_partner_rel",
        "qualification_id",
        "partner_id",
        string="Qualified members",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A qualification code must be unique."),
    ]
