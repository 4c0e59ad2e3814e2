/** @odoo-module **/

import {registry} from "@web/core/registry";

// A beneficiary on a phone opens their allowance from their membership page.
registry.category("web_tour.tours").add("coop_portal_allowance_tour", {
  steps: () => [
    {
      content: "Open my allowance",
      trigger: "a[href='/my/allowance']",
      run: "click",
    },
    {
      content: "Balance and this month's allowance",
      trigger: ".o_coop_allowance_summary dd",
    },
    {
      content: "The movements",
      trigger: ".o_coop_allowance_lines tbody tr",
    },
  ],
});
