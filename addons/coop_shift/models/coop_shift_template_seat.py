# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopShiftTemplateSeat(models.Model):
    """Seats of a template for one qualification (none = any member)."""

    _name = "coop.shift.template.seat"
    _description = "Shift template seats"
    _order = "template_id, qualification_id"

    template_id = fields.Many2one(
        "coop.shift.template", required=True, index=True, ondelete="cascade"
    )
    qualification_id = fields.Many2one(
        "coop.qualification",
        help="Only members holding this qualification may take these seats. "
        "Empty: any member.",
    )
    seats = fields.Integer(required=True, default=1)

    _sql_constraints = [
        (
            "template_qualification_unique",
            "unique(template_id, qualification_id)",
            "One seat line per qualification on a template.",
        ),
        ("seats_positive", "check(seats >= 0)", "Seats cannot be negative."),
    ]
