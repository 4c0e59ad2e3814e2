/** The shift leader's "today" screen: one tap per member marks attendance. */
import {registry} from "@web/core/registry";

function card(name) {
  return `.o_kanban_record:contains('${name}')`;
}

registry.category("web_tour.tours").add("CoopShiftTodayTour", {
  steps: () => [
    {
      content: "today's shift lists its members",
      trigger: `${card("Tour Present")} button[name='action_attended']`,
    },
    {
      content: "tap: present",
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
  ],
});
