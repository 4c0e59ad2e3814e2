/** Members-only till: no payment without a customer who may shop (checked now). */
import {PaymentScreen} from "@point_of_sale/app/screens/payment_screen/payment_screen";
import {patch} from "@web/core/utils/patch";

patch(PaymentScreen.prototype, {
  async _isOrderValid() {
    if (!(await this.pos.coopAllowOrderPartner(this.currentOrder))) {
      return false;
    }
    return await super._isOrderValid(...arguments);
  },
});
