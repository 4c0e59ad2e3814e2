// Copyright 2026 Coop Communs
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {Orderline} from "@point_of_sale/app/generic_components/orderline/orderline";
import {patch} from "@web/core/utils/patch";

// The line's coverage rate (0 = not payable by SSA) is shown as a badge.
patch(Orderline, {
  props: {
    ...Orderline.props,
    line: {
      ...Orderline.props.line,
      shape: {
        ...Orderline.props.line.shape,
        ssaRate: {type: Number, optional: true},
      },
    },
  },
});
