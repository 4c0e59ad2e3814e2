# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

# Fields written by the subscription's own flow (confirm, cancel), never by a user.
FLOW_FIELDS = {"invoice_id", "refund_id", "cancelled", "name"}


def check_flow_write(records, vals, flow_fields, flow_error, locked_error):
    """Refuse, before anything is written, what only a document's own flow may
    write: its flow fields always, and any field but its chatter and activities
    once it left draft. The flows write as superuser, after their own checks."""
    if records.env.su:
        return
    if set(vals) & flow_fields:
        raise AccessError(flow_error)
    business = [
        name
        for name in vals
        if not name.startswith(("message_", "activity_", "website_message"))
    ]
    if business and any(record.state != "draft" for record in records):
        raise UserError(locked_error)


class CoopShareSubscription(models.Model):
    """A member's subscription of shares, invoiced on the capital journal.

    draft -> confirmed (invoice posted, shares in the register) -> paid (invoice
    fully paid); cancel reverses the invoice and the register line.
    """

    _name = "coop.share.subscription"
    _description = "Share subscription"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default=lambda self: _("New")
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, tracking=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    share_type_id = fields.Many2one(
        "coop.share.type",
        required=True,
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        default=lambda self: self._default_share_type(),
    )
    quantity = fields.Integer(required=True, default=1, tracking=True)
    solidarity = fields.Boolean(
        string="Solidarity rate",
        tracking=True,
        help="Low-income member: the reduced minimum number of shares applies.",
    )
    unit_price = fields.Monetary(related="share_type_id.unit_price")
    amount_total = fields.Monetary(compute="_compute_amount_total", store=True)
    date = fields.Date(
        required=True, default=fields.Date.context_today, tracking=True, copy=False
    )
    payment_plan = fields.Selection(
        [("single", "One payment"), ("installments", "Installments")],
        required=True,
        default="single",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Installments",
        help="Payment terms splitting the amount (e.g. 10 monthly payments).",
    )
    invoice_id = fields.Many2one("account.move", readonly=True, copy=False)
    refund_id = fields.Many2one(
        "account.move", string="Cancellation credit note", readonly=True, copy=False
    )
    cancelled = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("paid", "Paid"),
            ("cancel", "Cancelled"),
        ],
        compute="_compute_state",
        store=True,
        tracking=True,
        index=True,
    )
    amount_paid = fields.Monetary(
        string="Paid up", compute="_compute_amounts_paid", store=True
    )
    amount_due = fields.Monetary(
        string="Not yet paid", compute="_compute_amounts_paid", store=True
    )
    share_line_ids = fields.One2many(
        "coop.share.line", "subscription_id", string="Register lines"
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "Subscribe at least one share."),
    ]

    def _default_share_type(self):
        return self.env["coop.share.type"].search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    @api.constrains("quantity", "solidarity", "share_type_id")
    def _check_minimum(self):
        """A subscription reaches the share type's minimum for its rate."""
        for sub in self.filtered(lambda s: s.share_type_id):
            minimum = sub.share_type_id._coop_min_qty(sub.solidarity)
            if sub.quantity < minimum:
                raise ValidationError(
                    _(
                        "%(type)s: at least %(min)s shares are required at this rate "
                        "(%(qty)s subscribed).",
                        type=sub.share_type_id.name,
                        min=minimum,
                        qty=sub.quantity,
                    )
                )

    @api.constrains("payment_plan", "payment_term_id")
    def _check_payment_plan(self):
        """Installments need payment terms."""
        for sub in self:
            if sub.payment_plan == "installments" and not sub.payment_term_id:
                raise ValidationError(
                    _("Choose the payment terms of the installments.")
                )

    @api.depends("quantity", "share_type_id.unit_price")
    def _compute_amount_total(self):
        for sub in self:
            sub.amount_total = sub.quantity * sub.share_type_id.unit_price

    @api.depends("cancelled", "invoice_id", "invoice_id.payment_state")
    def _compute_state(self):
        """State follows the documents: invoice posted, invoice paid, cancelled."""
        for sub in self:
            if sub.cancelled:
                sub.state = "cancel"
            elif not sub.invoice_id:
                sub.state = "draft"
            elif sub.invoice_id.payment_state in ("paid", "in_payment"):
                sub.state = "paid"
            else:
                sub.state = "confirmed"

    @api.depends(
        "amount_total",
        "invoice_id.amount_total",
        "invoice_id.amount_residual",
        "cancelled",
    )
    def _compute_amounts_paid(self):
        """Paid-up and not-yet-paid amounts, from the invoice's payments.

        A draft has nothing paid yet and its whole amount still to pay.
        """
        for sub in self:
            invoice = sub.invoice_id
            if not invoice or sub.cancelled:
                sub.amount_paid = 0.0
                sub.amount_due = 0.0 if sub.cancelled else sub.amount_total
                continue
            if invoice.payment_state in ("paid", "in_payment"):
                sub.amount_due = 0.0
            else:
                sub.amount_due = invoice.amount_residual
            sub.amount_paid = invoice.amount_total - sub.amount_due

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coop_check_quantity_vals(vals)
            if not self.env.su and set(vals) & (FLOW_FIELDS - {"name"}):
                raise AccessError(
                    _("A subscription's invoice and cancellation come from its flow.")
                )
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "coop.share.subscription"
                ) or _("New")
        return super().create(vals_list)

    def write(self, vals):
        """A subscription is changed only while draft; afterwards its invoice,
        credit note and register lines are the record and only its own flow
        (confirm, cancel, running as superuser) writes them."""
        self._coop_check_quantity_vals(vals)
        check_flow_write(
            self,
            vals,
            FLOW_FIELDS,
            _("A subscription's invoice and cancellation come from its flow."),
            _(
                "A confirmed subscription can no longer be changed: cancel it or "
                "record a share operation."
            ),
        )
        return super().write(vals)

    @api.model
    def _coop_check_quantity_vals(self, vals):
        """At least one share is subscribed (checked before anything is written)."""
        if "quantity" in vals and (vals["quantity"] or 0) < 1:
            raise ValidationError(_("Subscribe at least one share."))

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(sub.state != "draft" for sub in self):
            raise UserError(_("Only draft subscriptions can be deleted."))

    def action_confirm(self):
        """Invoice the shares on the capital journal and enter them in the register."""
        self.check_access("write")
        for sub in self:
            if sub.state != "draft":
                raise UserError(_("Only draft subscriptions can be confirmed."))
        # sudo: member-desk users confirm subscriptions without accounting rights;
        # the invoice is built only from the checked subscription values.
        invoices = (
            self.env["account.move"]
            .sudo()
            .create([sub._coop_invoice_vals() for sub in self])
        )
        invoices.action_post()
        for sub, invoice in zip(self, invoices, strict=True):
            # sudo: the flow's own field, written once the checks above passed.
            sub.sudo().invoice_id = invoice.id
        self._coop_record_shares("subscription", 1)
        return True

    def action_cancel(self):
        """Cancel an unpaid subscription: credit note and a reversing register line."""
        self.check_access("write")
        for sub in self:
            if sub.state == "cancel":
                continue
            if sub.amount_paid:
                raise UserError(
                    _(
                        "%(name)s is partly paid: sell the shares back instead.",
                        name=sub.name,
                    )
                )
        to_reverse = self.filtered(lambda s: s.state == "confirmed")
        for sub in to_reverse:
            # sudo: same reason as in action_confirm, reverses our own invoice.
            sub.sudo().refund_id = sub.invoice_id.sudo()._reverse_moves(
                [{"ref": _("Cancellation of %(name)s", name=sub.name)}], cancel=True
            )
        # sudo: the flow's own field, after the checks above.
        self.filtered(lambda s: s.state != "cancel").sudo().cancelled = True
        to_reverse._coop_record_shares("cancellation", -1)
        return True

    def action_view_invoice(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.invoice_id.id,
            "view_mode": "form",
        }

    def action_register_payment(self):
        """Open the payment wizard of the invoice (accounting users); once the
        payment is registered the user is back on the subscription."""
        self.ensure_one()
        action = self.invoice_id.action_register_payment()
        action["context"] = dict(
            action.get("context", {}), dont_redirect_to_payments=True
        )
        return action

    def _coop_register_payment(self, amount=None, date=None):
        """Register a payment of ``amount`` (default: what is due) on the invoice.

        Used by demo data and scripts recording payments received elsewhere.
        """
        for sub in self.filtered(lambda s: s.state == "confirmed"):
            # sudo: accounting document of this subscription, amount checked by
            # the payment wizard against the residual.
            wizard = (
                self.env["account.payment.register"]
                .sudo()
                .with_context(
                    active_model="account.move", active_ids=sub.invoice_id.ids
                )
                .create(
                    {
                        "amount": amount or sub.amount_due,
                        "payment_date": date or fields.Date.context_today(self),
                    }
                )
            )
            wizard._create_payments()
        return True

    def _coop_invoice_vals(self):
        self.ensure_one()
        share_type = self.share_type_id
        company = self.company_id
        return {
            "move_type": "out_invoice",
            "partner_id": self.partner_id.id,
            "company_id": company.id,
            "journal_id": company._coop_capital_journal().id,
            "invoice_date": self.date,
            "invoice_origin": self.name,
            "invoice_payment_term_id": self.payment_plan == "installments"
            and self.payment_term_id.id,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": share_type.product_id.id,
                        "name": _(
                            "%(qty)s × %(type)s (%(name)s)",
                            qty=self.quantity,
                            type=share_type.name,
                            name=self.name,
                        ),
                        "quantity": self.quantity,
                        "price_unit": share_type.unit_price,
                        "account_id": share_type._coop_capital_account().id,
                        "tax_ids": [Command.clear()],
                    }
                )
            ],
        }

    def _coop_record_shares(self, operation, sign):
        """Write the subscriptions' movements in the share register."""
        # sudo: the register is written only by business documents (this one was
        # checked above); users never write register lines directly.
        self.env["coop.share.line"].sudo().create(
            [
                {
                    "partner_id": sub.partner_id.id,
                    "share_type_id": sub.share_type_id.id,
                    "quantity": sign * sub.quantity,
                    "date": fields.Date.context_today(self) if sign < 0 else sub.date,
                    "operation": operation,
                    "subscription_id": sub.id,
                    "origin": sub.name,
                }
                for sub in self
            ]
        )
