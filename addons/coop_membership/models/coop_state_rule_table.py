# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopStateRuleTable(models.TransientModel):
    """The membership rule table as staff read it: printed from the rows the
    engine evaluates (``res.partner._coop_rule_table``), never written twice."""

    _name = "coop.state.rule.table"
    _description = "Membership rule table"

    table_html = fields.Html(
        string="Rule table", compute="_compute_table_html", sanitize=False
    )

    def _compute_table_html(self):
        rows = self.env["res.partner"]._coop_rule_table()
        html = self.env["ir.qweb"]._render(
            "coop_membership.coop_state_rule_table_body", {"rows": rows}
        )
        for table in self:
            table.table_html = html
