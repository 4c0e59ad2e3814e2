# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .common import CoopMemberCase


@tagged("post_install", "-at_install")
class TestMemberNumberSequence(CoopMemberCase):
    """Numbers given by an import or by hand move the sequence past them."""

    def test_newcomer_after_importing_numbers(self):
        # numbers ahead of the sequence, as an import of an older register
        sequence = self.env.ref("coop_membership.seq_coop_member_number")
        self.env.cr.execute(
            "SELECT coalesce(max(coop_member_number), 0) FROM res_partner"
        )
        first = max(self.env.cr.fetchone()[0] + 1, sequence.number_next_actual)
        numbers = range(first, first + 30)
        desk = new_test_user(
            self.env, login="num_desk", groups="coop_membership.group_coop_member_desk"
        )
        # as the import creates them: numbers given, shares recorded after
        imported = (
            self.env["res.partner"]
            .with_user(desk)
            .create(
                [{"name": f"Importé {n}", "coop_member_number": n} for n in numbers]
            )
        )
        for partner in imported:
            self._give_shares(partner, 1)
        imported._coop_update_state()
        self.assertEqual(imported.mapped("coop_member_number"), list(numbers))
        newcomer = self._create_member("Nouvelle")
        self.assertEqual(newcomer.coop_member_number, first + 30)

    def test_number_typed_by_the_desk(self):
        member = self._create_member("Ancienne")
        member.coop_member_number = member.coop_member_number + 500
        newcomer = self._create_member("Suivante")
        self.assertEqual(newcomer.coop_member_number, member.coop_member_number + 1)
