/** Members-only till: a member buys, a candidate is refused, a manager overrides. */
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as NumberPopup from "@point_of_sale/../tests/tours/utils/number_popup_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import {registry} from "@web/core/registry";
import {scan_barcode} from "@point_of_sale/../tests/tours/utils/common";

// Cards given to the tour's members by the Python test (test_pos_tour.py).
const MEMBER_CARD = "2800000900014";
const CANDIDATE_CARD = "2800000900021";

function payCash() {
  return [
    ProductScreen.clickPayButton(),
    PaymentScreen.clickPaymentMethod("Cash"),
    PaymentScreen.clickValidate(),
  ].flat();
}

registry.category("web_tour.tours").add("CoopMembersOnlyTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),

      // No customer: the order cannot be paid.
      ProductScreen.addOrderline("Desk Pad", "1"),
      payCash(),
      Dialog.is({title: "Members only"}),
      Dialog.confirm(),
      PaymentScreen.clickBack(),

      // A member scans their card and buys.
      scan_barcode(MEMBER_CARD),
      ProductScreen.customerIsSelected("Ana Membre"),
      payCash(),
      ReceiptScreen.isShown(),
      ReceiptScreen.clickNextOrder(),

      // A candidate is refused, with the reason.
      ProductScreen.addOrderline("Desk Pad", "1"),
      scan_barcode(CANDIDATE_CARD),
      Dialog.is({title: "Bea Candidate may not shop"}),
      {
        content: "the refusal gives the reason",
        trigger: ".modal-body:contains('Candidate: the welcome session has not been attended yet')",
      },
      Dialog.confirm("Refuse"),
      {
        content: "the refused member is not the customer",
        trigger: ".product-screen .set-partner:not(:contains('Bea'))",
      },

      // A POS manager lets her buy with their PIN.
      scan_barcode(CANDIDATE_CARD),
      Dialog.confirm("Manager override", ".btn-secondary"),
      NumberPopup.enterValue("7391"),
      Dialog.confirm("Ok"),
      ProductScreen.customerIsSelected("Bea Candidate"),

      // The customer list shows who may shop, and why not.
      ProductScreen.clickPartnerButton(),
      {
        content: "a member who may shop is marked so",
        trigger: ".partner-line:contains('Ana Membre') .o_coop_may_shop",
      },
      {
        content: "a blocked member shows the reason",
        trigger:
          ".partner-line:contains('Bea Candidate') .o_coop_blocked:contains('Candidate: the welcome session')",
      },
      Dialog.discard(),
      ProductScreen.customerIsSelected("Bea Candidate"),
      payCash(),
      ReceiptScreen.isShown(),
    ].flat(),
});
