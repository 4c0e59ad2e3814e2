# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopShiftGridWizardSlot(models.TransientModel):
    _name = "coop.shift.grid.wizard.slot"
    _description = "Time slot of the shift grid wizard"

    wizard_id = fields.Many2one(
        "coop.shift.grid.wizard", required=True, ondelete="cascade"
    )
    start_hour = fields.Float(required=True)
    end_hour = fields.Float(required=True)
