# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..tools import largest_remainder, round_to_packages


@tagged("at_install", "-post_install", "coop_purchase_centre")
class TestShareOut(BaseCase):
    """The sharing rule, on the issue's worked example and its edges."""

    def test_round_down_twelve_of_seventeen(self):
        # exact shares 3.53 / 2.82 / 5.65: floors 3 / 2 / 5, the two units
        # left go to the largest fractions (B .82, C .65)
        self.assertEqual(
            largest_remainder(12, {"A": 5, "B": 4, "C": 8}), {"A": 3, "B": 3, "C": 6}
        )

    def test_short_delivery_fifteen_of_seventeen(self):
        # exact shares 4.41 / 3.53 / 7.06: floors 4 / 3 / 7, one unit to B (.53)
        self.assertEqual(
            largest_remainder(15, {"A": 5, "B": 4, "C": 8}), {"A": 4, "B": 4, "C": 7}
        )

    def test_enough_gives_each_what_it_asked(self):
        self.assertEqual(largest_remainder(18, {"A": 5, "B": 4}), {"A": 5, "B": 4})

    def test_nothing_received(self):
        self.assertEqual(largest_remainder(0, {"A": 5, "B": 4}), {"A": 0, "B": 0})

    def test_ties_go_to_the_larger_then_the_first_order(self):
        self.assertEqual(largest_remainder(1, {"A": 2, "B": 2}), {"A": 1, "B": 0})
        self.assertEqual(largest_remainder(2, {"A": 1, "B": 3}), {"A": 0, "B": 2})

    def test_never_more_than_asked_and_sums_to_total(self):
        demands = {"A": 7, "B": 1, "C": 13, "D": 2}
        for total in range(24):
            share = largest_remainder(total, demands)
            self.assertEqual(sum(share.values()), min(total, 23))
            self.assertTrue(all(share[k] <= demands[k] for k in demands))

    def test_packages(self):
        self.assertEqual(round_to_packages(17, 6, "up"), 18)
        self.assertEqual(round_to_packages(17, 6, "down"), 12)
        self.assertEqual(round_to_packages(18, 6, "down"), 18)
