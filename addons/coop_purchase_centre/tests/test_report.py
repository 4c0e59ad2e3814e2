# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CentreCommon


@tagged("post_install", "-at_install", "coop_purchase_centre")
class TestReport(CentreCommon):
    """Volumes and values: 17 asked, 18 ordered, 15 arrived; centre's price 2.10."""

    def test_volumes_and_values_per_coop(self):
        order = self.order.with_user(self.staff)
        self.run_to_done(order, 15)
        Report = self.env["coop.group.order.report"].with_user(self.staff)
        rows = Report._read_group(
            [("order_id", "=", order.id)],
            ["coop_id"],
            [
                "quantity:sum",
                "final_quantity:sum",
                "allocated_quantity:sum",
                "amount:sum",
                "amount_final:sum",
                "amount_allocated:sum",
            ],
        )
        figures = {coop: values for coop, *values in rows}
        self.assertEqual(figures[self.coop_a][:3], [5, 5, 4])
        self.assertEqual(figures[self.coop_c][:3], [8, 8, 7])
        for coop, (asked, final, allocated, *amounts) in figures.items():
            quantities = (asked, final, allocated)
            for quantity, amount in zip(quantities, amounts, strict=True):
                self.assertAlmostEqual(amount, quantity * 2.1, msg=coop.name)
        total = Report._read_group(
            [("order_id", "=", order.id), ("state", "=", "done")],
            [],
            ["allocated_quantity:sum", "amount_allocated:sum"],
        )
        self.assertEqual(total[0][0], 15)
        self.assertAlmostEqual(total[0][1], 31.5)
        request = order.request_ids.filtered(lambda r: r.coop_id == self.coop_b)
        self.assertAlmostEqual(request.amount_allocated, 4 * 2.1)

    def test_rounding_avoided_per_coop(self):
        """Alone, in packages of 6: A (5) buys 1 unit too many, B (4) 2, C (8)
        4; at the producer's price 2.00. Less the 1 unit the centre keeps,
        the order's saving."""
        Report = self.env["coop.group.order.report"].with_user(self.staff)
        rows = Report._read_group(
            [("order_id", "=", self.order.id)],
            ["coop_id"],
            ["alone_excess:sum", "alone_excess_amount:sum"],
        )
        figures = {coop: (units, amount) for coop, units, amount in rows}
        self.assertEqual(figures[self.coop_a], (1, 2.0))
        self.assertEqual(figures[self.coop_b], (2, 4.0))
        self.assertEqual(figures[self.coop_c], (4, 8.0))
        total = sum(units for units, _amount in figures.values())
        line = self.order.product_line_ids
        self.assertEqual(total - line.grouped_excess, self.order.saved_units)

    def test_buyers_do_not_see_the_report(self):
        buyer = self._buyer("report_buyer", self.coop_a)
        with self.assertRaises(AccessError):
            self.env["coop.group.order.report"].with_user(buyer).search([])
