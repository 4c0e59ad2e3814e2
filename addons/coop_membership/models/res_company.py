# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

CAPITAL_JOURNAL_CODE = "CAPI"


class ResCompany(models.Model):
    _inherit = "res.company"

    coop_capital_journal_id = fields.Many2one(
        "account.journal",
        string="Share capital journal",
        domain="[('type', '=', 'sale'), ('company_id', '=', id)]",
        help="Sales journal holding share invoices and sell-back credit notes.",
    )
    coop_capital_account_id = fields.Many2one(
        "account.account",
        string="Share capital account",
        domain="[('account_type', '=', 'equity')]",
        help="Default capital account of share types (French chart: 1013).",
    )
    coop_sell_back_delay_months = fields.Integer(
        string="Sell-back delay (months)",
        default=12,
        help="Shares may be sold back only once held for this many months.",
    )

    def _coop_default_capital_account(self):
        """The configured capital account, else 1013 of the French chart."""
        self.ensure_one()
        if self.coop_capital_account_id:
            return self.coop_capital_account_id
        return (
            self.env["account.chart.template"]
            .with_company(self)
            .ref("pcg_1013", raise_if_not_found=False)
            or self.env["account.account"]
        )

    def _coop_capital_journal(self):
        """Return the company's capital journal, creating it when missing."""
        self.ensure_one()
        if not self.coop_capital_journal_id:
            self._coop_setup_capital_journal()
        return self.coop_capital_journal_id

    def _coop_setup_capital_journal(self):
        """Create the dedicated capital journal of companies having a chart.

        Called from the module data for existing companies and lazily when a
        share invoice is first needed. Idempotent.
        """
        Journal = self.env["account.journal"].sudo()  # companies' setup, no user input
        for company in self.filtered(lambda c: not c.coop_capital_journal_id):
            if not company.chart_template:
                continue
            journal = Journal.search(
                [("company_id", "=", company.id), ("code", "=", CAPITAL_JOURNAL_CODE)],
                limit=1,
            )
            account = company._coop_default_capital_account()
            if not journal:
                journal = Journal.create(
                    {
                        "name": _("Share capital"),
                        "code": CAPITAL_JOURNAL_CODE,
                        "type": "sale",
                        "company_id": company.id,
                        "default_account_id": account.id,
                        "show_on_dashboard": False,
                    }
                )
            company.sudo().write(
                {
                    "coop_capital_journal_id": journal.id,
                    "coop_capital_account_id": company.coop_capital_account_id.id
                    or account.id,
                }
            )

    @api.model
    def _coop_setup_all_capital_journals(self):
        self.search([])._coop_setup_capital_journal()
