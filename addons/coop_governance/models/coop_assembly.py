# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

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
CONVOCATION_REPORT = "coop_governance.action_report_assembly_convocation"
CONVOCATION_MAIL = "coop_governance.mail_template_assembly_convocation"


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

    # the session: the quorum, live and as recorded at the opening
    quorum_threshold = fields.Float(
        string="Quorum required (%)",
        compute="_compute_quorum_threshold",
        help="From the company settings, for this kind of assembly and call.",
    )
    live_present = fields.Integer(string="Present", compute="_compute_live_quorum")
    live_represented = fields.Integer(
        string="Represented", compute="_compute_live_quorum"
    )
    live_ratio = fields.Float(string="Quorum (%)", compute="_compute_live_quorum")
    live_quorum_reached = fields.Boolean(
        string="Quorum reached", compute="_compute_live_quorum"
    )

    # the convocation
    notice_deadline = fields.Date(
        string="Convene before",
        compute="_compute_notice",
        help="Last day to convene the members (company setting: days of notice).",
    )
    notice_too_short = fields.Boolean(compute="_compute_notice")

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

    @api.depends("kind", "call", "company_id")
    def _compute_quorum_threshold(self):
        for assembly in self:
            assembly.quorum_threshold = assembly.company_id._coop_quorum_threshold(
                assembly.kind, assembly.call
            )

    @api.depends_context("uid")
    def _compute_live_quorum(self):
        for assembly in self:
            counts = assembly._quorum_counts() if assembly.id else {}
            assembly.live_present = counts.get("present", 0)
            assembly.live_represented = counts.get("represented", 0)
            assembly.live_ratio = assembly._quorum_ratio(counts)
            assembly.live_quorum_reached = assembly._is_quorum_reached(counts)

    @api.depends("date", "company_id.coop_assembly_notice_days", "state")
    @api.depends_context("tz")
    def _compute_notice(self):
        """The notice rule: members are convened at least N days (company
        setting) before the assembly; closer than that, the assembly warns."""
        today = fields.Date.context_today(self)
        for assembly in self:
            if not assembly.date:
                assembly.notice_deadline = False
                assembly.notice_too_short = False
                continue
            day = fields.Date.context_today(assembly, assembly.date)
            days = assembly.company_id.coop_assembly_notice_days
            assembly.notice_deadline = day - timedelta(days=days)
            sent = (assembly.convened_date and assembly.convened_date.date()) or today
            assembly.notice_too_short = sent > assembly.notice_deadline

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
        """Convene (member desk): fix the voters' list and the agenda, then mail
        every voter the convocation with its PDF (agenda and proxy form); record
        who was convened and when. Too close to the date, the chatter says so."""
        self._check_group(DESK_GROUP)
        for assembly in self:
            if assembly.state != "draft":
                raise UserError(_("Only an assembly in preparation is convened."))
            if not assembly.voter_ids:
                raise UserError(_("Draw the voters' list before convening."))
            if not assembly.resolution_ids:
                raise UserError(_("The agenda has no resolution."))
        self._flow_write({"state": "convened", "convened_date": fields.Datetime.now()})
        for assembly in self:
            assembly._send_convocations()
            if assembly.notice_too_short:
                assembly.message_post(
                    body=_(
                        "Members were convened less than %(days)s days before the "
                        "assembly (deadline: %(deadline)s).",
                        days=assembly.company_id.coop_assembly_notice_days,
                        deadline=assembly.notice_deadline,
                    )
                )
        return True

    def action_open(self):
        """Open the session (chair): the quorum is recorded; without it the
        assembly cannot deliberate and is not opened."""
        self._check_group(CHAIR_GROUP)
        for assembly in self:
            if assembly.state != "convened":
                raise UserError(_("Only a convened assembly can be opened."))
            counts = assembly._quorum_counts()
            if not assembly._is_quorum_reached(counts):
                raise UserError(
                    _(
                        "The quorum is not reached: %(ratio).1f %% of the voters "
                        "are present or represented, %(required).1f %% are "
                        "required. Convene the members again on second call.",
                        ratio=assembly._quorum_ratio(counts),
                        required=assembly.quorum_threshold,
                    )
                )
            assembly._flow_write(
                {
                    "state": "open",
                    "opened_date": fields.Datetime.now(),
                    "quorum_voters": counts["voters"],
                    "quorum_present": counts["present"],
                    "quorum_represented": counts["represented"],
                    "quorum_reached": True,
                }
            )
            assembly.message_post(
                body=_(
                    "Session opened: %(present)s present, %(represented)s "
                    "represented, out of %(voters)s voters.",
                    **counts,
                )
            )
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

    def action_quorum_screen(self):
        """The live quorum on a large screen (refreshes itself)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/coop/assembly/{self.id}/quorum",
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

    def action_print_convocation(self):
        return self.env.ref(CONVOCATION_REPORT).report_action(self)

    def action_print_minutes(self):
        return self.env.ref(
            "coop_governance.action_report_assembly_minutes"
        ).report_action(self)

    # ------------------------------------------------------------------
    # Actions of the door (sign-in: a card scan or a name, voters only)
    # ------------------------------------------------------------------
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

    def _quorum_ratio(self, counts):
        """Present and represented voters, in percent of the voters."""
        if not counts.get("voters"):
            return 0.0
        return 100.0 * (counts["present"] + counts["represented"]) / counts["voters"]

    def _is_quorum_reached(self, counts):
        """The quorum rule: the voters present or represented reach the
        percentage of all voters the statutes set for this kind of assembly
        and call (first or second); at least one voter must be present."""
        self.ensure_one()
        if not counts.get("present"):
            return False
        return self._quorum_ratio(counts) >= self.quorum_threshold - 1e-9

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

    def _send_convocations(self):
        """One PDF for the assembly, attached to one mail per voter with an
        address (in the voter's language); the others get it by post."""
        self.ensure_one()
        # sudo: the desk convenes (checked by action_convene); the PDF and the
        # mails are made from the assembly only
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(CONVOCATION_REPORT, self.ids)
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": _("Convocation - %(name)s.pdf", name=self.name),
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        voters = self.voter_ids.filtered(lambda v: v.partner_id.email)
        template = self.env.ref(CONVOCATION_MAIL).sudo()
        template.send_mail_batch(
            voters.ids, email_values={"attachment_ids": [(4, attachment.id)]}
        )
        self.env.cr.execute(
            SQL(
                """UPDATE coop_assembly_voter
                      SET convened_date = now() at time zone 'UTC',
                          convened_by_mail = id = ANY(%s)
                    WHERE assembly_id = %s""",
                voters.ids,
                self.id,
            )
        )
        self.voter_ids.invalidate_recordset(["convened_date", "convened_by_mail"])
        self.message_post(
            body=_(
                "Convocation mailed to %(mailed)s voters; %(post)s voters "
                "without an e-mail address are to be convened by post.",
                mailed=len(voters),
                post=len(self.voter_ids) - len(voters),
            ),
            attachment_ids=attachment.ids,
        )
