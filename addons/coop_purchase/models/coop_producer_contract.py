# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoopProducerContract(models.Model):
    _name = "coop.producer.contract"
    _description = "Producer contract"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Producer", required=True, tracking=True,
        domain=[("is_company", "=", True)],
    )  # fmt: skip
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    payment_term_id = fields.Many2one(
        "account.payment.term", string="Payment terms", tracking=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Running"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "coop.producer.contract.line", "contract_id", string="Products", copy=True
    )
    note = fields.Html(string="Terms")
    committed_amount = fields.Monetary(
        compute="_compute_amounts", string="Committed value"
    )
    ordered_amount = fields.Monetary(compute="_compute_amounts", string="Ordered value")

    _sql_constraints = [
        ("dates", "CHECK(date_end >= date_start)", "A contract ends after it starts.")
    ]

    @api.constrains("state", "line_ids", "partner_id", "date_start", "date_end")
    def _check_one_running_contract(self):
        """A product has at most one running contract with a producer at a time
        (its price would otherwise be ambiguous)."""
        for contract in self.filtered(lambda c: c.state == "active"):
            clash = self.env["coop.producer.contract.line"].search_count(
                [
                    ("contract_id", "!=", contract.id),
                    ("contract_id.state", "=", "active"),
                    ("contract_id.partner_id", "=", contract.partner_id.id),
                    ("contract_id.date_start", "<=", contract.date_end),
                    ("contract_id.date_end", ">=", contract.date_start),
                    ("product_id", "in", contract.line_ids.product_id.ids),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    _(
                        "%(producer)s already has a running contract for some of "
                        "these products over this period.",
                        producer=contract.partner_id.display_name,
                    )
                )

    @api.depends("line_ids.committed_total", "line_ids.ordered_qty")
    def _compute_amounts(self):
        for contract in self:
            contract.committed_amount = sum(
                line.committed_total * line.price_floor for line in contract.line_ids
            )
            contract.ordered_amount = sum(contract.line_ids.mapped("ordered_amount"))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "coop.producer.contract"
                )
        return super().create(vals_list)

    def action_activate(self):
        self.write({"state": "active"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_draft(self):
        self.write({"state": "draft"})
