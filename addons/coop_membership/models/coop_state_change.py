# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopStateChange(models.Model):
    """One line of a member's status timeline, written by the state engine."""

    _name = "coop.state.change"
    _description = "Member status change"
    _order = "date desc, id desc"
    _log_access = False

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    old_state = fields.Selection(selection="_selection_states", readonly=True)
    new_state = fields.Selection(
        selection="_selection_states", required=True, readonly=True
    )
    can_shop = fields.Boolean(readonly=True)
    reason = fields.Char(readonly=True)

    def _selection_states(self):
        return (
            self.env["res.partner"]
            ._fields["coop_state"]
            ._description_selection(self.env)
        )
