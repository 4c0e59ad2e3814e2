# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import api, fields, models


class CoopPurchaseShare(models.TransientModel):
    _name = "coop.purchase.share"
    _description = "Local, contracted and organic purchases"

    date_from = fields.Date(
        required=True, default=lambda self: date(fields.Date.today().year, 1, 1)
    )
    date_to = fields.Date(required=True, default=fields.Date.today)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id
    )
    value_total = fields.Monetary(compute="_compute_figures", string="Purchases")
    value_local = fields.Monetary(compute="_compute_figures", string="Local")
    value_contracted = fields.Monetary(compute="_compute_figures", string="Contracted")
    value_organic = fields.Monetary(compute="_compute_figures", string="Organic")
    share_local = fields.Float(compute="_compute_figures", string="Local (%)")
    share_contracted = fields.Float(compute="_compute_figures", string="Contracted (%)")
    share_organic = fields.Float(compute="_compute_figures", string="Organic (%)")

    @api.depends("date_from", "date_to")
    def _compute_figures(self):
        Report = self.env["coop.purchase.report"]
        for wizard in self:
            figures = Report._figures(wizard.date_from, wizard.date_to)
            wizard.update(figures)

    def action_open_analysis(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_purchase.action_coop_purchase_report"
        )
        action["domain"] = [
            ("date", ">=", self.date_from),
            ("date", "<=", self.date_to),
        ]
        return action
