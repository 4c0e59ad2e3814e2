# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopShiftLeaveType(models.Model):
    """Kind of leave: holiday, parental, illness, age exemption, other.

    ``can_shop`` decides the member's state during the leave: ``exempted``
    (may shop) or ``holiday`` (may not).
    """

    _name = "coop.shift.leave.type"
    _description = "Leave type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    can_shop = fields.Boolean(
        string="May shop during the leave",
        help="Checked: the member is exempted and may shop. Unchecked: the member "
        "is on holiday and may not shop.",
    )
    needs_end_date = fields.Boolean(string="Needs an end date", default=True)
