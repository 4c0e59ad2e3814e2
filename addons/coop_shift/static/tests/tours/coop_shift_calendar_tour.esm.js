/** The shift calendar as the shift office: free seats, colours, past weeks. */
import {registry} from "@web/core/registry";

function card(letter, colour) {
  return `.fc-event.o_calendar_color_${colour}:contains('${letter} - Mercredi 05:15-06:45')`;
}

registry.category("web_tour.tours").add("CoopShiftCalendarTour", {
  steps: () => [
    {
      content: "open the apps menu",
      trigger: ".o_navbar_apps_menu button",
      run: "click",
    },
    {
      content: "the Shifts app",
      trigger: ".o_app[data-menu-xmlid='coop_shift.menu_coop_shift']",
      run: "click",
    },
    {
      content: "the shifts, as a calendar",
      trigger: "[data-menu-xmlid='coop_shift.menu_coop_shift_shifts']",
      run: "click",
    },
    {
      content: "a full shift is red and says no seat is free",
      trigger: `${card("D", 1)}:contains('0 place(s) libre(s)')`,
    },
    {
      content: "a shift with one seat left is orange",
      trigger: `${card("C", 2)}:contains('1 place(s) libre(s)')`,
    },
    {
      content: "a shift with seats free is green, dated the French way",
      trigger: `${card("B", 10)}:contains('5 place(s) libre(s)')`,
      run() {
        const text = this.anchor.textContent;
        if (!/\(\d{2}\/\d{2}\/\d{4}\)/.test(text)) {
          throw new Error(`not a French date: ${text}`);
        }
      },
    },
    {
      content: "back one week",
      trigger: ".o_calendar_button_prev",
      run: "click",
    },
    {
      content: "last week's closed shift is shown, blue",
      trigger: card("A", 4),
    },
  ],
});
