# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class CoopSsaClaim(models.Model):
    """The shop's claim on a fund for the SSA payments of a period.

    Posting it books a receivable on the fund against the clearing account;
    the claim is paid when that receivable is reconciled with the fund's payment.
    """

    _name = "coop.ssa.claim"
    _description = "SSA claim"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_to desc, id desc"

    name = fields.Char(required=True, default="/", copy=False, readonly=True)
    fund_id = fields.Many2one("coop.ssa.fund", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(required=True)
    date_to = fields.Date(required=True)
    payment_ids = fields.One2many("pos.payment", "ssa_claim_id", string="SSA payments")
    payment_count = fields.Integer(compute="_compute_amount_total", store=True)
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    move_id = fields.Many2one("account.move", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("posted", "Claimed"), ("paid", "Paid")],
        compute="_compute_state",
        store=True,
        tracking=True,
    )

    @api.depends("payment_ids.amount")
    def _compute_amount_total(self):
        for claim in self:
            claim.amount_total = sum(claim.payment_ids.mapped("amount"))
            claim.payment_count = len(claim.payment_ids)

    @api.depends("move_id.state", "move_id.line_ids.amount_residual")
    def _compute_state(self):
        for claim in self:
            receivable = claim._receivable_line()
            if not claim.move_id or claim.move_id.state != "posted":
                claim.state = "draft"
            elif receivable and receivable.reconciled:
                claim.state = "paid"
            else:
                claim.state = "posted"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("coop.ssa.claim")
        return super().create(vals_list)

    def _receivable_line(self):
        self.ensure_one()
        return self.move_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )

    def action_collect_payments(self):
        """Attach the fund's SSA till payments of the period not yet claimed."""
        for claim in self:
            if claim.state != "draft":
                raise UserError(_("Only draft claims can collect payments."))
            claim.payment_ids.ssa_claim_id = False
            payments = self.env["pos.payment"].search(
                [
                    ("payment_method_id.ssa_fund_id", "=", claim.fund_id.id),
                    ("ssa_claim_id", "=", False),
                    ("company_id", "=", claim.company_id.id),
                    ("pos_order_id.state", "in", ("paid", "done", "invoiced")),
                    ("payment_date", ">=", claim.date_from),
                    ("payment_date", "<", fields.Date.add(claim.date_to, days=1)),
                ]
            )
            payments.ssa_claim_id = claim
        return True

    def action_post(self):
        """Book the claim: debit the fund (receivable), credit the clearing account."""
        for claim in self:
            fund = claim.fund_id
            if not (fund.journal_id and fund.clearing_account_id):
                raise UserError(
                    _("Set the claim journal and clearing account of the fund.")
                )
            if not claim.payment_ids:
                raise UserError(_("This claim has no payment."))
            partner = fund.partner_id.commercial_partner_id
            label = _("SSA claim %(name)s", name=claim.name)
            move = self.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": fund.journal_id.id,
                    "date": claim.date_to,
                    "ref": label,
                    "line_ids": [
                        Command.create(
                            {
                                "name": label,
                                "partner_id": partner.id,
                                "account_id": partner.property_account_receivable_id.id,
                                "debit": claim.amount_total,
                            }
                        ),
                        Command.create(
                            {
                                "name": label,
                                "partner_id": partner.id,
                                "account_id": fund.clearing_account_id.id,
                                "credit": claim.amount_total,
                            }
                        ),
                    ],
                }
            )
            move.action_post()
            claim.move_id = move
        return True

    def action_register_payment(self):
        """Open the payment wizard on the claim's receivable (the fund pays)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Register the fund's payment"),
            "res_model": "account.payment.register",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "account.move.line",
                "active_ids": self._receivable_line().ids,
            },
        }

    def action_print(self):
        return self.env.ref("coop_ssa.action_report_coop_ssa_claim").report_action(self)
