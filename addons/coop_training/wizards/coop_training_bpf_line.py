# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopTrainingBpfLine(models.TransientModel):
    """One figure of the BPF, with the records it was computed from."""

    _name = "coop.training.bpf.line"
    _description = "BPF figure"
    _order = "sequence, id"

    wizard_id = fields.Many2one("coop.training.bpf", required=True, ondelete="cascade")
    sequence = fields.Integer()
    section = fields.Char(required=True)
    code = fields.Char()
    label = fields.Char(required=True)
    headcount = fields.Integer()
    hours = fields.Float()
    amount = fields.Float()
    res_model = fields.Char()
    res_ids = fields.Json()

    def action_drill_down(self):
        """Open the records behind the figure."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.label,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self.res_ids or [])],
            "target": "current",
        }
