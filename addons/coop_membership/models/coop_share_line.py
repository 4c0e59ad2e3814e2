# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

OPERATIONS = [
    ("subscription", "Subscription"),
    ("cancellation", "Subscription cancelled"),
    ("initial", "Opening balance (import)"),
    ("sell_back", "Sell-back"),
    ("transfer_in", "Transfer in"),
    ("transfer_out", "Transfer out"),
    ("conversion", "Conversion"),
]


class CoopShareLine(models.Model):
    """One movement of the share register (a ledger).

    A partner's holding of a share type is the sum of its lines up to a date.
    Lines are never changed nor deleted: a correction is a new line. Lines are
    written only by the flows (subscription, share operation, import of opening
    balances by a manager), which check their rules then write as superuser:
    nobody creates a line directly. Lines are an input of the membership
    rule table (``res.partner._coop_state_inputs``): creating them re-evaluates
    their partners.
    """

    _name = "coop.share.line"
    _description = "Share register line"
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", readonly=True
    )
    share_type_id = fields.Many2one(
        "coop.share.type", required=True, index=True, ondelete="restrict", readonly=True
    )
    company_id = fields.Many2one(related="share_type_id.company_id", store=True)
    currency_id = fields.Many2one(related="share_type_id.currency_id")
    quantity = fields.Integer(required=True, readonly=True)
    unit_price = fields.Monetary(readonly=True)
    amount = fields.Monetary(compute="_compute_amount", store=True)
    date = fields.Date(
        required=True, index=True, default=fields.Date.context_today, readonly=True
    )
    operation = fields.Selection(OPERATIONS, required=True, readonly=True)
    subscription_id = fields.Many2one(
        "coop.share.subscription", readonly=True, index="btree_not_null"
    )
    operation_id = fields.Many2one(
        "coop.share.operation",
        string="Share operation",
        readonly=True,
        index="btree_not_null",
    )
    origin = fields.Char(string="Source document", readonly=True)

    _sql_constraints = [
        ("quantity_not_zero", "CHECK(quantity != 0)", "A register line moves shares."),
    ]

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.unit_price

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                _(
                    "Lines of the share register are written by subscriptions, "
                    "share operations and the import of opening balances only."
                )
            )
        share_types = self.env["coop.share.type"].browse(
            {vals["share_type_id"] for vals in vals_list if vals.get("share_type_id")}
        )
        prices = {t.id: t.unit_price for t in share_types}
        for vals in vals_list:
            vals.setdefault("unit_price", prices.get(vals.get("share_type_id"), 0.0))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su or set(vals) - {"origin"}:
            raise UserError(
                _("The share register is never changed: record a new operation.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("Lines of the share register cannot be deleted."))

    @api.model
    def _coop_holdings(self, partners, date=None, share_type=None):
        """Return ``{(partner_id, share_type_id): quantity}`` at ``date``.

        One grouped query; ``date`` included, ``None`` means all lines.
        """
        domain = [("partner_id", "in", partners.ids)]
        if date:
            domain.append(("date", "<=", date))
        if share_type:
            domain.append(("share_type_id", "in", share_type.ids))
        holdings = defaultdict(int)
        for partner, share_type_rec, qty in self._read_group(
            domain, ["partner_id", "share_type_id"], ["quantity:sum"]
        ):
            holdings[partner.id, share_type_rec.id] += qty
        return holdings

    @api.model
    def _coop_holders_at(self, date, share_types=None, company=None):
        """Partners holding at least one share at ``date`` with their quantities.

        Returns ``[(partner, {share_type: qty})]`` sorted by name (grouped query).
        """
        domain = [("date", "<=", date)]
        if company:
            domain.append(("company_id", "=", company.id))
        if share_types:
            domain.append(("share_type_id", "in", share_types.ids))
        per_partner = defaultdict(dict)
        for partner, share_type, qty in self._read_group(
            domain, ["partner_id", "share_type_id"], ["quantity:sum"]
        ):
            if qty:
                per_partner[partner][share_type] = qty
        holders = [(p, q) for p, q in per_partner.items() if sum(q.values()) > 0]
        return sorted(holders, key=lambda item: (item[0].name or "", item[0].id))
