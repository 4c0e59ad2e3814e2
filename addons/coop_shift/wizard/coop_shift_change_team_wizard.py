# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models


class CoopShiftChangeTeamWizard(models.TransientModel):
    """Desk: move standing members to another template from a date."""

    _name = "coop.shift.change.team.wizard"
    _description = "Change team"

    line_ids = fields.Many2many(
        "coop.shift.template.registration",
        "coop_shift_change_team_line_rel",
        "wizard_id",
        "line_id",
        string="Standing slots",
        default=lambda self: self.env.context.get("active_ids"),
    )
    template_id = fields.Many2one(
        "coop.shift.template", string="New template", required=True
    )
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=1),
    )

    def action_confirm(self):
        self.ensure_one()
        self.line_ids.action_change_team(self.template_id, self.date_from)
        return True
