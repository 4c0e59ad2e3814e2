// Copyright 2026 Coop Communs
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import * as Chrome from "@point_of_sale/../tests/tours/utils/chrome_util";
import * as Dialog from "@point_of_sale/../tests/tours/utils/dialog_util";
import * as PaymentScreen from "@point_of_sale/../tests/tours/utils/payment_screen_util";
import * as ProductScreen from "@point_of_sale/../tests/tours/utils/product_screen_util";
import * as ReceiptScreen from "@point_of_sale/../tests/tours/utils/receipt_screen_util";
import * as TextInputPopup from "@point_of_sale/../tests/tours/utils/text_input_popup_util";
import * as TicketScreen from "@point_of_sale/../tests/tours/utils/ticket_screen_util";
import {registry} from "@web/core/registry";

const BENEFICIARY = "AAA SSA Alice";
const SSA = "SSA fund";

function selectBeneficiary() {
  return [
    ProductScreen.clickPartnerButton(),
    ProductScreen.clickCustomer(BENEFICIARY),
    ProductScreen.customerIsSelected(BENEFICIARY),
  ].flat();
}

// Carrots (100 %), cheese (70 %) and soda (not payable), 10 each.
function basketOfThree() {
  return [
    ProductScreen.clickDisplayedProduct("SSA Carrots"),
    ProductScreen.clickDisplayedProduct("SSA Cheese"),
    ProductScreen.clickDisplayedProduct("SSA Soda"),
  ].flat();
}

// The server checks and books the SSA payment before the receipt: on a busy
// machine that takes longer than a step's default 10 s.
function receiptShown() {
  return [
    {
      content: "the order is synced and the receipt screen is shown",
      trigger: ".pos .receipt-screen",
      timeout: 30000,
    },
  ];
}

function receiptShowsSsa(paid, balance) {
  return [
    {
      content: `receipt shows ${paid} paid by SSA`,
      trigger: `.receipt-screen .ssa-receipt:contains("${paid}")`,
    },
    {
      content: `receipt shows a remaining balance of ${balance}`,
      trigger: `.receipt-screen .ssa-balance:contains("${balance}")`,
    },
  ];
}

registry.category("web_tour.tours").add("CoopSsaMixedBasketTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      basketOfThree(),
      {
        content: "the soda line is marked as not payable by SSA",
        trigger: ".orderline:contains('SSA Soda') .ssa-not-eligible",
      },
      {
        content: "the cheese line shows its 70 % coverage",
        trigger: ".orderline:contains('SSA Cheese') .ssa-eligible:contains('70')",
      },
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      // eligible = 10 × 100 % + 10 × 70 % = 17, balance 50
      PaymentScreen.clickPaymentMethod(SSA, true, {
        amount: "17.00",
        remaining: "13.00",
      }),
      PaymentScreen.clickPaymentMethod("Cash", true, {remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
      receiptShowsSsa("17.00", "33.00"),
      ReceiptScreen.clickNextOrder(),
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaOverspendTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.addOrderline("SSA Carrots", "6"),
      ProductScreen.clickPayButton(),
      {
        content: "without a beneficiary, SSA is refused",
        trigger:
          ".paymentmethods .button.paymentmethod .payment-name:contains('SSA fund')",
        run: "click",
      },
      Dialog.is({title: "Food allowance (SSA)"}),
      Dialog.confirm(),
      PaymentScreen.clickBack(),
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      // balance 50 < eligible 60
      PaymentScreen.clickPaymentMethod(SSA, true, {
        amount: "50.00",
        remaining: "10.00",
      }),
      PaymentScreen.clickNumpad("6 0"),
      Dialog.is({title: "Food allowance (SSA)"}),
      Dialog.confirm(),
      PaymentScreen.selectedPaymentlineHas(SSA, "50.00"),
      PaymentScreen.clickPaymentMethod("Cash", true, {remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
      receiptShowsSsa("50.00", "0.00"),
      ReceiptScreen.clickNextOrder(),
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaRefundTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.addOrderline("SSA Carrots", "2"),
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      PaymentScreen.clickPaymentMethod(SSA, true, {amount: "20.00", remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
      receiptShowsSsa("20.00", "30.00"),
      ReceiptScreen.clickNextOrder(),
      ProductScreen.clickRefund(),
      TicketScreen.selectOrder("-0001"),
      ProductScreen.clickNumpad("1"),
      TicketScreen.confirmRefund(),
      ProductScreen.clickPayButton(),
      PaymentScreen.clickPaymentMethod(SSA, true, {
        amount: "-10.00",
        remaining: "0.00",
      }),
      PaymentScreen.clickValidate(),
      receiptShown(),
      receiptShowsSsa("-10.00", "40.00"),
      ReceiptScreen.clickNextOrder(),
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaOfflineTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.clickDisplayedProduct("SSA Carrots"),
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      {
        content: "the till loses its connection",
        trigger: ".payment-screen",
        run: () => {
          window.posmodel.data.network.offline = true;
        },
      },
      {
        content: "SSA is refused while offline",
        trigger:
          ".paymentmethods .button.paymentmethod .payment-name:contains('SSA fund')",
        run: "click",
      },
      {
        content: "the refusal says why",
        trigger: ".modal-body:contains('offline')",
      },
      Dialog.confirm(),
      {
        content: "the connection is back",
        trigger: ".payment-screen",
        run: () => {
          window.posmodel.data.network.offline = false;
        },
      },
      PaymentScreen.clickPaymentMethod("Cash", true, {remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
      {
        content: "no SSA line on the receipt",
        trigger: ".receipt-screen:not(:has(.ssa-receipt))",
      },
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaExternalTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.clickDisplayedProduct("SSA Carrots"),
      ProductScreen.clickDisplayedProduct("SSA Soda"),
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      // an external fund: the till asks for the voucher numbers
      PaymentScreen.clickPaymentMethod(SSA),
      {
        content: "the till asks for the external reference",
        trigger: ".modal .modal-title:contains('External reference')",
      },
      Dialog.discard(),
      {
        content: "without a reference, no SSA line",
        trigger: ".payment-screen:not(:has(.paymentline:contains('SSA fund')))",
      },
      PaymentScreen.clickPaymentMethod(SSA),
      TextInputPopup.inputText("MONA-42"),
      Dialog.confirm("Apply"),
      // no balance is kept here: SSA pays what is eligible (the carrots)
      PaymentScreen.selectedPaymentlineHas(SSA, "10.00"),
      PaymentScreen.remainingIs("10.00"),
      PaymentScreen.clickPaymentMethod("Cash", true, {remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaSummaryTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      basketOfThree(),
      selectBeneficiary(),
      ProductScreen.clickPayButton(),
      // before any payment line: balance 50, eligible 10 + 7, rest 30 - 17
      {
        content: "the payment screen shows the beneficiary's balance",
        trigger: ".payment-screen .ssa-summary-balance:contains('50.00')",
      },
      {
        content: "the payment screen shows the basket's eligible total",
        trigger: ".payment-screen .ssa-summary-eligible:contains('17.00')",
      },
      {
        content: "the payment screen shows what stays to pay",
        trigger: ".payment-screen .ssa-summary-rest:contains('13.00')",
      },
      PaymentScreen.clickPaymentMethod(SSA, true, {amount: "17.00"}),
      PaymentScreen.clickPaymentMethod("Cash", true, {remaining: "0.00"}),
      PaymentScreen.clickValidate(),
      receiptShown(),
    ].flat(),
});

registry.category("web_tour.tours").add("CoopSsaHiddenMethodTour", {
  steps: () =>
    [
      Chrome.startPoS(),
      Dialog.confirm("Open Register"),
      ProductScreen.clickDisplayedProduct("SSA Carrots"),
      ProductScreen.clickPayButton(),
      {
        content: "the cash method is offered",
        trigger: ".paymentmethods .button.paymentmethod:contains('Cash')",
      },
      {
        content: "the SSA method is not offered to a till user without the SSA group",
        trigger: `.paymentmethods:not(:has(.button.paymentmethod:contains('${SSA}')))`,
      },
    ].flat(),
});
