// Copyright 2026 Coop Communs
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {PosOrder} from "@point_of_sale/app/models/pos_order";
import {PosOrderline} from "@point_of_sale/app/models/pos_order_line";
import {patch} from "@web/core/utils/patch";

patch(PosOrderline.prototype, {
  /** Coverage rate (0-100) of the line's product; 0 = not payable by SSA. */
  get ssaRate() {
    return this.product_id.ssa_rate || 0;
  },
  ssaEligibleAmount() {
    return (this.get_price_with_tax() * this.ssaRate) / 100;
  },
  getDisplayData() {
    const data = super.getDisplayData(...arguments);
    if (this.models["pos.payment.method"].some((pm) => pm.ssa_fund_id)) {
      data.ssaRate = this.ssaRate;
    }
    return data;
  },
});

patch(PosOrder.prototype, {
  /** Σ(line total × coverage): what the allowance may pay on this order. */
  ssaEligibleAmount() {
    return this.lines.reduce((sum, line) => sum + line.ssaEligibleAmount(), 0);
  },
  ssaPaymentLines() {
    return this.payment_ids.filter((p) => p.payment_method_id.ssa_fund_id);
  },
  export_for_printing() {
    const data = super.export_for_printing(...arguments);
    const ssaLines = this.ssaPaymentLines();
    if (ssaLines.length) {
      const wallet = this.uiState.ssaWallet || {};
      const paid = ssaLines.reduce((sum, p) => sum + p.amount, 0);
      const serverBalance = ssaLines.at(-1).ssa_balance_after;
      data.ssa = {
        paid,
        unit: ssaLines[0].payment_method_id.ssa_fund_id.unit_label,
        balance:
          wallet.balance === null || wallet.balance === undefined
            ? null
            : typeof this.id === "number"
              ? serverBalance
              : wallet.balance - paid,
      };
    }
    return data;
  },
});
