/** @odoo-module **/

import {registry} from "@web/core/registry";

// A trainer presents the signing page of a half-day on a tablet: the learner
// taps "Sign", the pad opens with their name, they validate; the page reloads
// showing the line as signed. Data comes from the Python test.
registry.category("web_tour.tours").add("coop_training_sign_tour", {
  steps: () => [
    {
      content: "Open the signature pad of the learner",
      trigger: ".o_coop_training_sign .list-group button[data-bs-toggle=modal]",
      run: "click",
    },
    {
      content: "The pad is ready with the learner's name",
      trigger: ".modal.show .o_web_sign_name_and_signature input",
    },
    {
      content: "Choose a handwriting style",
      trigger: ".modal.show .o_web_sign_auto_select_style button",
      run: "click",
    },
    {
      content: "Pick the second style",
      trigger: ".o-dropdown-item:eq(1)",
      run: "click",
    },
    {
      content: "Validate the signature",
      trigger: ".modal.show .o_portal_sign_submit:enabled",
      run: "click",
    },
    {
      content: "The line is now signed",
      trigger: ".o_coop_training_sign .list-group .text-success",
    },
  ],
});
