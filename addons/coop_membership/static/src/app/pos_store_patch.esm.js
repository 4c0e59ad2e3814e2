/** Members-only till: ask the server, refuse with the reason, allow a manager override. */
import {
  AlertDialog,
  ConfirmationDialog,
} from "@web/core/confirmation_dialog/confirmation_dialog";
import {NumberPopup} from "@point_of_sale/app/utils/input_popups/number_popup";
import {PosStore} from "@point_of_sale/app/store/pos_store";
import {_t} from "@web/core/l10n/translation";
import {makeAwaitable} from "@point_of_sale/app/store/make_awaitable_dialog";
import {patch} from "@web/core/utils/patch";

patch(PosStore.prototype, {
  async setup() {
    // Order uuid -> partner id a manager let through on this till.
    this.coopOverrides = {};
    await super.setup(...arguments);
  },

  async selectPartner() {
    const result = await super.selectPartner(...arguments);
    const order = this.get_order();
    if (order && order.get_partner()) {
      await this.coopAllowOrderPartner(order);
    }
    return result;
  },

  /**
   * May the order's customer buy now? Never trusts the loaded partner data:
   * asks the server (which logs a refusal), refreshes the partner, and on a
   * refusal shows the reason and offers a manager override.
   * Returns true when the order may go on.
   */
  async coopAllowOrderPartner(order) {
    if (!this.config.coop_members_only) {
      return true;
    }
    const partner = order.get_partner();
    if (!partner) {
      this.dialog.add(AlertDialog, {
        title: _t("Members only"),
        body: _t("Select the member (scan their card) before payment."),
      });
      return false;
    }
    if (this.coopOverrides[order.uuid] === partner.id) {
      return true;
    }
    const result = await this.data.call("res.partner", "coop_pos_check_can_shop", [
      [partner.id],
      this.config.id,
    ]);
    partner.update(result.partner);
    if (result.can_shop) {
      return true;
    }
    const override = await this.coopAskRefusal(partner, result.reason);
    if (override && (await this.coopManagerOverride(partner))) {
      this.coopOverrides[order.uuid] = partner.id;
      return true;
    }
    order.set_partner(false);
    return false;
  },

  /**
   * Show why the customer may not shop. "Refuse" is the main answer (also on
   * closing the dialog); the manager override is the secondary one.
   * Resolves to true when the cashier asks for an override.
   */
  coopAskRefusal(partner, reason) {
    return new Promise((resolve) => {
      this.dialog.add(
        ConfirmationDialog,
        {
          title: _t("%s may not shop", partner.name),
          body: reason || _t("This person is not a member who may shop."),
          confirmLabel: _t("Refuse"),
          confirm: () => resolve(false),
          cancelLabel: _t("Manager override"),
          cancel: () => resolve(true),
          dismiss: () => resolve(false),
        },
        {onClose: () => resolve(false)}
      );
    });
  },

  /** Ask a POS manager's PIN; the server checks it and logs the override. */
  async coopManagerOverride(partner) {
    const pin = await makeAwaitable(this.dialog, NumberPopup, {
      title: _t("Manager PIN"),
      formatDisplayedValue: (x) => x.replace(/./g, "•"),
    });
    if (!pin) {
      return false;
    }
    const result = await this.data.call("res.partner", "coop_pos_override", [
      [partner.id],
      this.config.id,
      pin,
    ]);
    if (!result.ok) {
      this.dialog.add(AlertDialog, {
        title: _t("Wrong PIN"),
        body: result.message,
      });
      return false;
    }
    this.notification.add(_t("Allowed by %s", result.manager), {type: "warning"});
    return true;
  },
});
