/** The shift leader's "today" screen: one tap per member marks attendance. */
import {registry} from "@web/core/registry";

function card(name) {
  return `.o_kanban_record:contains('${name}')`;
}

registry.category("web_tour.tours").add("CoopShiftTodayTour", {
  steps: () => [
    {
      content: "open the apps menu",
      trigger: ".o_navbar_apps_menu button",
      run: "click",
    },
    {
      content: "a leader-only user has a Shifts app",
      trigger: ".o_app[data-menu-xmlid='coop_shift.menu_coop_shift']",
      run: "click",
    },
    {
      content: "today's shift lists its members",
      trigger: `${card("Tour Present")} button[name='action_attended']`,
    },
    {
      content: "another team's shift is not shown",
      trigger: `.o_kanban_renderer:not(:has(${card("Tour Other Team")}))`,
    },
    {
      content: "tap: present",
      trigger: `${card("Tour Present")} button[name='action_attended']`,
      run: "click",
    },
    {
      content: "a mistaken tap can be undone",
      trigger: `${card("Tour Present")} button[name='action_reset']`,
      run: "click",
    },
    {
      content: "tap again: present",
      trigger: `${card("Tour Present")} button[name='action_attended']`,
      run: "click",
    },
    {
      content: "the member is marked, the buttons are gone",
      trigger: `${card("Tour Present")}:not(:has(button[name='action_attended']))`,
    },
    {
      content: "tap: absent",
      trigger: `${card("Tour Absent")} button[name='action_absent']`,
      run: "click",
    },
    {
      content: "the absent member is marked",
      trigger: `${card("Tour Absent")}:not(:has(button[name='action_absent']))`,
    },
    {
      content: "a volunteer came without booking",
      trigger: "button:contains('Add a walk-in volunteer')",
      run: "click",
    },
    {
      content: "choose the volunteer",
      trigger: ".modal .o_field_widget[name='partner_id'] input",
      run: "edit Tour Walk",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Tour Walk-in')",
      run: "click",
    },
    {
      content: "add them, present",
      trigger: ".modal button[name='action_confirm']",
      run: "click",
    },
    {
      content: "the volunteer is on the shift",
      trigger: `${card("Tour Walk-in")}`,
    },
  ],
});
