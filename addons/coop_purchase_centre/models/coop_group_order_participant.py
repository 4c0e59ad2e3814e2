# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command

from ..tools import round_to_packages
from .coop_group_order import FLOW, FLOW_KEY, in_flow


class CoopGroupOrderParticipant(models.Model):
    """A coop taking part in a group order: its quantities, delivery, invoice."""

    _name = "coop.group.order.participant"
    _description = "Coop in a group order"
    _inherit = ["mail.thread"]
    _order = "order_id, coop_id"
    _rec_names_search = ["coop_id", "order_id"]

    order_id = fields.Many2one(
        "coop.group.order", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="order_id.currency_id")
    order_state = fields.Selection(related="order_id.state")
    coop_id = fields.Many2one(
        "res.partner",
        string="Coop",
        required=True,
        index=True,
        domain=[("is_company", "=", True)],
    )
    request_ids = fields.One2many(
        "coop.group.order.request", "participant_id", string="Quantities"
    )
    amount_requested = fields.Monetary(
        string="Asked", compute="_compute_amounts", currency_field="currency_id"
    )
    amount_final = fields.Monetary(
        string="Ordered", compute="_compute_amounts", currency_field="currency_id"
    )
    amount_allocated = fields.Monetary(
        string="Delivered", compute="_compute_amounts", currency_field="currency_id"
    )
    alone_below_minimum = fields.Boolean(
        compute="_compute_alone_below_minimum",
        help="Ordering alone, in whole packages, this coop would not reach the "
        "producer's minimum.",
    )
    pending_template_ids = fields.Many2many(
        "mail.template",
        "coop_group_order_participant_pending_template_rel",
        string="Mails to send",
        readonly=True,
        copy=False,
        help="Mails the actions queued for this coop; the notice job sends "
        "them within a minute.",
    )
    sale_order_id = fields.Many2one("sale.order", readonly=True, copy=False)
    invoice_ids = fields.Many2many(related="sale_order_id.invoice_ids")
    coop_purchase_id = fields.Many2one(
        "purchase.order",
        string="Coop's purchase order",
        readonly=True,
        copy=False,
        help="The purchase order made in the coop's own company, when the coop "
        "is a company of this database.",
    )

    _sql_constraints = [
        (
            "coop_once",
            "UNIQUE(order_id, coop_id)",
            "A coop takes part once in a group order.",
        ),
    ]

    @api.depends(
        "request_ids.amount", "request_ids.amount_final", "request_ids.amount_allocated"
    )
    def _compute_amounts(self):
        for participant in self:
            requests = participant.request_ids
            participant.amount_requested = sum(requests.mapped("amount"))
            participant.amount_final = sum(requests.mapped("amount_final"))
            participant.amount_allocated = sum(requests.mapped("amount_allocated"))

    @api.depends("request_ids.quantity", "order_id.min_order_amount")
    def _compute_alone_below_minimum(self):
        for participant in self:
            alone = sum(
                round_to_packages(req.quantity, req.product_line_id.package_size, "up")
                * req.product_line_id.producer_price
                for req in participant.request_ids
            )
            minimum = participant.order_id.min_order_amount
            participant.alone_below_minimum = bool(minimum and alone < minimum)

    @api.depends("coop_id", "order_id")
    def _compute_display_name(self):
        for participant in self:
            participant.display_name = (
                f"{participant.order_id.name} – {participant.coop_id.name}"
            )

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        if not in_flow(self.env) and any(
            p.order_id.state != "draft" for p in participants
        ):
            raise UserError(_("Coops are added while the group order is a draft."))
        return participants

    def write(self, vals):
        if not in_flow(self.env) and vals.keys() - {
            "message_follower_ids",
            "activity_ids",
        }:
            if (
                any(p.order_id.state != "draft" for p in self)
                or {
                    "pending_template_ids",
                    "sale_order_id",
                    "coop_purchase_id",
                }
                & vals.keys()
            ):
                raise UserError(
                    _("The coops of a group order change while it is a draft.")
                )
        return super().write(vals)

    def unlink(self):
        if any(p.order_id.state != "draft" for p in self):
            raise UserError(_("Coops are removed while the group order is a draft."))
        return super().unlink()

    # ------------------------------------------------------------------ helpers

    def _notify(self, template_xmlid):
        """Queue a group-order mail to each coop; the notice job sends it.

        Rendering a mail per coop is slow, so the actions only queue it (in
        their transaction: an action that is refused queues nothing) and wake
        the job up.
        """
        if not self:
            return
        template = self.env.ref(template_xmlid)
        self.with_context(**{FLOW_KEY: FLOW}).write(
            {"pending_template_ids": [Command.link(template.id)]}
        )
        self.env.ref("coop_purchase_centre.ir_cron_group_order_notices")._trigger()

    @api.model
    def _cron_send_notices(self):
        """Send the queued mails, each in its coop's language, and unqueue them."""
        # sudo: the job sends only the mails the actions queued, with their
        # own templates, to the coops of the order.
        participants = (
            self.sudo()
            .with_context(**{FLOW_KEY: FLOW})
            .search([("pending_template_ids", "!=", False)])
        )
        for participant in participants:
            for template in participant.pending_template_ids.sorted("id"):
                template.send_mail(participant.id)
            participant.pending_template_ids = [Command.clear()]

    def _deliver_and_invoice(self):
        """One sale order per coop: confirmed, delivered, invoiced."""
        for participant in self:
            requests = participant.request_ids.filtered("allocated_quantity")
            if not requests:
                continue
            sale = self.env["sale.order"].create(
                participant._sale_order_values(requests)
            )
            sale.action_confirm()
            participant._deliver(sale)
            invoices = sale._create_invoices()
            invoices.action_post()
            participant.sale_order_id = sale
            if participant._coop_company():
                participant._create_coop_purchase(requests)

    def _sale_order_values(self, requests):
        order = self.order_id
        return {
            "partner_id": self.coop_id.id,
            "company_id": order.company_id.id,
            "origin": order.name,
            "coop_group_order_id": order.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": req.product_id.id,
                        "product_uom_qty": req.allocated_quantity,
                        "price_unit": req.price_unit,
                    }
                )
                for req in requests
            ],
        }

    def _deliver(self, sale):
        for picking in sale.picking_ids.filtered(
            lambda p: p.state not in ("done", "cancel")
        ):
            for move in picking.move_ids:
                move.quantity = move.product_uom_qty
            picking.move_ids.picked = True
            picking.with_context(skip_backorder=True).button_validate()

    def _coop_company(self):
        # sudo: read which company, if any, has this coop as its partner; the
        # centre's users need not have access to that company.
        return (
            self.env["res.company"]
            .sudo()
            .search([("partner_id", "=", self.coop_id.id)], limit=1)
        )

    def _create_coop_purchase(self, requests):
        """The coop's own purchase order to the centre, in the coop's company."""
        company = self._coop_company()
        # sudo: the centre writes one purchase order in the coop's books, built
        # only from this allocation (vendor: the centre, its prices and units).
        purchase = (
            self.env["purchase.order"]
            .sudo()
            .with_company(company)
            .create(
                {
                    "partner_id": self.order_id.company_id.partner_id.id,
                    "company_id": company.id,
                    "partner_ref": self.sale_order_id.name,
                    "origin": self.order_id.name,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": req.product_id.id,
                                "product_qty": req.allocated_quantity,
                                "price_unit": req.price_unit,
                            }
                        )
                        for req in requests
                    ],
                }
            )
        )
        purchase.button_confirm()
        self.coop_purchase_id = purchase

    # ------------------------------------------------------------------ portal

    def _portal_editable(self):
        self.ensure_one()
        order = self.order_id
        return order.state == "open" and order.date_cutoff > fields.Datetime.now()

    def _portal_save_quantities(self, quantities):
        """Save a buyer's quantities (product line → units): all or nothing."""
        self.ensure_one()
        existing = {req.product_line_id: req for req in self.request_ids}
        with self.env.cr.savepoint():
            for line, quantity in quantities.items():
                request = existing.get(line)
                if request:
                    if request.quantity != quantity:
                        request.quantity = quantity
                elif quantity:
                    self.env["coop.group.order.request"].create(
                        {
                            "participant_id": self.id,
                            "product_line_id": line.id,
                            "quantity": quantity,
                        }
                    )
