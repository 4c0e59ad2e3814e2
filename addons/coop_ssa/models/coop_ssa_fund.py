# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import hashlib
import io
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

from .ssa_flow import ssa_flow

CSV_HEADER = [
    "participant",
    "period",
    "household_size",
    "income_floor",
    "contribution",
    "allotted",
    "spent",
    "expired",
]


class CoopSsaFund(models.Model):
    """A food-allowance fund (caisse): who pays, how much, and under which rules."""

    _name = "coop.ssa.fund"
    _description = "SSA fund"
    _inherit = ["mail.thread", "mail.activity.mixin", "pos.load.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Fund partner",
        required=True,
        help="The fund as a debtor: claims are invoiced to this partner.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    unit_label = fields.Char(
        default="€",
        required=True,
        help="e.g. € or a local unit such as MonA (1 = 1 €).",
    )
    period = fields.Selection([("month", "Monthly")], default="month", required=True)
    mode = fields.Selection(
        [("internal", "Internal wallets"), ("external", "External system")],
        default="internal",
        required=True,
        tracking=True,
        help="Internal: this database keeps the wallets. External: the allowance "
        "lives elsewhere (MonA, Moneko, vouchers) and the till records its reference.",
    )
    # allowance formula
    allowance_type = fields.Selection(
        [
            ("person", "Flat amount per person"),
            ("household", "Household base + per person"),
        ],
        default="person",
        required=True,
    )
    allowance_base = fields.Monetary(string="Base per household")
    allowance_per_person = fields.Monetary(string="Amount per person")
    allowance_max_persons = fields.Integer(
        string="Maximum persons counted", help="0 means no maximum."
    )
    # carry-over
    carry_over = fields.Selection(
        [
            ("expire", "Unspent balance expires at period end"),
            ("cap", "Balance is capped"),
            ("roll", "Unspent balance rolls over"),
        ],
        default="roll",
        required=True,
        tracking=True,
    )
    first_month = fields.Selection(
        [
            ("whole", "The whole month's allowance"),
            ("prorata", "Pro rata of the days left in the month"),
        ],
        string="First month of a newcomer",
        default="whole",
        required=True,
        help="What a beneficiary who joins after the month's allotment gets for "
        "that month, credited when the beneficiary is created.",
    )
    balance_cap = fields.Monetary(
        help="With the cap policy, the allotment never lifts the balance above this; "
        "0 means the monthly allowance."
    )
    # contributions
    contribution_type = fields.Selection(
        [("free", "Free amount with a minimum"), ("bracket", "Brackets by income")],
        default="free",
        required=True,
    )
    contribution_min = fields.Monetary(string="Minimum contribution")
    contribution_invoice = fields.Boolean(
        string="Invoice contributions",
        help="Post a customer invoice for each monthly contribution when it is "
        "recorded; otherwise contributions are only recorded and marked paid.",
    )
    bracket_ids = fields.One2many(
        "coop.ssa.contribution.bracket", "fund_id", string="Income brackets"
    )
    # accounting
    clearing_account_id = fields.Many2one(
        "account.account",
        string="Clearing account",
        help="Where SSA payments taken at the till wait until the fund is claimed.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Claim journal",
        domain="[('type', 'in', ('general', 'sale'))]",
    )
    beneficiary_ids = fields.One2many("coop.ssa.beneficiary", "fund_id")
    beneficiary_count = fields.Integer(compute="_compute_beneficiary_count")

    @api.constrains("allowance_per_person", "allowance_base", "allowance_max_persons")
    def _check_allowance(self):
        for fund in self:
            if min(fund.allowance_per_person, fund.allowance_base) < 0 or (
                fund.allowance_max_persons < 0
            ):
                raise ValidationError(_("Allowance amounts cannot be negative."))

    def _compute_beneficiary_count(self):
        counts = dict(
            self.env["coop.ssa.beneficiary"]._read_group(
                [("fund_id", "in", self.ids)], ["fund_id"], ["__count"]
            )
        )
        for fund in self:
            fund.beneficiary_count = counts.get(fund, 0)

    # ------------------------------------------------------------------
    # Point of sale
    # ------------------------------------------------------------------
    @api.model
    def _load_pos_data_domain(self, data):
        methods = data["pos.payment.method"]["data"]
        return [("id", "in", [m["ssa_fund_id"] for m in methods if m["ssa_fund_id"]])]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "name", "unit_label", "mode"]

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _allowance_for(self, persons):
        """Monthly allowance of a household of ``persons`` people.

        Flat: amount per person × persons. Household: base + amount per person ×
        persons. In both, persons are counted up to the maximum (0 = no maximum).
        """
        self.ensure_one()
        persons = max(persons, 1)
        if self.allowance_max_persons:
            persons = min(persons, self.allowance_max_persons)
        amount = self.allowance_per_person * persons
        if self.allowance_type == "household":
            amount += self.allowance_base
        return self.currency_id.round(amount)

    def _contribution_for(self, income, chosen):
        """Monthly contribution: the chosen amount but at least the minimum (free
        grid), or the amount of the bracket holding the monthly income."""
        self.ensure_one()
        if self.contribution_type == "bracket":
            for bracket in self.bracket_ids.sorted("income_from"):
                if income >= bracket.income_from and (
                    not bracket.income_to or income < bracket.income_to
                ):
                    return bracket.amount
            return self.contribution_min
        return max(chosen, self.contribution_min)

    @api.model
    def _period_start(self, day=None):
        return fields.Date.to_date(day or fields.Date.context_today(self)).replace(
            day=1
        )

    # ------------------------------------------------------------------
    # Monthly allotment
    # ------------------------------------------------------------------
    @api.model
    def _cron_monthly_allotment(self):
        funds = self.search([("mode", "=", "internal")])
        funds._allot(self._period_start())
        self.search([])._record_contributions(self._period_start())

    def _allot(self, period, beneficiaries=None):
        """Credit each participating beneficiary's wallet once for ``period``.

        Idempotent: beneficiaries who already have the period's allotment are
        skipped (a unique index guards it too). The carry-over policy applies at
        the same time: *expire* writes an expiry line for the unspent balance,
        *cap* credits at most ``cap - balance``, *roll* credits the allowance.
        A beneficiary who started during the period gets, with the *prorata*
        first-month setting, the share of the days left. ``beneficiaries``
        limits the run to those. Returns (number credited, total credited).
        """
        # sudo + flow mark: the allotment is the fund's own rule, checked here;
        # the callers check who may run it (cron, SSA officers, creation).
        Line = ssa_flow(self.env["coop.ssa.wallet.line"].sudo())
        count, total = 0, 0.0
        for fund in self:
            todo = fund._beneficiaries_to_allot(period)
            if beneficiaries is not None:
                todo &= beneficiaries
            if not todo:
                continue
            balances = todo._wallet_lock()
            vals_list = []
            for ben in todo:
                allowance = fund._first_month_share(ben, period)
                balance = balances[ben.id]
                if fund.carry_over == "expire" and balance > 0:
                    vals_list.append(ben._wallet_line_vals("expiry", -balance, period))
                elif fund.carry_over == "cap":
                    cap = fund.balance_cap or allowance
                    allowance = max(0.0, min(allowance, cap - balance))
                vals_list.append(ben._wallet_line_vals("allotment", allowance, period))
                count += 1
                total += allowance
            Line.create(vals_list)
        return count, total

    def _first_month_share(self, ben, period):
        """The allowance of ``ben`` for ``period``: whole, or pro rata of the
        days left when the fund says so and the participation began in it."""
        self.ensure_one()
        allowance = ben.allowance_amount
        start = ben.date_start
        if self.first_month != "prorata" or not start or start <= period:
            return allowance
        days = (period + relativedelta(months=1) - period).days
        left = (period + relativedelta(months=1) - start).days
        return self.currency_id.round(allowance * max(left, 0) / days)

    def _allotted(self, period):
        """Funds of self whose allotment of ``period`` has already run."""
        self.env["coop.ssa.wallet.line"].flush_model(["fund_id", "period", "kind"])
        done = (
            self.env["coop.ssa.wallet.line"]
            .sudo()
            ._read_group(
                [
                    ("fund_id", "in", self.ids),
                    ("period", "=", period),
                    ("kind", "=", "allotment"),
                ],
                ["fund_id"],
            )
        )
        return self.browse([fund.id for (fund,) in done])

    def _beneficiaries_to_allot(self, period):
        """Participating beneficiaries of the fund without an allotment for period."""
        self.ensure_one()
        period_end = period + relativedelta(months=1, days=-1)
        query = SQL(
            """
            SELECT b.id FROM coop_ssa_beneficiary b
             WHERE b.fund_id = %(fund)s AND b.active
               AND b.date_start <= %(end)s
               AND (b.date_end IS NULL OR b.date_end >= %(start)s)
               AND NOT EXISTS (
                   SELECT 1 FROM coop_ssa_wallet_line l
                    WHERE l.beneficiary_id = b.id AND l.period = %(start)s
                      AND l.kind = 'allotment')
             ORDER BY b.id
            """,
            fund=self.id,
            start=period,
            end=period_end,
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        ids = [row[0] for row in self.env.cr.fetchall()]
        return self.env["coop.ssa.beneficiary"].sudo().browse(ids)

    def _record_contributions(self, period):
        """Create the period's contribution (due) of every participating
        beneficiary that has none yet."""
        Contribution = self.env["coop.ssa.contribution"].sudo()
        period_end = period + relativedelta(months=1, days=-1)
        for fund in self:
            beneficiaries = (
                self.env["coop.ssa.beneficiary"]
                .sudo()
                .search(
                    [
                        ("fund_id", "=", fund.id),
                        ("date_start", "<=", period_end),
                        "|",
                        ("date_end", "=", False),
                        ("date_end", ">=", period),
                    ]
                )
            )
            done = Contribution.search(
                [("beneficiary_id", "in", beneficiaries.ids), ("period", "=", period)]
            ).beneficiary_id
            created = Contribution.create(
                [
                    {
                        "beneficiary_id": ben.id,
                        "period": period,
                        "amount": ben.contribution_amount,
                    }
                    for ben in beneficiaries - done
                    if ben.contribution_amount
                ]
            )
            if created and fund.contribution_invoice:
                created.action_invoice()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_view_beneficiaries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_ssa.coop_ssa_beneficiary_action"
        )
        action["domain"] = [("fund_id", "=", self.id)]
        action["context"] = {"default_fund_id": self.id}
        return action

    def action_allot_current_period(self):
        """Pay this month's allowance now (SSA officers), and say what was paid."""
        if not self.env.user.has_group("coop_ssa.group_ssa_officer"):
            raise AccessError(_("Only SSA officers may pay the monthly allowance."))
        self.check_access("read")
        count, total = self._allot(self._period_start())
        if count:
            message = _(
                "%(count)s beneficiaries credited, %(total)s in all.",
                count=count,
                total=self.env.company.currency_id.format(total),
            )
        else:
            message = _(
                "Every participating beneficiary already has this month's allowance."
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Monthly allowance"),
                "message": message,
                "type": "success" if count else "info",
                "sticky": False,
            },
        }

    def action_export_anonymised(self):
        """Download the anonymised evaluation CSV of this fund."""
        self.ensure_one()
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"ssa_{self.id}_anonymised.csv",
                "raw": self._anonymised_csv().encode(),
                "mimetype": "text/csv",
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _anonymised_csv(self):
        """One row per beneficiary and period, for evaluators.

        No name, contact or exact income: a pseudonym (a hash salted with the
        database secret), the household size, the income rounded down to 500,
        the contribution, and what was allotted, spent and expired.
        """
        self.ensure_one()
        if not self.env.user.has_group("coop_ssa.group_ssa_officer"):
            raise AccessError(_("Only fund officers may export evaluation data."))
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret", "")
        beneficiaries = self.beneficiary_ids.with_context(active_test=False)
        totals = self.env["coop.ssa.wallet.line"]._read_group(
            [("beneficiary_id", "in", beneficiaries.ids)],
            ["beneficiary_id", "period:month", "kind"],
            ["amount:sum"],
        )
        rows = defaultdict(lambda: defaultdict(float))
        for ben, period, kind, amount in totals:
            rows[ben, period][kind] += amount
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        for (ben, period), kinds in sorted(
            rows.items(), key=lambda r: (r[0][1], r[0][0].id)
        ):
            pseudonym = hashlib.sha256(f"{secret}:{ben.id}".encode()).hexdigest()[:12]
            writer.writerow(
                [
                    pseudonym,
                    period.strftime("%Y-%m"),
                    ben.persons,
                    int(ben.monthly_income // 500 * 500),
                    ben.contribution_amount,
                    kinds["allotment"],
                    -(kinds["payment"] + kinds["refund"]),
                    -kinds["expiry"],
                ]
            )
        return out.getvalue()
