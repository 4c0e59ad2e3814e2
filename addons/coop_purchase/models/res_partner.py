# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

CERTIFICATE_NOTICE_DAYS = 30


class ResPartner(models.Model):
    _inherit = "res.partner"

    coop_supplier_kind = fields.Selection(
        [("producer", "Producer"), ("wholesaler", "Wholesaler")],
        string="Supplier kind",
    )
    coop_distance_km = fields.Float(
        string="Distance (km)", help="Distance from the supplier to the shop."
    )
    coop_is_local = fields.Boolean(
        string="Local",
        compute="_compute_coop_is_local",
        search="_search_coop_is_local",
        help="A producer within the company's local distance.",
    )
    coop_organic_certifier = fields.Char(string="Organic certifier")
    coop_organic_certificate = fields.Char(string="Organic certificate number")
    coop_organic_expiry = fields.Date(string="Organic certificate expiry")
    coop_is_organic = fields.Boolean(
        string="Certified organic", compute="_compute_coop_is_organic"
    )
    coop_margin_rate = fields.Float(
        string="Margin (%)",
        help="Margin of the products this supplier is the main supplier of, in "
        "the company's margin mode. 0: the category's, else the company's.",
    )
    coop_cost_rate = fields.Float(
        string="Costs (%)",
        help="Costs of buying from this supplier added to its price before the "
        "margin (transport, delivery), in % of that price.",
    )
    coop_order_cycle_days = fields.Integer(
        string="Order cycle (days)",
        default=7,
        help="Days between two orders to this supplier: an order covers the sales "
        "until the next one arrives.",
    )
    coop_min_order_amount = fields.Monetary(
        string="Minimum order",
        currency_field="currency_id",
        help="Untaxed amount under which the supplier does not deliver.",
    )
    coop_contract_ids = fields.One2many(
        "coop.producer.contract", "partner_id", string="Producer contracts"
    )
    coop_contract_count = fields.Integer(compute="_compute_coop_contract_count")

    @api.constrains("coop_margin_rate")
    def _check_coop_margin_rate(self):
        self.env["coop.margin.policy"]._check_rate(self, "coop_margin_rate")

    @api.depends("coop_distance_km", "coop_supplier_kind")
    @api.depends_context("company")
    def _compute_coop_is_local(self):
        limit = self.env.company.coop_local_distance_km
        for partner in self:
            partner.coop_is_local = partner._coop_local(limit)

    def _coop_local(self, limit):
        """A supplier is local when it is a producer whose distance to the shop
        is known and at most the company's threshold (a wholesaler never is)."""
        return bool(
            self.coop_supplier_kind == "producer"
            and self.coop_distance_km
            and self.coop_distance_km <= limit
        )

    def _search_coop_is_local(self, operator, value):
        local = [
            ("coop_supplier_kind", "=", "producer"),
            ("coop_distance_km", ">", 0),
            ("coop_distance_km", "<=", self.env.company.coop_local_distance_km),
        ]
        if (operator == "=") == bool(value):
            return local
        return ["!", "&", "&", *local]

    @api.depends("coop_organic_expiry")
    @api.depends_context("date")
    def _compute_coop_is_organic(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.coop_is_organic = bool(
                partner.coop_organic_expiry and partner.coop_organic_expiry >= today
            )

    @api.depends("coop_contract_ids")
    def _compute_coop_contract_count(self):
        for partner in self:
            partner.coop_contract_count = len(partner.coop_contract_ids)

    def action_coop_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_purchase.action_coop_producer_contract"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    @api.model
    def _cron_coop_organic_expiry(self):
        """Plan a renewal activity on each supplier whose organic certificate
        expires within 30 days, unless one is already planned."""
        today = fields.Date.context_today(self)
        notice = today + timedelta(CERTIFICATE_NOTICE_DAYS)
        partners = self.search(
            [
                ("coop_organic_expiry", ">=", today),
                ("coop_organic_expiry", "<=", notice),
            ]
        )
        activity_type = self.env.ref("coop_purchase.mail_activity_organic_renewal")
        planned = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        )
        for partner in partners - partners.browse(planned.mapped("res_id")):
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=max(today, partner.coop_organic_expiry - timedelta(7)),
            )
