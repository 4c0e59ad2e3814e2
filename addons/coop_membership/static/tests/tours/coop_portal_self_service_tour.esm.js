/** @odoo-module **/

import {registry} from "@web/core/registry";

// A member on a phone reads their status and its reason, then makes their
// calendar address (shown once) and stops it. Data comes from the Python test.
registry.category("web_tour.tours").add("coop_portal_status_calendar_tour", {
  steps: () => [
    {
      content: "My status is explained, with what to do next",
      trigger: "#coop_status_explained .o_coop_next_steps li",
    },
    {
      content: "Open my calendar",
      trigger: "a[href='/my/calendar']",
      run: "click",
    },
    {
      content: "Make my calendar address",
      trigger: ".o_coop_calendar_new",
      run: "click",
    },
    {
      content: "The address is shown once, with a button to add it",
      trigger: "#coop_calendar_url[value*='/coop/calendar/']",
    },
    {
      trigger: ".o_coop_calendar_add[href^='webcal://']",
    },
    {
      content: "Stop the address",
      trigger: ".o_coop_calendar_revoke",
      run: "click",
    },
    {
      content: "No address any more",
      trigger: ".o_coop_calendar_new:not(:has(+ form))",
      // let the page's lazy assets finish loading before the tour ends
      run: () => new Promise((resolve) => setTimeout(resolve, 1500)),
    },
  ],
});

// A member finds the download of everything the coop holds about them.
registry.category("web_tour.tours").add("coop_portal_data_tour", {
  steps: () => [
    {
      content: "Open my data",
      trigger: "a[href='/my/data']",
      run: "click",
    },
    {
      content: "The download is offered",
      trigger: "a.o_coop_data_download[href='/my/data/download']",
    },
  ],
});
