# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestRuleTable(CoopMemberCase):
    """The printed rule table is the table the engine evaluates."""

    def test_printed_table_is_the_code(self):
        Partner = self.env["res.partner"]
        rules = sorted(Partner._coop_state_rules(), key=lambda r: r.sequence)
        printed = Partner._coop_rule_table()
        self.assertEqual(len(printed), len(rules) + 1, "every row and the default")
        labels = dict(Partner._fields["coop_state"]._description_selection(self.env))
        for rule, row in zip(rules, printed, strict=False):
            self.assertTrue(callable(rule.selector), "the predicate is a function")
            self.assertEqual(row["sequence"], rule.sequence)
            self.assertEqual(row["state"], labels[rule.state])
            self.assertEqual(row["can_shop"], rule.can_shop)
            self.assertEqual(row["condition"], str(rule.condition))
            self.assertEqual(row["reason"], str(rule.reason or ""))
        self.assertEqual(printed[-1]["state"], labels["not_member"])
        self.assertFalse(printed[-1]["can_shop"])

    def test_staff_screen_prints_every_row_in_order(self):
        desk = new_test_user(
            self.env,
            login="rules_desk",
            groups="coop_membership.group_coop_member_desk",
        )
        screen = Form(self.env["coop.state.rule.table"].with_user(desk)).save()
        html = str(screen.table_html)
        position = 0
        for row in self.env["res.partner"]._coop_rule_table():
            for cell in (row["state"], row["condition"]):
                found = html.find(cell, position)
                self.assertGreaterEqual(found, 0, f"{cell!r} printed in order")
                position = found

    def test_table_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        rows = self.env["res.partner"].with_context(lang="fr_FR")._coop_rule_table()
        candidate = next(row for row in rows if row["sequence"] == 150)
        self.assertEqual(
            candidate["reason"],
            "Candidat·e : la réunion d'accueil n'a pas encore été suivie",
        )
        self.assertEqual(candidate["state"], "Candidat·e")
