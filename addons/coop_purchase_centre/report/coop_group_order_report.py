# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL


class CoopGroupOrderReport(models.Model):
    """Volumes and values of the group orders, one row per coop and product.

    A database view over the coops' quantities: what each coop asked for, had
    ordered and got delivered, and their values at the centre's price, and the
    package rounding grouping spared it, so that the pivot and the graph add
    them up in SQL per producer, coop, product and period.
    """

    _name = "coop.group.order.report"
    _description = "Group orders: volumes and values"
    _auto = False
    _rec_name = "order_id"
    _order = "date_delivery desc, order_id desc, id"
    #: What the view reads: flushed before it is searched.
    _depends = {
        "coop.group.order": [
            "state",
            "company_id",
            "producer_id",
            "date_delivery",
        ],
        "coop.group.order.product": [
            "product_id",
            "centre_price",
            "producer_price",
            "package_size",
        ],
        "coop.group.order.request": [
            "order_id",
            "coop_id",
            "product_line_id",
            "quantity",
            "final_quantity",
            "allocated_quantity",
        ],
        "res.company": ["currency_id"],
    }

    order_id = fields.Many2one("coop.group.order", string="Group order", readonly=True)
    state = fields.Selection(
        lambda self: self.env["coop.group.order"]._fields["state"].selection,
        string="Status",
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", string="Purchasing centre", readonly=True
    )
    currency_id = fields.Many2one("res.currency", readonly=True)
    producer_id = fields.Many2one("res.partner", string="Producer", readonly=True)
    coop_id = fields.Many2one("res.partner", string="Coop", readonly=True)
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    date_delivery = fields.Date(string="Delivery date", readonly=True)
    quantity = fields.Float(string="Asked", readonly=True)
    final_quantity = fields.Float(string="Ordered", readonly=True)
    allocated_quantity = fields.Float(string="Delivered", readonly=True)
    amount = fields.Monetary(string="Value asked", readonly=True)
    amount_final = fields.Monetary(string="Value ordered", readonly=True)
    amount_allocated = fields.Monetary(string="Value delivered", readonly=True)
    alone_excess = fields.Float(
        string="Package rounding avoided",
        readonly=True,
        help="Units this coop would have bought beyond its needs ordering alone "
        "in whole packages; the group order takes them on (the centre keeps the "
        "rest of the last package of each product).",
    )
    alone_excess_amount = fields.Monetary(
        string="Value of rounding avoided",
        readonly=True,
        help="Those units at the producer's price.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )

    def _query(self):
        return SQL(
            """
            SELECT req.id AS id,
                   req.order_id AS order_id,
                   ord.state AS state,
                   ord.company_id AS company_id,
                   company.currency_id AS currency_id,
                   ord.producer_id AS producer_id,
                   req.coop_id AS coop_id,
                   line.product_id AS product_id,
                   ord.date_delivery AS date_delivery,
                   req.quantity AS quantity,
                   req.final_quantity AS final_quantity,
                   req.allocated_quantity AS allocated_quantity,
                   req.quantity * line.centre_price AS amount,
                   req.final_quantity * line.centre_price AS amount_final,
                   req.allocated_quantity * line.centre_price AS amount_allocated,
                   excess.units AS alone_excess,
                   excess.units * line.producer_price AS alone_excess_amount
              FROM coop_group_order_request req
              JOIN coop_group_order_product line ON line.id = req.product_line_id
              JOIN coop_group_order ord ON ord.id = req.order_id
              JOIN res_company company ON company.id = ord.company_id
             -- as tools.round_to_packages(quantity, package_size, "up")
             CROSS JOIN LATERAL (
                   SELECT ceil(req.quantity / greatest(line.package_size, 1))
                          * greatest(line.package_size, 1) - req.quantity AS units
                   ) excess
            """
        )
