# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .coop_share_subscription import check_flow_write

# Fields written by the operation's workflow only, never by a user.
FLOW_FIELDS = {"state", "approved_by_id", "refund_id", "name"}


class CoopShareOperation(models.Model):
    """A request moving existing shares: sell-back, transfer or conversion.

    draft -> submitted -> approved (by a Coop manager) or refused -> done.
    Executing an approved request writes the register lines (and, for a
    sell-back, the credit note on the capital account).
    """

    _name = "coop.share.operation"
    _description = "Share operation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(
        string="Reference", readonly=True, copy=False, default=lambda self: _("New")
    )
    operation_type = fields.Selection(
        [
            ("sell_back", "Sell-back"),
            ("transfer", "Transfer"),
            ("conversion", "Conversion"),
        ],
        required=True,
        default="sell_back",
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("done", "Done"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, index=True, tracking=True
    )
    share_type_id = fields.Many2one(
        "coop.share.type",
        required=True,
        domain="[('company_id', '=', company_id)]",
        tracking=True,
    )
    quantity = fields.Integer(required=True, default=1, tracking=True)
    receiver_id = fields.Many2one(
        "res.partner", string="Transfer to", index="btree_not_null", tracking=True
    )
    target_share_type_id = fields.Many2one(
        "coop.share.type",
        string="Convert to",
        domain="[('company_id', '=', company_id), ('id', '!=', share_type_id)]",
        tracking=True,
    )
    target_quantity = fields.Integer(
        compute="_compute_target_quantity",
        help="Shares of the target type received for the converted ones.",
    )
    amount = fields.Monetary(compute="_compute_amount")
    reason = fields.Text()
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    refund_id = fields.Many2one(
        "account.move", string="Credit note", readonly=True, copy=False
    )
    share_line_ids = fields.One2many("coop.share.line", "operation_id", readonly=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "Move at least one share."),
    ]

    @api.constrains(
        "operation_type", "receiver_id", "partner_id", "target_share_type_id"
    )
    def _check_counterpart(self):
        """A transfer names another partner; a conversion another share type."""
        for op in self:
            if op.operation_type == "transfer" and (
                not op.receiver_id or op.receiver_id == op.partner_id
            ):
                raise ValidationError(_("A transfer needs another member to receive."))
            if op.operation_type == "conversion" and (
                not op.target_share_type_id
                or op.target_share_type_id == op.share_type_id
            ):
                raise ValidationError(_("A conversion needs another share type."))

    @api.depends("quantity", "share_type_id", "target_share_type_id")
    def _compute_target_quantity(self):
        for op in self:
            target = op.target_share_type_id
            value = op.quantity * op.share_type_id.unit_price
            op.target_quantity = int(value // target.unit_price) if target else 0

    @api.depends("quantity", "share_type_id")
    def _compute_amount(self):
        for op in self:
            op.amount = op.quantity * op.share_type_id.unit_price

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._coop_check_quantity_vals(vals)
            if not self.env.su and set(vals) & (FLOW_FIELDS - {"name"}):
                raise AccessError(_("A share operation's state follows its workflow."))
            if vals.get("name", _("New")) == _("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code(
                    "coop.share.operation"
                ) or _("New")
        return super().create(vals_list)

    def write(self, vals):
        """A request is changed only while draft: once submitted, what was
        approved is what is executed. State, approver and credit note are
        written by the workflow only (running as superuser after its checks)."""
        self._coop_check_quantity_vals(vals)
        check_flow_write(
            self,
            vals,
            FLOW_FIELDS,
            _("A share operation's state follows its workflow."),
            _(
                "A submitted or approved share operation can no longer be "
                "changed: refuse it and record a new one."
            ),
        )
        return super().write(vals)

    @api.model
    def _coop_check_quantity_vals(self, vals):
        """At least one share is moved (checked before anything is written)."""
        if "quantity" in vals and (vals["quantity"] or 0) < 1:
            raise ValidationError(_("Move at least one share."))

    def _coop_flow_write(self, vals):
        """Write workflow fields, once the calling action has checked the rules."""
        # sudo: only the workflow actions call this, after their checks.
        return self.sudo().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_not_done(self):
        if any(op.state == "done" for op in self):
            raise UserError(_("A done share operation cannot be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit(self):
        self.check_access("write")
        self._coop_check_state("draft")
        self._coop_check_feasible()
        self._coop_flow_write({"state": "submitted"})

    def action_approve(self):
        """Only a Coop manager approves; the operation must still be feasible."""
        self._coop_check_manager()
        self._coop_check_state("submitted")
        self._coop_check_feasible()
        self._coop_flow_write({"state": "approved", "approved_by_id": self.env.user.id})
        self._coop_log(_("Approved by %(user)s.", user=self.env.user.name))

    def action_refuse(self):
        self._coop_check_manager()
        self._coop_check_state("submitted")
        self._coop_flow_write({"state": "refused"})
        self._coop_log(_("Refused by %(user)s.", user=self.env.user.name))

    def action_draft(self):
        self.check_access("write")
        self._coop_check_state("refused")
        self._coop_flow_write({"state": "draft", "approved_by_id": False})

    def action_execute(self):
        """Apply approved operations: register lines (+ credit note)."""
        self._coop_check_manager()
        self._coop_check_state("approved")
        for op in self:
            op._coop_check_feasible()  # again: the register may have moved
            getattr(op, f"_coop_execute_{op.operation_type}")()
        self._coop_flow_write({"state": "done"})
        self._coop_log(_("Executed: the share register was updated."))

    def _coop_log(self, body):
        for op in self:
            op.message_post(body=body)

    def _coop_check_state(self, state):
        if any(op.state != state for op in self):
            raise UserError(
                _("This action needs operations in the state %(state)s.", state=state)
            )

    def _coop_check_manager(self):
        if not self.env.user.has_group("coop_membership.group_coop_manager"):
            raise AccessError(_("Only a Coop manager approves share operations."))

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _coop_check_feasible(self):
        """The member holds the shares; sell-back delay; minimum kept;
        conversion value kept."""
        Line = self.env["coop.share.line"].sudo()  # reading the register to check
        for op in self:
            held = Line._coop_holdings(op.partner_id, share_type=op.share_type_id)
            held = held[op.partner_id.id, op.share_type_id.id]
            if op.quantity > held:
                raise ValidationError(
                    _(
                        "%(partner)s holds %(held)s shares of %(type)s, fewer than "
                        "%(qty)s.",
                        partner=op.partner_id.display_name,
                        held=held,
                        type=op.share_type_id.name,
                        qty=op.quantity,
                    )
                )
            if op.operation_type == "sell_back":
                op._coop_check_sell_back_delay()
            if op.operation_type == "conversion":
                op._coop_check_conversion_value()
            else:
                op._coop_check_minimum_kept(held)

    def _coop_check_minimum_kept(self, held):
        """After a sell-back or a transfer, the member keeps no share or at least
        the minimum of their rate; a transfer's receiver reaches that minimum."""
        self.ensure_one()
        share_type = self.share_type_id
        remaining = held - self.quantity
        checks = [(self.partner_id, remaining)]
        if self.operation_type == "transfer":
            received = (
                self.env["coop.share.line"]
                .sudo()
                ._coop_holdings(self.receiver_id, share_type=share_type)[
                    self.receiver_id.id, share_type.id
                ]
            )
            checks.append((self.receiver_id, received + self.quantity))
        for partner, quantity in checks:
            minimum = share_type._coop_min_qty(self._coop_is_solidarity(partner))
            if 0 < quantity < minimum:
                raise ValidationError(
                    _(
                        "%(partner)s would hold %(qty)s shares of %(type)s: either "
                        "none or at least %(min)s.",
                        partner=partner.display_name,
                        qty=quantity,
                        type=share_type.name,
                        min=minimum,
                    )
                )

    def _coop_is_solidarity(self, partner):
        """A partner is at the solidarity rate when a subscription of theirs is."""
        return bool(
            self.env["coop.share.subscription"]
            .sudo()  # reading the rate only
            .search_count(
                [
                    ("partner_id", "=", partner.id),
                    ("share_type_id", "=", self.share_type_id.id),
                    ("solidarity", "=", True),
                    ("state", "!=", "cancel"),
                ],
                limit=1,
            )
        )

    def _coop_check_sell_back_delay(self):
        """Only shares held for the company's sell-back delay may be sold back.

        The member may sell back at most what they held on (date - delay).
        """
        self.ensure_one()
        months = self.company_id.coop_sell_back_delay_months
        limit_date = self.date - relativedelta(months=months)
        held = (
            self.env["coop.share.line"]
            .sudo()
            ._coop_holdings(
                self.partner_id, date=limit_date, share_type=self.share_type_id
            )[self.partner_id.id, self.share_type_id.id]
        )
        if self.quantity > held:
            raise ValidationError(
                _(
                    "Shares can be sold back only %(months)s months after their "
                    "subscription: %(partner)s held %(held)s shares on %(date)s.",
                    months=months,
                    partner=self.partner_id.display_name,
                    held=held,
                    date=limit_date,
                )
            )

    def _coop_check_conversion_value(self):
        """A conversion keeps the capital: the value is a whole number of targets."""
        self.ensure_one()
        value = self.currency_id.round(self.amount)
        target_value = self.target_quantity * self.target_share_type_id.unit_price
        if not self.target_quantity or self.currency_id.compare_amounts(
            value, target_value
        ):
            raise ValidationError(
                _(
                    "%(qty)s shares of %(type)s (%(value)s) do not make a whole "
                    "number of %(target)s shares.",
                    qty=self.quantity,
                    type=self.share_type_id.name,
                    value=value,
                    target=self.target_share_type_id.name,
                )
            )

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------
    def _coop_line(self, partner, share_type, quantity, operation):
        return {
            "partner_id": partner.id,
            "share_type_id": share_type.id,
            "quantity": quantity,
            "date": self.date,
            "operation": operation,
            "operation_id": self.id,
            "origin": self.name,
        }

    def _coop_register(self, vals_list):
        # sudo: approved operations are the only writers of these lines.
        self.env["coop.share.line"].sudo().create(vals_list)

    def _coop_execute_sell_back(self):
        """Credit note on the capital account, then shares leave the register."""
        self._coop_register(
            [
                self._coop_line(
                    self.partner_id, self.share_type_id, -self.quantity, "sell_back"
                )
            ]
        )
        # sudo: Coop managers need not be accountants; values come from the
        # approved operation.
        refund = self.env["account.move"].sudo().create(self._coop_refund_vals())
        refund.action_post()
        self._coop_flow_write({"refund_id": refund.id})

    def _coop_refund_vals(self):
        share_type = self.share_type_id
        line = {
            "product_id": share_type.product_id.id,
            "name": _(
                "Sell-back of %(qty)s × %(type)s",
                qty=self.quantity,
                type=share_type.name,
            ),
            "quantity": self.quantity,
            "price_unit": share_type.unit_price,
            "account_id": share_type._coop_capital_account().id,
            "tax_ids": [Command.clear()],
        }
        return {
            "move_type": "out_refund",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "journal_id": self.company_id._coop_capital_journal().id,
            "invoice_date": self.date,
            "invoice_origin": self.name,
            "invoice_line_ids": [Command.create(line)],
        }

    def _coop_execute_transfer(self):
        self._coop_register(
            [
                self._coop_line(
                    self.partner_id, self.share_type_id, -self.quantity, "transfer_out"
                ),
                self._coop_line(
                    self.receiver_id, self.share_type_id, self.quantity, "transfer_in"
                ),
            ]
        )

    def _coop_execute_conversion(self):
        self._coop_register(
            [
                self._coop_line(
                    self.partner_id, self.share_type_id, -self.quantity, "conversion"
                ),
                self._coop_line(
                    self.partner_id,
                    self.target_share_type_id,
                    self.target_quantity,
                    "conversion",
                ),
            ]
        )
