# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_share_common import CoopShareCase


@tagged("post_install", "-at_install")
class TestShareSubscription(CoopShareCase):
    """One test per rule of share subscriptions and of the register."""

    def test_capital_journal_created_for_company(self):
        journal = self.company.coop_capital_journal_id
        self.assertEqual(journal.code, "CAPI")
        self.assertEqual(journal.type, "sale")
        self.assertEqual(self.company.coop_capital_account_id.code, "101300")
        self.assertEqual(self.share_type.account_id.code, "101300")

    def test_confirm_invoices_on_capital_journal_and_account(self):
        sub = self._subscription()
        sub.action_confirm()
        invoice = sub.invoice_id
        self.assertEqual(sub.state, "confirmed")
        self.assertEqual(invoice.state, "posted")
        self.assertEqual(invoice.move_type, "out_invoice")
        self.assertEqual(invoice.journal_id, self.company.coop_capital_journal_id)
        self.assertEqual(invoice.amount_total, 100.0)
        self.assertFalse(invoice.invoice_line_ids.tax_ids)
        self.assertEqual(invoice.invoice_line_ids.account_id.code, "101300")

    def test_register_from_confirmation(self):
        sub = self._subscription()
        self.assertEqual(self.partner.coop_share_qty, 0)
        self.assertFalse(sub.share_line_ids)
        sub.action_confirm()
        self.assertEqual(sub.share_line_ids.quantity, 10)
        self.assertEqual(sub.share_line_ids.operation, "subscription")
        self.assertEqual(self.partner.coop_share_qty, 10)
        self.assertTrue(self.partner.coop_was_member)
        self.assertEqual(self.partner.coop_state, "candidate")

    def test_paid_up_from_payments(self):
        sub = self._subscription()
        sub.action_confirm()
        self.assertEqual((sub.amount_paid, sub.amount_due), (0.0, 100.0))
        self._pay(sub.invoice_id, 40.0)
        self.assertEqual((sub.amount_paid, sub.amount_due), (40.0, 60.0))
        self.assertEqual(sub.state, "confirmed")
        self._pay(sub.invoice_id, 60.0)
        self.assertEqual((sub.amount_paid, sub.amount_due), (100.0, 0.0))
        self.assertEqual(sub.state, "paid")

    def test_installments_split_the_invoice(self):
        sub = self._subscription(
            payment_plan="installments", payment_term_id=self._installments_term().id
        )
        sub.action_confirm()
        receivable = sub.invoice_id.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertEqual(sorted(receivable.mapped("debit")), [50.0, 50.0])
        self.assertEqual(len(set(receivable.mapped("date_maturity"))), 2)
        self._pay(sub.invoice_id, 50.0)
        self.assertEqual((sub.state, sub.amount_due), ("confirmed", 50.0))

    def test_installments_need_payment_terms(self):
        with self.assertRaises(ValidationError):
            self._subscription(payment_plan="installments")

    def test_minimum_regular_rate(self):
        with self.assertRaises(ValidationError):
            self._subscription(quantity=5)

    def test_minimum_solidarity_rate(self):
        sub = self._subscription(quantity=1, solidarity=True)
        sub.action_confirm()
        self.assertEqual(self.partner.coop_share_qty, 1)
        with self.assertRaises(ValidationError):
            sub.copy({"quantity": 1, "solidarity": False})

    def test_cancel_reverses_invoice_and_register(self):
        sub = self._subscription()
        sub.action_confirm()
        sub.action_cancel()
        self.assertEqual(sub.state, "cancel")
        self.assertEqual(sub.refund_id.move_type, "out_refund")
        self.assertEqual(sub.invoice_id.payment_state, "reversed")
        self.assertEqual(sorted(sub.share_line_ids.mapped("quantity")), [-10, 10])
        self.assertEqual(self.partner.coop_share_qty, 0)
        self.assertFalse(self.partner.coop_was_member)
        self.assertEqual(self.partner.coop_state, "not_member")

    def test_cancel_refused_once_paid(self):
        sub = self._subscription()
        sub.action_confirm()
        self._pay(sub.invoice_id, 10.0)
        with self.assertRaises(UserError):
            sub.action_cancel()

    def test_confirm_only_drafts(self):
        sub = self._subscription()
        sub.action_confirm()
        with self.assertRaises(UserError):
            sub.action_confirm()

    def test_register_is_never_rewritten(self):
        line = self._register(self.partner, 10, "2024-01-01")
        with self.assertRaises(UserError):
            line.quantity = 20
        with self.assertRaises(UserError):
            line.unlink()

    def test_holdings_sum_the_ledger_at_a_date(self):
        self._register(self.partner, 10, "2024-01-01")
        self._register(self.partner, -4, "2025-01-01")
        Line = self.env["coop.share.line"]
        key = (self.partner.id, self.share_type.id)
        self.assertEqual(Line._coop_holdings(self.partner, date="2024-06-01")[key], 10)
        self.assertEqual(Line._coop_holdings(self.partner)[key], 6)
        self.assertEqual(self.partner.coop_share_qty, 6)

    def test_state_follows_the_register(self):
        self._register(self.partner, 10, "2024-01-01")
        self.partner.coop_welcome_date = "2024-02-01"
        self.partner._coop_update_state()
        self.assertTrue(self.partner.coop_is_member)
        self.assertTrue(self.partner.coop_can_shop)
        self._register(self.partner, -10, "2025-01-01")
        self.assertEqual(self.partner.coop_state, "former")

    def test_settings_choose_journal_and_delay(self):
        journal = self.env["account.journal"].create(
            {"name": "Capital bis", "code": "CAP2", "type": "sale"}
        )
        settings = self.env["res.config.settings"].create(
            {"coop_capital_journal_id": journal.id, "coop_sell_back_delay_months": 60}
        )
        settings.execute()
        self.assertEqual(self.company.coop_sell_back_delay_months, 60)
        sub = self._subscription()
        sub.action_confirm()
        self.assertEqual(sub.invoice_id.journal_id, journal)

    def test_register_payment_opens_the_invoice_wizard(self):
        sub = self._subscription()
        sub.action_confirm()
        action = sub.action_register_payment()
        self.assertEqual(action["res_model"], "account.payment.register")
        lines = self.env["account.move.line"].browse(action["context"]["active_ids"])
        self.assertEqual(lines.move_id, sub.invoice_id)
