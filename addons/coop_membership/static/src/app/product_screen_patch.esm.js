/** Members-only till: a scanned member card selects the member, then checks them. */
import {ProductScreen} from "@point_of_sale/app/screens/product_screen/product_screen";
import {patch} from "@web/core/utils/patch";

patch(ProductScreen.prototype, {
  async _getPartnerByBarcode(code) {
    const partners = this.pos.models["res.partner"];
    let partner = partners.find((p) => p.coop_card_barcode === code.code);
    if (!partner) {
      // indexed plain column: served by its index, unlike the jsonb barcode
      const found = await this.pos.data.searchRead("res.partner", [
        ["coop_card_barcode", "=", code.code],
      ]);
      partner = found.length > 0 && found[0];
    }
    return partner || (await super._getPartnerByBarcode(...arguments));
  },

  async _barcodePartnerAction() {
    await super._barcodePartnerAction(...arguments);
    if (this.currentOrder.get_partner()) {
      await this.pos.coopAllowOrderPartner(this.currentOrder);
    }
  },
});
