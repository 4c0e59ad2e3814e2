# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..tools import round_to_packages, smallest_divisors


@tagged("at_install", "-post_install", "coop_purchase_centre")
class TestShareOut(BaseCase):
    """The sharing rule, on the issue's worked example and its edges."""

    def test_round_down_twelve_of_seventeen_gives_four_three_five(self):
        # one unit each first; then the quotients asked ÷ given, A 5, 2.5,
        # 1.67 · B 4, 2 · C 8, 4, 2.67, 2: the nine largest give 4 / 3 / 5
        self.assertEqual(
            smallest_divisors(12, {"A": 5, "B": 4, "C": 8}), {"A": 4, "B": 3, "C": 5}
        )

    def test_short_delivery_fifteen_of_seventeen(self):
        # after one unit each, the twelve largest quotients: A 5, 2.5, 1.67 ·
        # B 4, 2, 1.33 · C 8, 4, 2.67, 2, 1.6, 1.33
        self.assertEqual(
            smallest_divisors(15, {"A": 5, "B": 4, "C": 8}), {"A": 4, "B": 4, "C": 7}
        )

    def test_enough_gives_each_what_it_asked(self):
        self.assertEqual(smallest_divisors(18, {"A": 5, "B": 4}), {"A": 5, "B": 4})

    def test_nothing_received(self):
        self.assertEqual(smallest_divisors(0, {"A": 5, "B": 4}), {"A": 0, "B": 0})

    def test_ties_go_to_the_larger_then_the_first_order(self):
        self.assertEqual(smallest_divisors(1, {"A": 2, "B": 2}), {"A": 1, "B": 0})
        self.assertEqual(smallest_divisors(1, {"A": 1, "B": 3}), {"A": 0, "B": 1})
        # one unit each, then B 8, A 4, B 4, B 2.67; the last unit: A's 4/2 and
        # B's 8/4 tie exactly, and the larger order wins
        self.assertEqual(smallest_divisors(7, {"A": 4, "B": 8}), {"A": 2, "B": 5})

    def test_every_coop_gets_a_unit_before_any_gets_a_second(self):
        self.assertEqual(
            smallest_divisors(3, {"A": 1, "B": 10, "C": 10}), {"A": 1, "B": 1, "C": 1}
        )

    def test_never_more_than_asked_and_sums_to_total(self):
        demands = {"A": 7, "B": 1, "C": 13, "D": 2}
        for total in range(24):
            share = smallest_divisors(total, demands)
            self.assertEqual(sum(share.values()), min(total, 23))
            self.assertTrue(all(share[k] <= demands[k] for k in demands))

    def test_packages(self):
        self.assertEqual(round_to_packages(17, 6, "up"), 18)
        self.assertEqual(round_to_packages(17, 6, "down"), 12)
        self.assertEqual(round_to_packages(18, 6, "down"), 18)
