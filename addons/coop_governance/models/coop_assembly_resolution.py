# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .coop_assembly import CHAIR_GROUP, FLOW_KEY

MAJORITIES = [
    ("simple", "Simple majority"),
    ("two_thirds", "Two thirds"),
    ("three_quarters", "Three quarters"),
]
# Share of the votes cast (for + against) a resolution needs, and whether
# reaching it exactly is enough.
THRESHOLDS = {
    "simple": (1 / 2, False),
    "two_thirds": (2 / 3, True),
    "three_quarters": (3 / 4, True),
}
CHOICES = {"for": "votes_for", "against": "votes_against", "abstain": "votes_abstain"}


class CoopAssemblyResolution(models.Model):
    """A resolution on the agenda of an assembly, and its vote."""

    _name = "coop.assembly.resolution"
    _description = "Resolution"
    _order = "assembly_id, sequence, id"

    # fields only the vote's flows write (see ``write``)
    _vote_fields = frozenset(
        {
            "vote_state",
            "votes_possible",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "weighted_for",
            "result",
        }
    )

    assembly_id = fields.Many2one(
        "coop.assembly", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assembly_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True, translate=True)
    text = fields.Html(string="Text of the resolution", translate=True)
    majority = fields.Selection(
        MAJORITIES,
        required=True,
        compute="_compute_majority",
        store=True,
        readonly=False,
        precompute=True,
        help="Share of the votes cast (for and against; abstentions are not "
        "votes cast) the resolution needs to be adopted.",
    )

    # the vote: show of hands or secret electronic ballot
    vote_mode = fields.Selection(
        [("hands", "Show of hands"), ("secret", "Secret electronic ballot")],
        default="hands",
        required=True,
    )
    vote_state = fields.Selection(
        [("pending", "Not voted yet"), ("open", "Vote open"), ("closed", "Voted")],
        default="pending",
        required=True,
        readonly=True,
        copy=False,
    )
    votes_possible = fields.Integer(
        string="Votes present",
        readonly=True,
        copy=False,
        help="Voters present and represented when the vote opened.",
    )
    votes_for = fields.Integer(string="For", readonly=True, copy=False)
    votes_against = fields.Integer(string="Against", readonly=True, copy=False)
    votes_abstain = fields.Integer(string="Abstentions", readonly=True, copy=False)
    weighted_for = fields.Float(
        string="For (% of votes cast)",
        readonly=True,
        copy=False,
        help="With colleges: each college's share of votes for, weighted.",
    )
    result = fields.Selection(
        [("adopted", "Adopted"), ("rejected", "Rejected")], readonly=True, copy=False
    )
    tally_ids = fields.One2many(
        "coop.assembly.tally", "resolution_id", string="Results per college"
    )
    participation_count = fields.Integer(
        string="Ballots cast", compute="_compute_participation_count"
    )

    @api.depends("assembly_id.kind")
    def _compute_majority(self):
        """By default, an extraordinary assembly decides at two thirds and any
        other at simple majority; each resolution may set its own rule."""
        for resolution in self:
            if not resolution.majority:
                kind = resolution.assembly_id.kind
                resolution.majority = (
                    "two_thirds" if kind == "extraordinary" else "simple"
                )

    def _compute_participation_count(self):
        counts = dict(
            self.env["coop.assembly.participation"]
            .sudo()  # a count only, shown to whoever sees the resolution
            ._read_group(
                [("resolution_id", "in", self.ids)], ["resolution_id"], ["__count"]
            )
        )
        for resolution in self:
            resolution.participation_count = counts.get(resolution, 0)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        assemblies = self.env["coop.assembly"].browse(
            {vals.get("assembly_id") for vals in vals_list}
        )
        if any(a.state != "draft" for a in assemblies):
            raise UserError(_("The agenda is fixed once members are convened."))
        return super().create(vals_list)

    def write(self, vals):
        if self._vote_fields.intersection(vals) and not (
            self.env.context.get(FLOW_KEY) and self.env.su
        ):
            raise AccessError(_("Votes are recorded by the vote's actions only."))
        if {"name", "text", "majority", "assembly_id"}.intersection(vals) and any(
            r.assembly_id.state != "draft" for r in self
        ):
            raise UserError(_("The agenda is fixed once members are convened."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(r.assembly_id.state != "draft" for r in self):
            raise UserError(_("The agenda is fixed once members are convened."))

    # ------------------------------------------------------------------
    # Actions of the chair
    # ------------------------------------------------------------------
    def action_open_vote(self):
        """Open the vote (chair): the assembly is in session; the ballot boxes
        (one per college) are made now, before any ballot."""
        self.ensure_one()
        self.assembly_id._check_group(CHAIR_GROUP)
        if self.assembly_id.state != "open" or self.vote_state != "pending":
            raise UserError(_("The vote opens once, while the assembly is in session."))
        present = self.assembly_id._votes_present_by_college()
        colleges = list(present) or [False]
        # sudo: ballot boxes are written by the vote's flows only
        self.env["coop.assembly.tally"].sudo().create(
            [{"resolution_id": self.id, "college_id": c} for c in colleges]
        )
        self._vote_write(
            {"vote_state": "open", "votes_possible": sum(present.values())}
        )
        return True

    def record_show_of_hands(
        self, votes_for, votes_against, votes_abstain, college_id=False
    ):
        """The chair enters the counts of a show of hands (per college, if
        any). The rule: counts are not negative and add up to no more than
        the votes present (present and represented voters of that college)."""
        self.ensure_one()
        self.assembly_id._check_group(CHAIR_GROUP)
        if self.vote_mode != "hands" or self.vote_state != "open":
            raise UserError(_("This resolution is not being voted by show of hands."))
        counts = [int(votes_for), int(votes_against), int(votes_abstain)]
        present = self.assembly_id._votes_present_by_college().get(
            college_id or False, 0
        )
        if min(counts) < 0 or sum(counts) > present:
            raise UserError(
                _(
                    "%(total)s votes counted, but only %(present)s votes are "
                    "present or represented: count again.",
                    total=sum(counts),
                    present=present,
                )
            )
        tally = self.sudo().tally_ids.filtered(
            lambda t: t.college_id.id == (college_id or False)
        )
        if not tally:
            raise UserError(_("No voter of this college is present."))
        tally.write(dict(zip(CHOICES.values(), counts, strict=True)))
        return True

    def action_show_of_hands(self):
        """Open the count form of a show of hands."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Show of hands"),
            "res_model": "coop.assembly.hands",
            "view_mode": "form",
            "target": "new",
            "context": {"default_resolution_id": self.id},
        }

    def action_close_vote(self):
        """Close the vote (chair) and write its result."""
        self.ensure_one()
        self.assembly_id._check_group(CHAIR_GROUP)
        if self.vote_state != "open":
            raise UserError(_("This vote is not open."))
        self._vote_write({"vote_state": "closed", **self._result_values()})
        return True

    # ------------------------------------------------------------------
    # The secret ballot (members, on the portal)
    # ------------------------------------------------------------------
    def cast_vote(self, choice, voter_id=False):
        """The logged-in voter casts a secret ballot: their own vote, or (with
        ``voter_id``) the vote of a voter whose valid proxy they hold. Each
        voter's vote is cast once; *that* it was cast is recorded apart from
        the ballot, which only adds one to a counter. The assembly's chair
        holds the blank proxies and votes with them as they vote themselves
        (``_chair_blank_givers``)."""
        self.ensure_one()
        self.check_access("read")
        if choice not in CHOICES:
            raise UserError(_("Vote for, against, or abstain."))
        if self.vote_mode != "secret" or self.vote_state != "open":
            raise UserError(_("This resolution is not open to a secret ballot."))
        caster, voters = self._ballot_voters(voter_id)
        Participation = self.env["coop.assembly.participation"].sudo()
        # sudo: the caller is checked above; a participation says who, not how
        done = Participation.search(
            [("resolution_id", "=", self.id), ("voter_id", "in", voters.ids)]
        ).voter_id
        if (caster and caster in done) or voters <= done:
            raise UserError(
                _(
                    "The vote of %(name)s has already been cast.",
                    name=(done & caster or done)[:1].partner_name,
                )
            )
        voters -= done
        Participation.create(
            [
                {"resolution_id": self.id, "voter_id": v.id, "cast_by_id": caster.id}
                for v in voters
            ]
        )
        for college, count in voters._read_group(
            [("id", "in", voters.ids)], ["college_id"], ["__count"]
        ):
            self._add_ballot(college, choice, count)
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _is_adopted(self, majority, votes_for, votes_against):
        """The majority rule: a resolution is adopted when the votes for reach
        the rule's share of the votes cast (for + against): more than half for
        a simple majority, at least two thirds or three quarters otherwise.
        Without any vote cast, it is not adopted."""
        cast = votes_for + votes_against
        if cast <= 0:
            return False
        share, inclusive = THRESHOLDS[majority]
        ratio = votes_for / cast
        # tolerance against float rounding (e.g. 2/3 computed from weights)
        return ratio >= share - 1e-9 if inclusive else ratio > share + 1e-9

    def _ballot_voters(self, voter_id):
        """``(caster, voters)``: the logged-in voter, present, and the voters
        whose vote this ballot casts: themselves, or a voter absent whose
        proxy they hold. The chair's own ballot also carries the blank
        proxies; a chair who is not a voter casts only those."""
        Voter = self.env["coop.assembly.voter"].sudo()  # checked against the user
        caster = Voter.search(
            [
                ("assembly_id", "=", self.assembly_id.id),
                ("partner_id", "=", self.env.user.partner_id.id),
            ],
            limit=1,
        )
        blanks = self._chair_blank_givers()
        if not caster and not blanks:
            raise AccessError(_("You are not a voter of this assembly."))
        if caster and not caster.present:
            raise UserError(_("Sign in (at the door or online) before voting."))
        if not voter_id or voter_id == caster.id:
            return caster, (caster | blanks)
        givers = (
            blanks
            | caster.proxy_held_ids.filtered(lambda p: p.state == "valid").giver_id
        )
        voter = givers.filtered(lambda v: v.id == voter_id)
        if not voter:
            raise AccessError(_("You hold no valid proxy from this voter."))
        return caster, voter

    def _chair_blank_givers(self):
        """The rule of blank proxies: a proxy given without a name goes to the
        assembly's chair, who votes with it on each resolution as they vote
        themselves. Returns the givers of the valid blank proxies when the
        logged-in user is the assembly's chair, else no voter."""
        assembly = self.assembly_id.sudo()  # the chair's own proxies only
        if not assembly.chair_id or assembly.chair_id != self.env.user.partner_id:
            return self.env["coop.assembly.voter"].sudo()
        return assembly.proxy_ids.filtered(
            lambda p: p.state == "valid" and p.is_blank
        ).giver_id

    def _blank_ballots_to_cast(self, voted):
        """``[(resolution, no voter)]``: the open secret ballots on which the
        logged-in chair, not a voter, still has blank proxies to cast.
        ``voted`` are the participations already recorded."""
        cast = {(p.resolution_id.id, p.voter_id.id) for p in voted}
        return [
            (resolution, self.env["coop.assembly.voter"])
            for resolution in self.filtered(
                lambda r: r.vote_mode == "secret" and r.vote_state == "open"
            )
            if any(
                (resolution.id, giver.id) not in cast
                for giver in resolution._chair_blank_givers()
            )
        ]

    def _add_ballot(self, college, choice, count=1):
        """Add ``count`` to a counter of the ballot box: one UPDATE that writes
        no user, no date and no id of anyone."""
        column = CHOICES[choice]
        self.env.cr.execute(
            SQL(
                """UPDATE coop_assembly_tally SET %s = %s + %s
                    WHERE resolution_id = %s AND college_id IS NOT DISTINCT FROM %s""",
                SQL.identifier(column),
                SQL.identifier(column),
                count,
                self.id,
                college.id or None,
            )
        )
        self.env["coop.assembly.tally"].invalidate_model([column])

    def _result_values(self):
        """Totals and result. Without colleges: one member, one vote. With
        colleges: each college's share of votes for (of its votes cast) is
        weighted by the college's weight, among colleges that cast votes."""
        tallies = (
            self.env["coop.assembly.tally"]
            .sudo()
            .search([("resolution_id", "=", self.id)])
        )
        totals = {f: sum(tallies.mapped(f)) for f in CHOICES.values()}
        weighted = [
            (t.college_id.weight, t.votes_for / (t.votes_for + t.votes_against))
            for t in tallies
            if t.college_id and t.votes_for + t.votes_against
        ]
        if weighted:
            weight = sum(w for w, _share in weighted)
            share = sum(w * s for w, s in weighted) / weight
        else:
            cast = totals["votes_for"] + totals["votes_against"]
            share = totals["votes_for"] / cast if cast else 0.0
        adopted = self._is_adopted(self.majority, share, 1 - share) and (
            totals["votes_for"] > 0
        )
        return {
            **totals,
            "weighted_for": 100 * share,
            "result": "adopted" if adopted else "rejected",
        }

    def _vote_write(self, vals):
        # sudo: called by the vote's flows after they checked the caller
        self.sudo().with_context(**{FLOW_KEY: True}).write(vals)

    @api.model
    def _ballot_choices(self):
        return list(CHOICES)
