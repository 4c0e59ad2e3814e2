# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models

PERIOD_DAYS = {"week": 7, "month": 365.25 / 12}


class CoopProducerContractLine(models.Model):
    _name = "coop.producer.contract.line"
    _description = "Producer contract product"

    contract_id = fields.Many2one(
        "coop.producer.contract", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    product_id = fields.Many2one(
        "product.product", string="Product", required=True, index=True,
        domain=[("purchase_ok", "=", True)],
    )  # fmt: skip
    product_uom_id = fields.Many2one(
        "uom.uom",
        string="Unit",
        required=True,
        compute="_compute_product_uom_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    committed_qty = fields.Float(
        string="Committed quantity", digits="Product Unit of Measure"
    )
    commitment_period = fields.Selection(
        [
            ("week", "per week"),
            ("month", "per month"),
            ("contract", "over the contract"),
        ],
        string="Per",
        default="week",
        required=True,
    )
    committed_total = fields.Float(
        compute="_compute_committed_total",
        string="Committed in all",
        digits="Product Unit of Measure",
    )
    price_floor = fields.Float(
        string="Guaranteed price",
        digits="Product Price",
        help="The coop pays at least this price per unit, whatever the market.",
    )
    ordered_qty = fields.Float(
        compute="_compute_purchased", string="Ordered", digits="Product Unit of Measure"
    )
    received_qty = fields.Float(
        compute="_compute_purchased",
        string="Received",
        digits="Product Unit of Measure",
    )
    ordered_amount = fields.Monetary(
        compute="_compute_purchased", string="Ordered value"
    )

    @api.depends("product_id")
    def _compute_product_uom_id(self):
        for line in self:
            line.product_uom_id = line.product_id.uom_po_id

    @api.depends(
        "committed_qty",
        "commitment_period",
        "contract_id.date_start",
        "contract_id.date_end",
    )
    def _compute_committed_total(self):
        """Committed over the contract: the quantity per week or month times the
        number of weeks or months the contract lasts (a part counts whole)."""
        for line in self:
            contract = line.contract_id
            days = PERIOD_DAYS.get(line.commitment_period)
            if not days or not (contract.date_start and contract.date_end):
                line.committed_total = line.committed_qty
                continue
            length = (contract.date_end - contract.date_start).days + 1
            line.committed_total = line.committed_qty * math.ceil(length / days - 1e-9)

    def _compute_purchased(self):
        """Ordered and received over the contract's period, from the confirmed
        purchase order lines of its producer (one grouped query)."""
        contracts = self.contract_id
        if not contracts:
            self.update({"ordered_qty": 0, "received_qty": 0, "ordered_amount": 0})
            return
        groups = self.env["purchase.order.line"]._read_group(
            [
                ("state", "in", ("purchase", "done")),
                ("product_id", "in", self.product_id.ids),
                ("partner_id", "in", contracts.partner_id.ids),
                ("order_id.date_order", ">=", min(contracts.mapped("date_start"))),
            ],
            ["partner_id", "product_id", "product_uom", "order_id"],
            ["product_qty:sum", "qty_received:sum", "price_subtotal:sum"],
        )
        for line in self:
            ordered = received = amount = 0.0
            contract = line.contract_id
            for partner, product, uom, order, qty, rec, subtotal in groups:
                if (
                    partner == contract.partner_id
                    and product == line.product_id
                    and contract.date_start
                    <= order.date_order.date()
                    <= contract.date_end
                ):
                    ordered += uom._compute_quantity(qty, line.product_uom_id)
                    received += uom._compute_quantity(rec, line.product_uom_id)
                    amount += subtotal
            line.ordered_qty, line.received_qty, line.ordered_amount = (
                ordered,
                received,
                amount,
            )

    @api.model
    def _active_for(self, po_lines):
        """{(producer id, product id): contract line} running at the orders' dates."""
        if not po_lines.product_id:
            return {}
        lines = self.search(
            [
                ("contract_id.state", "=", "active"),
                ("product_id", "in", po_lines.product_id.ids),
                (
                    "contract_id.partner_id",
                    "in",
                    po_lines.partner_id.commercial_partner_id.ids,
                ),
            ]
        )
        dates = {
            (line.order_id.date_order or fields.Datetime.now()).date()
            for line in po_lines
        }
        today = min(dates) if dates else fields.Date.today()
        return {
            (cl.contract_id.partner_id.id, cl.product_id.id): cl
            for cl in lines
            if cl.contract_id.date_start <= today <= cl.contract_id.date_end
        }
