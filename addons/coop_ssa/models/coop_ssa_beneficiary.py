# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .ssa_flow import ssa_flow

OFFICER = "coop_ssa.group_ssa_officer"


class CoopSsaBeneficiary(models.Model):
    """A person (or household) receiving a fund's allowance; also the wallet.

    The row is the wallet record: ``wallet_balance`` caches the sum of the wallet
    ledger and is only changed by the ledger, under a row lock (``_wallet_lock``).
    Income and household data are readable by the fund's officers only (RGPD).
    """

    _name = "coop.ssa.beneficiary"
    _description = "SSA beneficiary"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"

    name = fields.Char(related="partner_id.name", store=True)
    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="restrict", tracking=True
    )
    fund_id = fields.Many2one(
        "coop.ssa.fund", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="fund_id.company_id", store=True)
    currency_id = fields.Many2one(related="fund_id.currency_id")
    unit_label = fields.Char(related="fund_id.unit_label")
    active = fields.Boolean(default=True)
    card_code = fields.Char(
        related="partner_id.barcode",
        readonly=False,
        string="Card number",
        help="Scanned at the till: it is the beneficiary's contact barcode.",
    )
    date_start = fields.Date(
        string="Participation from",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(string="Participation until", tracking=True)
    consent = fields.Boolean(
        string="Data consent", groups=OFFICER, help="Consent to process personal data."
    )
    # household and income: fund officers only (RGPD)
    adults = fields.Integer(default=1, groups=OFFICER)
    children = fields.Integer(default=0, groups=OFFICER)
    persons = fields.Integer(
        compute="_compute_persons", store=True, groups=OFFICER, string="Household size"
    )
    monthly_income = fields.Monetary(string="Monthly household income", groups=OFFICER)
    socio_category = fields.Char(string="Socio-professional category", groups=OFFICER)
    contribution_chosen = fields.Monetary(
        string="Chosen contribution", groups=OFFICER, help="For a free grid."
    )
    contribution_amount = fields.Monetary(
        compute="_compute_contribution_amount",
        store=True,
        groups=OFFICER,
        string="Monthly contribution",
    )
    allowance_amount = fields.Monetary(
        compute="_compute_allowance_amount",
        store=True,
        groups=OFFICER,
        string="Monthly allowance",
    )
    # wallet
    wallet_balance = fields.Monetary(
        string="Balance",
        readonly=True,
        copy=False,
        default=0.0,
        help="Sum of the wallet ledger, kept by the ledger itself.",
    )
    wallet_line_ids = fields.One2many(
        "coop.ssa.wallet.line", "beneficiary_id", string="Wallet ledger", groups=OFFICER
    )
    contribution_ids = fields.One2many(
        "coop.ssa.contribution", "beneficiary_id", groups=OFFICER
    )
    unpaid_contribution_total = fields.Monetary(
        compute="_compute_unpaid_contribution_total", groups=OFFICER
    )

    _sql_constraints = [
        (
            "partner_fund_uniq",
            "UNIQUE(partner_id, fund_id)",
            "A person is a beneficiary of a fund only once.",
        ),
        (
            "household_positive",
            "CHECK(adults >= 0 AND children >= 0)",
            "Household composition cannot be negative.",
        ),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for ben in self:
            if ben.date_end and ben.date_end < ben.date_start:
                raise ValidationError(_("Participation cannot end before it starts."))

    @api.depends("adults", "children")
    def _compute_persons(self):
        for ben in self:
            ben.persons = ben.adults + ben.children

    @api.depends(
        "persons",
        "fund_id.allowance_type",
        "fund_id.allowance_base",
        "fund_id.allowance_per_person",
        "fund_id.allowance_max_persons",
    )
    def _compute_allowance_amount(self):
        for ben in self:
            fund = ben.fund_id
            ben.allowance_amount = fund._allowance_for(ben.persons) if fund else 0.0

    @api.depends(
        "monthly_income",
        "contribution_chosen",
        "fund_id.contribution_type",
        "fund_id.contribution_min",
        "fund_id.bracket_ids.amount",
    )
    def _compute_contribution_amount(self):
        for ben in self:
            fund = ben.fund_id
            ben.contribution_amount = (
                fund._contribution_for(ben.monthly_income, ben.contribution_chosen)
                if fund
                else 0.0
            )

    @api.depends("contribution_ids.state", "contribution_ids.amount")
    def _compute_unpaid_contribution_total(self):
        totals = dict(
            self.env["coop.ssa.contribution"]._read_group(
                [("beneficiary_id", "in", self.ids), ("state", "=", "due")],
                ["beneficiary_id"],
                ["amount:sum"],
            )
        )
        for ben in self:
            ben.unpaid_contribution_total = totals.get(ben, 0.0)

    @api.depends("partner_id", "fund_id")
    def _compute_display_name(self):
        for ben in self:
            ben.display_name = f"{ben.partner_id.name} ({ben.fund_id.name})"

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("wallet_balance"):
                raise UserError(self._balance_refusal())
            vals.pop("wallet_balance", None)
        beneficiaries = super().create(vals_list)
        beneficiaries._allot_joined_month()
        return beneficiaries

    def write(self, vals):
        if "wallet_balance" in vals:
            raise UserError(self._balance_refusal())
        return super().write(vals)

    @api.model
    def _balance_refusal(self):
        return _(
            "The balance is the sum of the wallet ledger and cannot be written; "
            "an SSA manager adds a correction line instead."
        )

    def _allot_joined_month(self):
        """A newcomer of a month whose allotment already ran gets that month's
        allowance now (whole or pro rata, per the fund), not a zero balance
        until the next month."""
        period = self.env["coop.ssa.fund"]._period_start()
        internal = self.fund_id.filtered(lambda f: f.mode == "internal")
        for fund in internal._allotted(period):
            fund._allot(period, self.filtered(lambda b, f=fund: b.fund_id == f))

    # ------------------------------------------------------------------
    # Wallet
    # ------------------------------------------------------------------
    def _wallet_lock(self):
        """Lock the wallet rows (SELECT ... FOR UPDATE) and refresh their balance.

        Every ledger write happens after this lock in the same transaction. The
        ledger then updates the row, so under repeatable read a concurrent payment
        that committed meanwhile makes this lock fail with a serialization error
        (the request is retried) instead of reading a stale balance.
        """
        if not self:
            return {}
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """SELECT id, wallet_balance FROM coop_ssa_beneficiary
                    WHERE id IN %s ORDER BY id FOR UPDATE""",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["wallet_balance"])
        return dict(self.env.cr.fetchall())

    def _wallet_debit(self, vals_list, cap=None, locked_balance=None, currency=None):
        """Write payment lines (negative amounts) on this wallet, or refuse.

        The wallet is locked first (unless the caller locked it and passes the
        ``locked_balance`` it read under the lock); the total paid must not
        exceed the balance, nor ``cap`` when given (what else limits the
        payment, e.g. the eligible amount of an order). Returns the balance
        after payment. ``currency``: the fund's, when the caller has it.
        """
        self.ensure_one()
        currency = currency or self.currency_id
        balance = (
            self._wallet_lock()[self.id] if locked_balance is None else locked_balance
        )
        amount = -sum(vals["amount"] for vals in vals_list)
        limit = balance if cap is None else min(balance, cap)
        if currency.compare_amounts(amount, limit) > 0:
            raise UserError(
                _(
                    "SSA payment of %(amount)s %(unit)s refused for %(name)s: at most "
                    "%(limit)s can be paid (balance %(balance)s).",
                    amount=currency.round(amount),
                    unit=self.unit_label,
                    name=self.partner_id.name,
                    limit=currency.round(max(limit, 0.0)),
                    balance=balance,
                )
            )
        # sudo + flow mark: the payment was checked against the locked balance
        ssa_flow(self.env["coop.ssa.wallet.line"].sudo())._insert_checked(
            [
                {**vals, "beneficiary_id": self.id, "kind": "payment"}
                for vals in vals_list
            ]
        )
        return balance - amount

    def _wallet_line_vals(self, kind, amount, period, **extra):
        self.ensure_one()
        return {
            "beneficiary_id": self.id,
            "kind": kind,
            "amount": amount,
            "period": period,
            **extra,
        }

    @api.model
    def _find_participating(self, fund_id, partner_id, lock=False):
        """The beneficiary of ``fund_id`` that ``partner_id`` is, if participating
        today (active, started, not ended): (id, balance, fund mode) or None.

        One indexed query: this is what the till asks at every SSA payment.
        ``lock``: the wallet row is locked by the same query (see
        :meth:`_wallet_lock`), the balance read under the lock.
        """
        today = fields.Date.context_today(self)
        self.flush_model()
        self.env["coop.ssa.fund"].flush_model(["mode"])
        self.env.cr.execute(
            SQL(
                """
                SELECT b.id, b.wallet_balance, f.mode
                  FROM coop_ssa_beneficiary b
                  JOIN coop_ssa_fund f ON f.id = b.fund_id
                 WHERE b.fund_id = %s AND b.partner_id = %s AND b.active
                   AND b.date_start <= %s AND (b.date_end IS NULL OR b.date_end >= %s)
                   AND b.company_id IN %s
                %s
                """,
                fund_id,
                partner_id or None,
                today,
                today,
                tuple(self.env.companies.ids),
                SQL("FOR UPDATE OF b") if lock else SQL(),
            )
        )
        return self.env.cr.fetchone()

    @api.model
    def pos_ssa_wallet(self, fund_id, order_id):
        """Till RPC: the wallet of the customer of ``order_id`` for ``fund_id``,
        or why there is none.

        The rule of balance reads: an SSA cashier reads the balance of one
        customer only, the customer of an order being paid at a till the
        caller has open (a draft order the till synced just before, in an open
        session that takes this fund, created by the caller or in the caller's
        session). Any other question is refused with one and the same answer,
        whatever the order or partner: a cashier cannot enumerate
        beneficiaries or balances. Nothing about income, household or ledger
        is answered; what the sale may take is checked when it is validated.
        """
        partner_id = self._pos_ssa_order_partner(fund_id, order_id)
        row = self._find_participating(fund_id, partner_id)
        if not row:
            return {
                "ok": False,
                "reason": _("This customer is not a participating SSA beneficiary."),
            }
        return {
            "ok": True,
            "balance": row[1] if row[2] == "internal" else None,
            "mode": row[2],
        }

    @api.model
    def _pos_ssa_order_partner(self, fund_id, order_id):
        """The customer of the order a balance read is bound to (see
        :meth:`pos_ssa_wallet`), or an access error that tells nothing of the
        order or its customer. One indexed query: asked at every balance read.
        """
        if not self.env.user.has_group("coop_ssa.group_ssa_cashier"):
            raise AccessError(_("Only SSA cashiers may read allowance balances."))
        refusal = AccessError(
            _(
                "Allowance balances are read for the customer of an order being "
                "paid at a till you have open that takes this fund."
            )
        )
        if type(order_id) is not int or type(fund_id) is not int:
            raise refusal
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT o.partner_id
                  FROM pos_order o
                  JOIN pos_session s ON s.id = o.session_id
                 WHERE o.id = %(order)s AND o.state = 'draft'
                   AND s.state = 'opened'
                   AND %(uid)s IN (o.create_uid, s.user_id)
                   AND o.company_id IN %(companies)s
                   AND EXISTS (
                       SELECT 1 FROM pos_config_pos_payment_method_rel r
                         JOIN pos_payment_method m ON m.id = r.pos_payment_method_id
                        WHERE r.pos_config_id = s.config_id
                          AND m.ssa_fund_id = %(fund)s)
                """,
                order=order_id,
                uid=self.env.uid,
                companies=tuple(self.env.companies.ids),
                fund=fund_id,
            )
        )
        row = self.env.cr.fetchone()
        if not row:
            raise refusal
        return row[0]

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_wallet(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_ssa.coop_ssa_wallet_line_action"
        )
        action["domain"] = [("beneficiary_id", "=", self.id)]
        return action
