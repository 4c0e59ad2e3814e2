# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from collections import defaultdict
from datetime import datetime, time, timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

POS_SOLD_STATES = ("paid", "done", "invoiced")
OPEN_MOVE_STATES = ("waiting", "confirmed", "partially_available", "assigned")


class CoopPurchaseSuggestion(models.TransientModel):
    _name = "coop.purchase.suggestion"
    _description = "Purchase quantities computed from sales"

    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        help="Empty: every product, grouped by its main supplier.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    sales_days = fields.Integer(
        string="Sales over (days)",
        default=28,
        required=True,
        help="The average daily sales are taken over this many days before today.",
    )
    line_ids = fields.One2many(
        "coop.purchase.suggestion.line", "suggestion_id", string="Products"
    )
    warning = fields.Text(compute="_compute_warning")

    @api.depends("line_ids.qty_to_order", "line_ids.below_minimum")
    def _compute_warning(self):
        for wizard in self:
            short = wizard.line_ids.filtered("below_minimum").partner_id
            wizard.warning = (
                _(
                    "Under the supplier's minimum order: %(names)s",
                    names=", ".join(short.mapped("display_name")),
                )
                if short
                else False
            )

    def action_compute(self):
        """Fill the lines with the suggested quantities."""
        self.ensure_one()
        date_to = datetime.combine(fields.Date.context_today(self), time.min)
        rows = self._suggest(
            self.partner_id, date_to - timedelta(self.sales_days), date_to
        )
        self.line_ids = [Command.clear()] + [Command.create(row) for row in rows]
        return self._reopen()

    def action_create_orders(self):
        """Make one draft purchase order per supplier from the lines' quantities.

        Refused, with nothing created, while a supplier's order is under its
        minimum (the buyer raises the quantities first)."""
        self.ensure_one()
        self.check_access("write")
        lines = self.line_ids.filtered(lambda l: l.qty_to_order > 0)
        if not lines:
            raise UserError(_("No quantity to order."))
        short = lines.filtered("below_minimum").partner_id
        if short:
            raise UserError(self.warning)
        by_partner = defaultdict(list)
        for line in lines:
            by_partner[line.partner_id].append(
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "product_qty": line.qty_to_order,
                        "product_uom": line.product_uom_id.id,
                    }
                )
            )
        orders = self.env["purchase.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": self.company_id.id,
                    "order_line": cmds,
                }
                for partner, cmds in by_partner.items()
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        action["domain"] = [("id", "in", orders.ids)]
        if len(orders) == 1:
            action.update(res_id=orders.id, views=[(False, "form")], view_mode="form")
        return action

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _suggest(self, partner, date_from, date_to):
        """Suggested purchases: one dict per product, set-based.

        For each product whose main supplier is `partner` (or every product
        with a supplier): the average daily sales at the till between the
        dates; the stock needed to last the supplier's lead time plus its order
        cycle; minus the stock on hand and incoming; rounded up to the
        purchase packaging (else to the purchase unit); and the days the stock
        will then last. Grouped queries only, never one per product.
        """
        sellers = self._main_sellers_of(partner)
        products = self.env["product.product"].search_fetch(
            [("product_tmpl_id", "in", list(sellers)), ("purchase_ok", "=", True)],
            ["product_tmpl_id"],
        )
        days = max((date_to - date_from).days, 1)
        sold, on_hand, incoming = self._quantities(
            products, date_from, date_to, every_product=not partner
        )
        packs = self._packagings(products)
        supplier_ids = {row["supplier_id"] for row in sellers.values()}
        cycle = {
            p.id: p.coop_order_cycle_days
            for p in self.env["res.partner"].browse(supplier_ids)
        }
        Uom = self.env["uom.uom"]
        rows = []
        for product in products:
            seller = sellers[product.product_tmpl_id.id]
            uom, po_uom = Uom.browse(seller["uom_id"]), Uom.browse(seller["uom_po_id"])
            row = self._suggest_one(
                product.id, uom, po_uom,
                sold.get(product.id, 0.0) / days,
                on_hand.get(product.id, 0.0), incoming.get(product.id, 0.0),
                seller["delay"] + cycle[seller["supplier_id"]],
                packs.get(product.id, 0.0),
            )  # fmt: skip
            row.update(partner_id=seller["supplier_id"], price_unit=seller["price"])
            rows.append(row)
        return rows

    @api.model
    def _suggest_one(
        self, product_id, uom, po_uom, daily, on_hand, incoming, horizon, pack
    ):
        """The quantity to order (in the purchase unit `po_uom`) of a product
        sold in `uom`: what sells over `horizon` days, less the stock on hand
        and incoming, if positive, rounded up to a multiple of the packaging
        `pack` (else to the purchase unit's rounding)."""
        need = max(daily * horizon - on_hand - incoming, 0.0)
        need_po = uom._compute_quantity(need, po_uom, round=False)
        pack_po = uom._compute_quantity(pack, po_uom, round=False) if pack else 0.0
        if pack_po and need_po:
            qty = math.ceil(need_po / pack_po - 1e-9) * pack_po
        else:
            qty = float_round(
                need_po, precision_rounding=po_uom.rounding, rounding_method="UP"
            )
        return {
            "product_id": product_id,
            "product_uom_id": po_uom.id,
            "daily_sales": daily,
            "qty_available": on_hand,
            "qty_incoming": incoming,
            "horizon_days": horizon,
            "package_qty": pack_po,
            "qty_suggested": qty,
            "qty_to_order": qty,
        }

    @api.model
    def _main_sellers_of(self, partner):
        """{template id: main vendor row} of the products `partner` is the main
        supplier of (or of every product with a supplier)."""
        domain = (
            [("partner_id", "child_of", partner.commercial_partner_id.id)]
            if partner
            else []
        )
        candidates = self.env["product.supplierinfo"]._read_group(
            domain, ["product_tmpl_id"]
        )
        templates = self.env["product.template"].browse([t.id for (t,) in candidates])
        rows = self.env["coop.margin.policy"]._main_seller_rows(templates)
        commercial = partner and partner.commercial_partner_id.id
        return {
            row["id"]: row
            for row in rows
            if not partner or row["supplier_id"] == commercial
        }

    @api.model
    def _quantities(self, products, date_from, date_to, every_product=False):
        """({product id: qty sold at the till between the dates}, {on hand},
        {incoming}), in the products' units, from three grouped queries.
        `every_product`: the products are all those with a supplier, so the
        sales are summed for every product (no list of ids to match).

        sudo: a buyer may not read the till's orders or every stock location;
        only sums per product are read, in the buyer's company."""
        company = self.env.company
        sold = self._sold_quantities(
            None if every_product else products, date_from, date_to
        )
        by_product = [("product_id", "in", products.ids)]
        on_hand = self.env["stock.quant"].sudo()._read_group(
            by_product + [
                ("location_id.usage", "=", "internal"),
                ("company_id", "=", company.id),
            ],
            ["product_id"], ["quantity:sum"],
        )  # fmt: skip
        incoming = self.env["stock.move"].sudo()._read_group(
            by_product + [
                ("state", "in", OPEN_MOVE_STATES),
                ("location_dest_id.usage", "=", "internal"),
                ("location_id.usage", "!=", "internal"),
                ("company_id", "=", company.id),
            ],
            ["product_id"], ["product_qty:sum"],
        )  # fmt: skip
        return (
            sold,
            {product.id: qty for product, qty in on_hand},
            {product.id: qty for product, qty in incoming},
        )

    @api.model
    def _sold_quantities(self, products, date_from, date_to):
        """{product id: quantity sold at the company's tills between the
        dates}, of `products` (None: of every product). Hot path over a year
        of till lines: one grouped query from the orders of the period to
        their lines (bench_purchase)."""
        self.env["pos.order"].flush_model(["date_order", "state", "company_id"])
        self.env["pos.order.line"].flush_model(["order_id", "product_id", "qty"])
        product_filter = (
            SQL("AND l.product_id = ANY(%s)", list(products.ids))
            if products is not None
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
            SELECT l.product_id, SUM(l.qty)
              FROM pos_order o
              JOIN pos_order_line l ON l.order_id = o.id
             WHERE o.date_order >= %(date_from)s AND o.date_order < %(date_to)s
               AND o.state IN %(states)s AND o.company_id = %(company)s
                   %(product_filter)s
             GROUP BY l.product_id
            """,
                date_from=date_from,
                date_to=date_to,
                states=POS_SOLD_STATES,
                company=self.env.company.id,
                product_filter=product_filter,
            )
        )
        return dict(self.env.cr.fetchall())

    @api.model
    def _packagings(self, products):
        """{product id: quantity of its purchase packaging}, the first one."""
        packagings = self.env["product.packaging"].search_fetch(
            [
                ("product_id", "in", products.ids),
                ("purchase", "=", True),
                ("qty", ">", 0),
            ],
            ["product_id", "qty"],
        )
        packs = {}
        for packaging in packagings:
            packs.setdefault(packaging.product_id.id, packaging.qty)
        return packs
