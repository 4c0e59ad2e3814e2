# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.tools import SQL

from .coop_assembly import DESK_GROUP

# The assembly's door (sign-in) sits apart from its preparation and session,
# one file per concern: the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class CoopAssembly(models.Model):
    """Sign-in at the door: a card scan or a name, for voters only."""

    _inherit = "coop.assembly"

    def sign_in_card(self, code):
        """Sign in the member whose card is scanned (member desk).

        Returns ``{"ok", "message", "name", "proxies"}``; refusals say why.
        """
        self.ensure_one()
        self._check_group(DESK_GROUP)
        code = (code or "").strip()
        # the till's lookup of a member card (coop_membership's point of sale
        # searches the same unique, indexed column)
        partner = code and self.env["res.partner"].search(
            [("coop_card_barcode", "=", code)], limit=1
        )
        if not partner:
            return self._door_answer(
                False, _("No member holds the card %(code)s.", code=code)
            )
        return self._sign_in_partner(partner)

    def sign_in_partner(self, partner_id, signature=None):
        """Sign in a member found by name (member desk)."""
        self.ensure_one()
        self._check_group(DESK_GROUP)
        partner = self.env["res.partner"].browse(int(partner_id)).exists()
        if not partner:
            return self._door_answer(False, _("This person does not exist."))
        return self._sign_in_partner(partner, signature=signature)

    def join_online(self):
        """The voter logged on the portal joins an assembly open online."""
        self.ensure_one()
        self.check_access("read")
        if not self.online_allowed:
            return self._door_answer(False, _("This assembly is not held online."))
        return self._sign_in_partner(self.env.user.partner_id, mode="online")

    def _sign_in_partner(self, partner, mode="door", signature=None):
        """Sign in ``partner`` if they are a voter not signed in yet."""
        if self.state not in ("convened", "open"):
            return self._door_answer(
                False, _("Sign-in is open from the convocation to the closing.")
            )
        voter = self.env["coop.assembly.voter"].search(
            [("assembly_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
        )
        if not voter:
            return self._door_answer(False, self._non_voter_reason(partner))
        # the voter's row holds their name: the partner is not read again
        name = voter.partner_name
        if voter.present:
            return self._door_answer(
                False, _("%(name)s has already signed in.", name=name), voter
            )
        held = voter._mark_present(mode, signature)
        return self._door_answer(
            True, _("%(name)s is signed in.", name=name), voter, held
        )

    def _non_voter_reason(self, partner):
        """Why ``partner`` does not vote at this assembly, in words."""
        if partner.coop_household_parent_id:
            return _(
                "%(name)s is a household member of %(member)s: only members "
                "holding shares vote.",
                name=partner.name,
                member=partner.coop_household_parent_id.name,
            )
        lines = self.env["coop.share.line"].sudo()  # sums only, for the reason
        domain = [
            ("partner_id", "=", partner.id),
            ("company_id", "=", self.company_id.id),
        ]
        [[before]] = lines._read_group(
            [*domain, ("date", "<=", self.cutoff_date)], [], ["quantity:sum"]
        )
        [[total]] = lines._read_group(domain, [], ["quantity:sum"])
        before, total = before or 0, total or 0
        values = {"name": partner.name, "date": self.cutoff_date}
        if before <= 0 < total:
            return _(
                "%(name)s held no share on the voters' cut-off date "
                "(%(date)s): shares bought after it give no vote here.",
                **values,
            )
        if before <= 0 and lines.search_count(
            [*domain, ("date", "<=", self.cutoff_date)]
        ):
            return _(
                "%(name)s had sold back their shares before the voters' cut-off "
                "date (%(date)s).",
                **values,
            )
        return _("%(name)s holds no share of the cooperative.", **values)

    def _door_answer(self, ok, message, voter=None, held=None):
        """What the door screen shows: ``held`` are the voter's valid proxies
        when the caller read them already."""
        if voter and held is None:
            held = voter.proxy_held_ids.filtered(lambda p: p.state == "valid")
        return {
            "ok": ok,
            "message": message,
            "name": voter.partner_name if voter else False,
            "proxies": held.giver_id.mapped("partner_name") if voter else [],
        }

    def _quorum_counts(self):
        """``{"voters", "present", "represented"}`` now, in one query.

        Represented: absent voters whose valid proxy is held by a voter present,
        or is blank (held by the chair).
        """
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT (SELECT count(*) FROM coop_assembly_voter
                            WHERE assembly_id = %(id)s),
                          (SELECT count(*) FROM coop_assembly_voter
                            WHERE assembly_id = %(id)s AND present),
                          (SELECT count(*) FROM coop_assembly_proxy p
                             JOIN coop_assembly_voter g ON g.id = p.giver_id
                             LEFT JOIN coop_assembly_voter h ON h.id = p.holder_id
                            WHERE p.assembly_id = %(id)s AND p.state = 'valid'
                              AND NOT g.present
                              AND (p.holder_id IS NULL OR h.present))""",
                id=self.id,
            )
        )
        voters, present, represented = self.env.cr.fetchone()
        return {"voters": voters, "present": present, "represented": represented}

    def _votes_present_by_college(self):
        """``{college_id or False: votes}``: voters present, and voters absent
        represented (by a voter present or the chair), per college."""
        self.ensure_one()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT v.college_id, count(*) FROM coop_assembly_voter v
                    WHERE v.assembly_id = %(id)s
                      AND (v.present OR EXISTS (
                           SELECT 1 FROM coop_assembly_proxy p
                             LEFT JOIN coop_assembly_voter h ON h.id = p.holder_id
                            WHERE p.giver_id = v.id AND p.state = 'valid'
                              AND (p.holder_id IS NULL OR h.present)))
                    GROUP BY v.college_id""",
                id=self.id,
            )
        )
        return {college or False: count for college, count in self.env.cr.fetchall()}
