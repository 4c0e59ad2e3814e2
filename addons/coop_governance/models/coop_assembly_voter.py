# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

from .coop_assembly import FLOW_KEY


class CoopAssemblyVoter(models.Model):
    """A member entitled to vote at an assembly (one member, one vote).

    The list is drawn from the share register by the assembly
    (``_compute_voters_sql``); nobody creates or edits a voter by hand: the
    access rights give read only, the flows (sign-in) write with a bounded
    ``sudo`` and the flow's context key.
    """

    _name = "coop.assembly.voter"
    _description = "Voter at a general assembly"
    # drawn by thousands in one INSERT: no create/write uid and date (the
    # sign-in records its own user and time)
    _log_access = False
    _order = "partner_name, id"
    _rec_name = "partner_name"

    assembly_id = fields.Many2one(
        "coop.assembly", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner", required=True, ondelete="restrict", index=True, readonly=True
    )
    partner_name = fields.Char(string="Name", readonly=True)
    member_number = fields.Integer(related="partner_id.coop_member_number")
    college_id = fields.Many2one("coop.assembly.college", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    present = fields.Boolean(readonly=True)
    signin_date = fields.Datetime(string="Signed in at", readonly=True)
    signin_user_id = fields.Many2one("res.users", string="Signed in by", readonly=True)
    signin_mode = fields.Selection(
        [("door", "At the door"), ("online", "Online")], readonly=True
    )
    signature = fields.Binary(readonly=True, attachment=True)
    convened_date = fields.Datetime(string="Convened on", readonly=True)
    convened_by_mail = fields.Boolean(readonly=True)
    proxy_given_ids = fields.One2many(
        "coop.assembly.proxy", "giver_id", string="Proxies given"
    )
    proxy_held_ids = fields.One2many(
        "coop.assembly.proxy", "holder_id", string="Proxies held"
    )
    proxy_held_count = fields.Integer(compute="_compute_proxy_counts")
    represented = fields.Boolean(
        compute="_compute_proxy_counts",
        help="Absent, with a valid proxy given to a voter present or to the chair.",
    )

    _sql_constraints = [
        (
            "partner_uniq",
            "unique(assembly_id, partner_id)",
            "A member is a voter only once at an assembly.",
        ),
    ]

    @api.depends("proxy_held_ids.state", "proxy_given_ids.state", "present")
    def _compute_proxy_counts(self):
        for voter in self:
            held = voter.proxy_held_ids.filtered(lambda p: p.state == "valid")
            given = voter.proxy_given_ids.filtered(lambda p: p.state == "valid")
            voter.proxy_held_count = len(held)
            voter.represented = bool(
                given and (given.is_blank or given.holder_id.present)
            )

    def write(self, vals):
        if not (self.env.context.get(FLOW_KEY) and self.env.su):
            raise AccessError(_("Voters are recorded by the assembly's actions only."))
        return super().write(vals)

    def _mark_present(self, mode="door", signature=None):
        """Sign the voter in: their own proxies fall (they vote in person).
        Returns the valid proxies they hold (read with those they gave, in
        one query: the door's hot path)."""
        self.ensure_one()
        vals = {
            "present": True,
            "signin_date": fields.Datetime.now(),
            "signin_user_id": self.env.uid,
            "signin_mode": mode,
        }
        if signature:
            vals["signature"] = signature
        proxies = self.env["coop.assembly.proxy"].search(
            [
                ("state", "=", "valid"),
                "|",
                ("giver_id", "=", self.id),
                ("holder_id", "=", self.id),
            ],
            order="id",
        )
        # sudo: the sign-in checked the caller (desk, or the voter online)
        self.sudo().with_context(**{FLOW_KEY: True}).write(vals)
        given = proxies.filtered(lambda p: p.giver_id == self)
        given._void("giver_present")
        return proxies - given

    def _ballots_to_cast(self, voted):
        """``[(resolution, voter)]`` this voter may still cast on secret
        ballots open now: their own vote and those of their proxies.
        ``voted`` are the participations already recorded."""
        if not self or not self.present:
            return []
        done = {(p.resolution_id.id, p.voter_id.id) for p in voted}
        # sudo: read the names of the voters whose proxy this voter holds
        self = self.sudo()  # noqa: PLW0642
        voters = (
            self | self.proxy_held_ids.filtered(lambda p: p.state == "valid").giver_id
        )
        resolutions = self.assembly_id.resolution_ids.filtered(
            lambda r: r.vote_mode == "secret" and r.vote_state == "open"
        )
        return [
            (resolution, voter)
            for resolution in resolutions
            for voter in voters
            if (resolution.id, voter.id) not in done
        ]
