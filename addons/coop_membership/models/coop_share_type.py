# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class CoopShareType(models.Model):
    """A kind of share of the cooperative (e.g. "Part sociale" at 10 €)."""

    _name = "coop.share.type"
    _description = "Share type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    unit_price = fields.Monetary(required=True, default=10.0)
    min_qty = fields.Integer(
        string="Minimum shares",
        default=1,
        required=True,
        help="Minimum number of shares a regular member subscribes.",
    )
    min_qty_solidarity = fields.Integer(
        string="Minimum shares (solidarity rate)",
        default=1,
        required=True,
        help="Reduced minimum for members at the solidarity rate (low income).",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Invoice product",
        help="Product used on share invoices; created when left empty.",
    )
    account_id = fields.Many2one(
        "account.account",
        string="Capital account",
        help="Account credited by share invoices; defaults to the company's "
        "capital account (French chart: 1013).",
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "unit_price_positive",
            "CHECK(unit_price > 0)",
            "The unit price must be positive.",
        ),
    ]

    @api.constrains("min_qty", "min_qty_solidarity")
    def _check_minimums(self):
        """Minimums are at least one share; the solidarity one is not higher."""
        for share_type in self:
            if share_type.min_qty < 1 or share_type.min_qty_solidarity < 1:
                raise ValidationError(_("A minimum number of shares is at least 1."))
            if share_type.min_qty_solidarity > share_type.min_qty:
                raise ValidationError(
                    _(
                        "The solidarity minimum of %(type)s cannot exceed the "
                        "regular minimum.",
                        type=share_type.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        share_types = super().create(vals_list)
        for share_type in share_types:
            if not share_type.product_id:
                share_type.product_id = share_type._coop_create_product()
            if not share_type.account_id:
                share_type.account_id = (
                    share_type.company_id._coop_default_capital_account()
                )
        return share_types

    def _coop_create_product(self):
        """An untaxed service product named after the share type."""
        self.ensure_one()
        # sudo: share-type managers need not be product managers; the product is
        # built from the share type only.
        return (
            self.env["product.product"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "type": "service",
                    "list_price": self.unit_price,
                    "sale_ok": True,
                    "purchase_ok": False,
                    "taxes_id": [],
                    "supplier_taxes_id": [],
                    "company_id": self.company_id.id,
                }
            )
        )

    def _coop_min_qty(self, solidarity):
        """Minimum number of shares for the regular or the solidarity rate."""
        self.ensure_one()
        return self.min_qty_solidarity if solidarity else self.min_qty

    def _coop_capital_account(self):
        self.ensure_one()
        account = self.account_id or self.company_id._coop_default_capital_account()
        if not account:
            raise ValidationError(
                _("Set a capital account on the share type %(type)s.", type=self.name)
            )
        return account
