# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# Context key set by the assembly's own flows (with sudo, after they checked
# the caller's group) to write the fields only a flow may write.
FLOW_KEY = "coop_governance_flow"
DESK_GROUP = "coop_membership.group_coop_member_desk"
CHAIR_GROUP = "coop_governance.group_coop_assembly_chair"
KINDS = [
    ("ordinary", "Ordinary general assembly"),
    ("extraordinary", "Extraordinary general assembly"),
    ("other", "Other body"),
]


class CoopAssembly(models.Model):
    """A general assembly (or another deliberating body) of the cooperative.

    Its voters are the members holding at least one share of the cooperative at
    the voters' cut-off date, read from the share register: one member, one
    vote, whatever the number of shares and whatever their work status.
    """

    _name = "coop.assembly"
    _description = "General assembly"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    # fields only the assembly's flows write (see ``write``)
    _flow_fields = frozenset(
        {
            "state",
            "convened_date",
            "opened_date",
            "closed_date",
            "quorum_voters",
            "quorum_present",
            "quorum_represented",
            "quorum_reached",
        }
    )

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, default="ordinary", tracking=True)
    call = fields.Selection(
        [("first", "First call"), ("second", "Second call")],
        string="Convocation",
        required=True,
        default="first",
        tracking=True,
        help="At second call, after a first assembly without quorum, the "
        "statutes usually ask for a lower quorum.",
    )
    date = fields.Datetime(required=True, tracking=True)
    place = fields.Char(tracking=True)
    online_allowed = fields.Boolean(
        string="Online participation",
        help="Voters may join from the member portal and vote there.",
    )
    cutoff_date = fields.Date(
        string="Voters' cut-off date",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="Voters are the members holding at least one share on this date.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Preparation"),
            ("convened", "Convened"),
            ("open", "In session"),
            ("closed", "Closed"),
            ("cancel", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    chair_id = fields.Many2one("res.partner", string="Chair", tracking=True)
    secretary_id = fields.Many2one("res.partner", string="Secretary", tracking=True)
    resolution_ids = fields.One2many(
        "coop.assembly.resolution", "assembly_id", string="Resolutions", copy=True
    )
    voter_ids = fields.One2many(
        "coop.assembly.voter", "assembly_id", string="Voters", readonly=True
    )
    proxy_ids = fields.One2many("coop.assembly.proxy", "assembly_id", string="Proxies")
    voter_count = fields.Integer(compute="_compute_voter_count")
    resolution_count = fields.Integer(compute="_compute_voter_count")
    convened_date = fields.Datetime(readonly=True, copy=False)
    opened_date = fields.Datetime(readonly=True, copy=False)
    closed_date = fields.Datetime(readonly=True, copy=False)
    quorum_voters = fields.Integer(
        string="Voters at opening", readonly=True, copy=False
    )
    quorum_present = fields.Integer(
        string="Present at opening", readonly=True, copy=False
    )
    quorum_represented = fields.Integer(
        string="Represented at opening", readonly=True, copy=False
    )
    quorum_reached = fields.Boolean(readonly=True, copy=False)
    note = fields.Html(string="Notes")

    @api.depends("voter_ids", "resolution_ids")
    def _compute_voter_count(self):
        voters = dict(
            self.env["coop.assembly.voter"]._read_group(
                [("assembly_id", "in", self.ids)], ["assembly_id"], ["__count"]
            )
        )
        for assembly in self:
            assembly.voter_count = voters.get(assembly, 0)
            assembly.resolution_count = len(assembly.resolution_ids)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_flow_write(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_flow_write(vals)
        if "cutoff_date" in vals and any(a.state != "draft" for a in self):
            raise UserError(
                _("The voters' cut-off date cannot change once members are convened.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        if any(a.state not in ("draft", "cancel") for a in self):
            raise UserError(
                _("Only an assembly in preparation or cancelled can be deleted.")
            )

    def _check_flow_write(self, vals):
        """The state, dates and quorum are written by the assembly's flows only
        (convene, open, close), never directly by a client."""
        if self._flow_fields.intersection(vals) and not (
            self.env.context.get(FLOW_KEY) and self.env.su
        ):
            raise AccessError(
                _("This is recorded by the assembly's actions (convene, open, close).")
            )

    def _flow_write(self, vals):
        # sudo: called by the flows after they checked the caller's group
        return self.sudo().with_context(**{FLOW_KEY: True}).write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_compute_voters(self):
        """Draw the voters' list from the share register (member desk)."""
        self._check_group(DESK_GROUP)
        for assembly in self:
            if assembly.state != "draft":
                raise UserError(
                    _("The voters' list is fixed once members are convened.")
                )
            if assembly.proxy_ids:
                raise UserError(
                    _("Proxies are recorded: the voters' list can no longer change.")
                )
            assembly._compute_voters_sql()
        return True

    def action_convene(self):
        """Fix the voters' list and the agenda: members are convened."""
        self._check_group(DESK_GROUP)
        for assembly in self:
            if assembly.state != "draft":
                raise UserError(_("Only an assembly in preparation is convened."))
            if not assembly.voter_ids:
                raise UserError(_("Draw the voters' list before convening."))
            if not assembly.resolution_ids:
                raise UserError(_("The agenda has no resolution."))
        self._flow_write({"state": "convened", "convened_date": fields.Datetime.now()})
        return True

    def action_close(self):
        """Close the session (chair)."""
        self._check_group(CHAIR_GROUP)
        if any(a.state != "open" for a in self):
            raise UserError(_("Only an assembly in session can be closed."))
        if self.resolution_ids.filtered(lambda r: r.vote_state == "open"):
            raise UserError(_("Close the votes still open first."))
        self._flow_write({"state": "closed", "closed_date": fields.Datetime.now()})
        return True

    def action_cancel(self):
        self._check_group(CHAIR_GROUP)
        if any(a.state == "closed" for a in self):
            raise UserError(_("A closed assembly cannot be cancelled."))
        self._flow_write({"state": "cancel"})

    def action_draft(self):
        self._check_group(CHAIR_GROUP)
        if any(a.state != "cancel" for a in self):
            raise UserError(_("Only a cancelled assembly goes back to preparation."))
        self._flow_write({"state": "draft"})

    def action_door_screen(self):
        """Open the sign-in screen of the door (tablet)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/coop/assembly/{self.id}/door",
            "target": "new",
        }

    def action_view_voters(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "coop_governance.coop_assembly_voter_action"
        )
        action["domain"] = [("assembly_id", "=", self.id)]
        action["context"] = {"default_assembly_id": self.id}
        return action

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _check_group(self, xmlid):
        """Refuse (in French for French users) a caller outside group ``xmlid``."""
        if not self.env.su and not self.env.user.has_group(xmlid):
            group = self.env.ref(xmlid)
            raise AccessError(
                _("Only the group %(group)s may do this.", group=group.display_name)
            )
        self.check_access("write" if self else "read")

    def _demo_give_proxies(self):
        """Demo data: the last two voters give a proxy to the first one, the
        one before them a blank proxy to the chair."""
        voters = self.voter_ids
        if len(voters) < 4:
            return
        Proxy = self.env["coop.assembly.proxy"]
        for giver in voters[-2:]:
            Proxy.create(
                {
                    "assembly_id": self.id,
                    "giver_id": giver.id,
                    "holder_id": voters[0].id,
                }
            )
        Proxy.create({"assembly_id": self.id, "giver_id": voters[-3].id})

    def _compute_voters_sql(self):
        """Voters = partners whose shares of this company, summed over the
        register up to the cut-off date included, are at least one.

        One grouped query over the register inserts the whole list (bought
        after the cut-off date: no vote; sold back before it: no vote). The
        college is the member's college at that moment. Rows go in by partner,
        so that the indexes on the partner fill page after page (a quarter
        faster at 20,000 voters than in the order of the grouping).
        """
        self.ensure_one()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL("DELETE FROM coop_assembly_voter WHERE assembly_id = %s", self.id)
        )
        cr.execute(
            SQL(
                """INSERT INTO coop_assembly_voter
                       (assembly_id, partner_id, partner_name, college_id,
                        company_id, present)
                   SELECT %(assembly)s, l.partner_id, p.name, p.coop_college_id,
                          %(company)s, FALSE
                     FROM coop_share_line l
                     JOIN res_partner p ON p.id = l.partner_id
                    WHERE l.date <= %(cutoff)s AND l.company_id = %(company)s
                    GROUP BY l.partner_id, p.name, p.coop_college_id
                   HAVING sum(l.quantity) > 0
                    ORDER BY l.partner_id""",
                assembly=self.id,
                company=self.company_id.id,
                cutoff=self.cutoff_date,
            )
        )
        self.env["coop.assembly.voter"].invalidate_model()
        self.invalidate_recordset(["voter_ids"])
        self.message_post(
            body=_(
                "Voters' list drawn from the share register at %(date)s: "
                "%(count)s voters.",
                date=self.cutoff_date,
                count=cr.rowcount,
            )
        )
