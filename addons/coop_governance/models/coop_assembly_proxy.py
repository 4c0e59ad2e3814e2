# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .coop_assembly import DESK_GROUP, FLOW_KEY


class CoopAssemblyProxy(models.Model):
    """A proxy (pouvoir): a voter asks another voter to vote in their name.

    Without a holder, the proxy is blank and goes to the chair. Proxies are
    evidence: they are never edited nor deleted, only voided (by the member
    desk, or when their giver signs in at the door).
    """

    _name = "coop.assembly.proxy"
    _description = "Proxy"
    _order = "assembly_id, id"
    _rec_name = "giver_id"

    assembly_id = fields.Many2one(
        "coop.assembly", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assembly_id.company_id", store=True)
    giver_id = fields.Many2one(
        "coop.assembly.voter",
        string="Given by",
        required=True,
        ondelete="restrict",
        index=True,
        domain="[('assembly_id', '=', assembly_id)]",
    )
    holder_id = fields.Many2one(
        "coop.assembly.voter",
        string="Given to",
        ondelete="restrict",
        index="btree_not_null",
        domain="[('assembly_id', '=', assembly_id), ('id', '!=', giver_id)]",
        help="Empty: a blank proxy, given to the chair.",
    )
    received_date = fields.Date(default=fields.Date.context_today, required=True)
    state = fields.Selection(
        [("valid", "Valid"), ("void", "Void")],
        default="valid",
        required=True,
        readonly=True,
    )
    void_reason = fields.Selection(
        [
            ("giver_present", "Its giver signed in"),
            ("cancelled", "Cancelled by the member desk"),
        ],
        readonly=True,
    )
    is_blank = fields.Boolean(
        string="Blank (to the chair)", compute="_compute_is_blank", store=True
    )

    @api.depends("holder_id")
    def _compute_is_blank(self):
        for proxy in self:
            proxy.is_blank = not proxy.holder_id

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        proxies = self.browse()
        for vals in vals_list:
            if (vals.get("state") or "valid") != "valid" or vals.get("void_reason"):
                raise AccessError(_("A proxy is recorded valid, then voided."))
            # checked before writing: a refused proxy leaves nothing behind
            self._check_proxy_rules(vals)
            proxies |= super().create([vals])
        return proxies

    def write(self, vals):
        if not (self.env.context.get(FLOW_KEY) and self.env.su):
            raise UserError(_("A proxy is never changed: void it and record another."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(_("A proxy is evidence: void it instead of deleting it."))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_void(self):
        """The member desk cancels a proxy (e.g. withdrawn by its giver)."""
        self.env["coop.assembly"]._check_group(DESK_GROUP)
        self.check_access("read")
        if any(p.assembly_id.state not in ("draft", "convened", "open") for p in self):
            raise UserError(
                _("The assembly is over: its proxies are kept as they are.")
            )
        self.filtered(lambda p: p.state == "valid")._void("cancelled")
        return True

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _void(self, reason):
        # sudo: the callers checked the caller's group (desk) or are the sign-in
        self.sudo().with_context(**{FLOW_KEY: True}).write(
            {"state": "void", "void_reason": reason}
        )

    @api.model
    def _check_proxy_rules(self, vals):
        """The proxy rules, checked on the server whatever the client sends:
        the giver and the holder are voters of the assembly, distinct; the
        giver is not signed in and gives one valid proxy at most; the holder
        has not given their own vote away and holds at most the company's
        number of proxies (blank proxies go to the chair, without limit)."""
        assembly = self.env["coop.assembly"].browse(vals.get("assembly_id"))
        Voter = self.env["coop.assembly.voter"]
        giver = Voter.browse(vals.get("giver_id"))
        holder = Voter.browse(vals.get("holder_id") or [])
        if assembly.state not in ("draft", "convened", "open"):
            raise ValidationError(_("This assembly no longer takes proxies."))
        if giver.assembly_id != assembly or (holder and holder.assembly_id != assembly):
            raise ValidationError(
                _("The giver and the holder must both be voters of the assembly.")
            )
        if holder == giver:
            raise ValidationError(_("A voter cannot give a proxy to themselves."))
        if giver.present:
            raise ValidationError(
                _("%(name)s is present and votes in person.", name=giver.display_name)
            )
        self._check_counts(
            assembly, giver, holder, assembly.company_id.coop_assembly_proxy_max
        )

    @api.model
    def _check_counts(self, assembly, giver, holder, limit):
        """One valid proxy per giver; at most ``limit`` per holder; a giver
        does not hold proxies. The holder's row is locked so that two desks
        recording at once cannot exceed the limit."""
        voters = (giver | holder).ids
        self.env.cr.execute(
            SQL(
                "SELECT id FROM coop_assembly_voter WHERE id = ANY(%s) FOR UPDATE",
                voters,
            )
        )
        Proxy = self.env["coop.assembly.proxy"].sudo()  # counts only, all desks
        valid = [("state", "=", "valid"), ("assembly_id", "=", assembly.id)]
        if Proxy.search_count([*valid, ("giver_id", "=", giver.id)]):
            raise ValidationError(
                _("%(name)s has already given a proxy.", name=giver.display_name)
            )
        if Proxy.search_count([*valid, ("holder_id", "=", giver.id)]):
            raise ValidationError(
                _(
                    "%(name)s holds proxies and cannot give one.",
                    name=giver.display_name,
                )
            )
        if not holder:
            return
        if Proxy.search_count([*valid, ("giver_id", "=", holder.id)]):
            raise ValidationError(
                _(
                    "%(name)s has given a proxy and cannot hold one.",
                    name=holder.display_name,
                )
            )
        if Proxy.search_count([*valid, ("holder_id", "=", holder.id)]) >= limit:
            raise ValidationError(
                _(
                    "%(name)s already holds %(limit)s proxies, the most the "
                    "statutes allow.",
                    name=holder.display_name,
                    limit=limit,
                )
            )
