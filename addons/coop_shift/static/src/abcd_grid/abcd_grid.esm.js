/** The ABCD grid: templates as weeks x days x time slots, seats filled/free. */
import {Component, onWillStart, useState} from "@odoo/owl";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {Layout} from "@web/search/layout";

export class CoopShiftAbcdGrid extends Component {
  static template = "coop_shift.AbcdGrid";
  static components = {Layout};
  static props = ["*"];

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.state = useState({data: null});
    onWillStart(() => this.load());
  }

  async load() {
    this.state.data = await this.orm.call(
      "coop.shift.template",
      "coop_grid_data",
      []
    );
  }

  cells(week, day, slot) {
    return this.state.data.cells[`${week}|${day}|${slot}`] || [];
  }

  cellClass(cell) {
    if (!cell.seats) {
      return "text-bg-light";
    }
    if (cell.free <= 0) {
      return "text-bg-danger";
    }
    return cell.free === 1 ? "text-bg-warning" : "text-bg-success";
  }

  openTemplate(cell) {
    this.action.doAction({
      type: "ir.actions.act_window",
      res_model: "coop.shift.template",
      res_id: cell.id,
      views: [[false, "form"]],
      target: "current",
    });
  }
}

registry.category("actions").add("coop_shift_abcd_grid", CoopShiftAbcdGrid);
