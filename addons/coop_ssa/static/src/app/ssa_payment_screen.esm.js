// Copyright 2026 Coop Communs
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {AlertDialog} from "@web/core/confirmation_dialog/confirmation_dialog";
import {ConnectionLostError} from "@web/core/network/rpc";
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {TextInputPopup} from "@point_of_sale/app/utils/input_popups/text_input_popup";
import {_t} from "@web/core/l10n/translation";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";
import {roundPrecision} from "@web/core/utils/numbers";

patch(PaymentScreen.prototype, {
  ssaAlert(body) {
    this.dialog.add(AlertDialog, {title: _t("Food allowance (SSA)"), body});
  },

  /** What SSA may pay now: min(balance, eligible, due); refunds: max(due, eligible). */
  ssaCap(order, otherSsaAmount = 0) {
    const wallet = order.uiState.ssaWallet || {};
    const rounding = this.pos.currency.rounding;
    const eligible = order.ssaEligibleAmount();
    const due = order.get_total_with_tax();
    if (due < 0) {
      return roundPrecision(Math.max(due, eligible), rounding);
    }
    let cap = Math.min(eligible, due) - otherSsaAmount;
    if (wallet.balance !== null && wallet.balance !== undefined) {
      cap = Math.min(cap, wallet.balance - otherSsaAmount);
    }
    return roundPrecision(Math.max(cap, 0), rounding);
  },

  /**
   * The server answers for the customer of an order it holds, at this till:
   * the order is synced as a draft first, then its wallet is read. Reads run
   * one after the other (a second read waits for the first one's sync), and
   * the sale's validation waits for them.
   */
  ssaReadWallet(fund, order) {
    const read = async () => {
      await this.pos.syncAllOrders({orders: [order], throw: true});
      return await this.pos.data.call("coop.ssa.beneficiary", "pos_ssa_wallet", [
        fund.id,
        order.id,
      ]);
    };
    this.ssaReads = (this.ssaReads || Promise.resolve()).then(read, read);
    return this.ssaReads;
  },

  async validateOrder() {
    await (this.ssaReads || Promise.resolve()).catch(() => null);
    return await super.validateOrder(...arguments);
  },

  async ssaFetchWallet(fund, order) {
    if (this.pos.data.network.offline) {
      this.ssaAlert(_t("SSA payments are refused while the till is offline."));
      return false;
    }
    if (!order.get_partner()) {
      this.ssaAlert(
        _t("Identify the beneficiary first: scan the SSA card or choose the customer.")
      );
      return false;
    }
    let wallet = false;
    try {
      wallet = await this.ssaReadWallet(fund, order);
    } catch (error) {
      if (error instanceof ConnectionLostError) {
        this.ssaAlert(_t("The SSA balance could not be read: SSA is refused offline."));
        return false;
      }
      throw error;
    }
    if (!wallet.ok) {
      this.ssaAlert(wallet.reason);
      return false;
    }
    return wallet;
  },

  async addNewPaymentLine(paymentMethod) {
    const fund = paymentMethod.ssa_fund_id;
    if (!fund) {
      return super.addNewPaymentLine(...arguments);
    }
    const order = this.currentOrder;
    const wallet = await this.ssaFetchWallet(fund, order);
    if (!wallet) {
      return false;
    }
    order.uiState.ssaWallet = wallet;
    const alreadySsa = order.ssaPaymentLines().reduce((sum, p) => sum + p.amount, 0);
    const cap = this.ssaCap(order, alreadySsa);
    if (!cap) {
      this.ssaAlert(_t("Nothing in this basket can be paid by SSA."));
      return false;
    }
    let reference = "";
    if (fund.mode === "external") {
      reference = await makeAwaitable(this.dialog, TextInputPopup, {
        title: _t("External reference or voucher numbers"),
      });
      if (!reference) {
        return false;
      }
    }
    const result = await super.addNewPaymentLine(...arguments);
    if (result) {
      const line = this.paymentLines.at(-1);
      line.set_amount(cap);
      line.ssa_external_ref = reference;
      this.numberBuffer.reset();
    }
    return result;
  },

  updateSelectedPaymentline() {
    super.updateSelectedPaymentline(...arguments);
    const line = this.selectedPaymentLine;
    if (!line || !line.payment_method_id.ssa_fund_id) {
      return;
    }
    const order = this.currentOrder;
    const others = order
      .ssaPaymentLines()
      .filter((p) => p !== line)
      .reduce((sum, p) => sum + p.amount, 0);
    const cap = this.ssaCap(order, others);
    if (Math.abs(line.amount) > Math.abs(cap) + 0.000001) {
      line.set_amount(cap);
      this.numberBuffer.set(cap.toString());
      this.ssaAlert(
        _t("Overspend refused: SSA can pay at most %(cap)s on this order.", {
          cap: this.env.utils.formatCurrency(cap),
        })
      );
    }
  },

  async _isOrderValid() {
    const order = this.currentOrder;
    const ssaLines = order.ssaPaymentLines();
    if (ssaLines.length) {
      if (this.pos.data.network.offline) {
        this.ssaAlert(_t("SSA payments are refused while the till is offline."));
        return false;
      }
      const paid = ssaLines.reduce((sum, p) => sum + p.amount, 0);
      const cap = this.ssaCap(order);
      if (Math.abs(paid) > Math.abs(cap) + 0.000001) {
        this.ssaAlert(
          _t("Overspend refused: SSA can pay at most %(cap)s on this order.", {
            cap: this.env.utils.formatCurrency(cap),
          })
        );
        return false;
      }
    }
    return super._isOrderValid(...arguments);
  },
});
