# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class CoopSsaContribution(models.Model):
    """A beneficiary's contribution (cotisation) for one month.

    It is due until paid: either marked paid by the fund, or paid through the
    customer invoice it was invoiced with.
    """

    _name = "coop.ssa.contribution"
    _description = "SSA contribution"
    _order = "period desc, id desc"

    beneficiary_id = fields.Many2one(
        "coop.ssa.beneficiary", required=True, index=True, ondelete="restrict"
    )
    fund_id = fields.Many2one(related="beneficiary_id.fund_id", store=True)
    partner_id = fields.Many2one(related="beneficiary_id.partner_id", store=True)
    company_id = fields.Many2one(related="beneficiary_id.company_id", store=True)
    currency_id = fields.Many2one(related="beneficiary_id.currency_id")
    period = fields.Date(required=True, index=True)
    amount = fields.Monetary(required=True)
    invoice_id = fields.Many2one("account.move", readonly=True, copy=False)
    paid_manually = fields.Boolean(copy=False)
    payment_date = fields.Date(copy=False)
    state = fields.Selection(
        [("due", "Due"), ("paid", "Paid")],
        compute="_compute_state",
        store=True,
        index=True,
    )

    _sql_constraints = [
        (
            "period_uniq",
            "UNIQUE(beneficiary_id, period)",
            "One contribution per beneficiary and month.",
        ),
    ]

    @api.depends("paid_manually", "invoice_id.payment_state")
    def _compute_state(self):
        for contribution in self:
            paid = contribution.paid_manually or (
                contribution.invoice_id.payment_state in ("paid", "in_payment")
            )
            contribution.state = "paid" if paid else "due"

    @api.depends("beneficiary_id", "period")
    def _compute_display_name(self):
        for contribution in self:
            contribution.display_name = "%s %s" % (
                contribution.beneficiary_id.partner_id.name,
                contribution.period and contribution.period.strftime("%m/%Y"),
            )

    def action_mark_paid(self):
        self.write({"paid_manually": True, "payment_date": fields.Date.today()})

    def action_invoice(self):
        """Invoice the selected due contributions, one invoice per line."""
        todo = self.filtered(lambda c: c.state == "due" and not c.invoice_id)
        if not todo:
            raise UserError(_("Nothing to invoice."))
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": c.partner_id.id,
                    "invoice_date": c.period,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": self.env._(
                                    "SSA contribution %(period)s – %(fund)s",
                                    period=c.period.strftime("%m/%Y"),
                                    fund=c.fund_id.name,
                                ),
                                "quantity": 1,
                                "price_unit": c.amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
                for c in todo
            ]
        )
        for contribution, move in zip(todo, moves, strict=True):
            contribution.invoice_id = move
        moves.action_post()
        return True
