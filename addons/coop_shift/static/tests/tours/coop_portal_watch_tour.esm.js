/** @odoo-module **/

import {registry} from "@web/core/registry";

// A member on a phone asks to be told when a seat frees on a day of the week,
// then stops watching it.
registry.category("web_tour.tours").add("coop_portal_watch_tour", {
  steps: () => [
    {
      content: "Open my alerts",
      trigger: "a[href='/my/watch']",
      run: "click",
    },
    {
      content: "Watch a day of the week",
      trigger: "select#coop_watch_kind",
      run: "select weekday",
    },
    {
      trigger: "select#coop_watch_weekday",
      run: "select 2",
    },
    {
      trigger: ".o_coop_watch_add button[type=submit]",
      run: "click",
    },
    {
      content: "The watch is listed; stop it",
      trigger: ".o_coop_watches li button[type=submit]",
      run: "click",
    },
    {
      content: "Nothing watched any more",
      trigger: "section:not(:has(.o_coop_watches))",
    },
  ],
});
