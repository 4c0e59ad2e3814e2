/** The ABCD grid: a cell shows seats filled/free and opens its template. */
import {registry} from "@web/core/registry";

const row = "tr:has(th:contains('05:15-06:45'))";

registry.category("web_tour.tours").add("CoopShiftAbcdGridTour", {
  steps: () => [
    {
      content: "the slot shows one standing member of three seats",
      trigger: `${row} .o_coop_grid_cell:contains('1/3'):has(.small:contains('2'))`,
    },
    {
      content: "one click opens the template",
      trigger: `${row} .o_coop_grid_cell:contains('1/3')`,
      run: "click",
    },
    {
      content: "the template form is shown",
      trigger: ".o_breadcrumb:contains('C - Wednesday 05:15-06:45')",
    },
  ],
});
