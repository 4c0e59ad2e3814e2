/** A member on a phone: propose a swap and withdraw it, offer a service and
 * withdraw the offer, then "I can't come". */
import {registry} from "@web/core/registry";

/** Click ``this.anchor`` answering "yes" to the confirmation it asks. */
function confirmAndClick() {
  window.confirm = () => true;
  this.anchor.click();
}

registry.category("web_tour.tours").add("CoopShiftExchangeTour", {
  url: "/my/shifts",
  steps: () => [
    {
      content: "propose my service in exchange for the one offered",
      trigger: "form[action$='/swap'] button[type='submit']",
      run: confirmAndClick,
    },
    {
      content: "the proposal waits for an answer; withdraw it",
      trigger: "form[action*='/swap/'][action$='/withdraw'] button",
      run: confirmAndClick,
    },
    {
      content: "the swap can be proposed again",
      trigger: "form[action$='/swap'] button[type='submit']",
    },
    {
      content: "offer my service",
      trigger: "form[action$='/offer'] button",
      run: confirmAndClick,
    },
    {
      content: "the offer can be withdrawn",
      trigger: "form[action$='/withdraw']:not([action*='/swap/']) button",
      run: confirmAndClick,
    },
    {
      content: "the offer is withdrawn",
      trigger: "form[action$='/offer'] button",
    },
    {
      content: "I can't come",
      trigger: "form[action$='/cant_come'] button",
      run: confirmAndClick,
    },
    {
      content: "done: the service left my next shifts",
      trigger: "body:not(:has(form[action$='/cant_come'])) .alert-success",
    },
  ],
});
