// Copyright 2026 Coop Communs
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {onMounted, useState} from "@odoo/owl";
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {patch} from "@web/core/utils/patch";

// Before paying, the cashier reads the beneficiary's balance, the basket's
// eligible total and what stays to pay in another way.
patch(PaymentScreen.prototype, {
  setup() {
    super.setup(...arguments);
    this.ssaSummary = useState({wallet: null, fund: null});
    onMounted(() => this.ssaLoadSummary());
  },

  async ssaLoadSummary() {
    const fund = this.payment_methods_from_config.find(
      (pm) => pm.ssa_fund_id
    )?.ssa_fund_id;
    const partner = this.currentOrder.get_partner();
    if (!fund || !partner || this.pos.data.network.offline) {
      return;
    }
    try {
      const wallet = await this.ssaReadWallet(fund, this.currentOrder);
      if (wallet.ok) {
        this.currentOrder.uiState.ssaWallet = wallet;
        Object.assign(this.ssaSummary, {wallet, fund});
      }
    } catch {
      // The summary is a help only: the payment itself reports any error.
      return;
    }
  },

  get ssaFigures() {
    const wallet = this.ssaSummary.wallet;
    if (!wallet) {
      return null;
    }
    const order = this.currentOrder;
    const due = order.get_total_with_tax();
    const eligible = Math.min(order.ssaEligibleAmount(), due);
    const internal = wallet.balance !== null && wallet.balance !== undefined;
    const ssa = internal ? Math.min(wallet.balance, eligible) : eligible;
    return {
      balance: internal ? wallet.balance : null,
      eligible,
      rest: due - Math.max(ssa, 0),
      unit: this.ssaSummary.fund.unit_label,
    };
  },
});
