# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopPosAccessLog(models.Model):
    """Legal proof that the till sells to members only.

    One line per refusal at the till, per manager override (tied to the order
    it let through) and per paid order the server refused; lines are written
    by the server only and never edited by anyone.
    """

    _name = "coop.pos.access.log"
    _description = "Till access log (members only)"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    date = fields.Datetime(default=fields.Datetime.now, required=True, readonly=True)
    event = fields.Selection(
        [
            ("refused", "Refused"),
            ("override", "Manager override"),
            ("wrong_pin", "Wrong manager PIN"),
            ("order_refused", "Paid order refused"),
        ],
        required=True,
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner", string="Customer", readonly=True, index=True, ondelete="restrict"
    )
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Cashier",
        default=lambda self: self.env.user,
        required=True,
        readonly=True,
    )
    override_user_id = fields.Many2one(
        "res.users", string="Overridden by", readonly=True
    )
    order_ref = fields.Char(
        string="Order",
        readonly=True,
        help="The order a manager override let through.",
    )
    config_id = fields.Many2one("pos.config", string="Point of sale", readonly=True)
    session_id = fields.Many2one("pos.session", string="Session", readonly=True)
    company_id = fields.Many2one(
        "res.company",
        default=lambda self: self.env.company,
        required=True,
        readonly=True,
    )
