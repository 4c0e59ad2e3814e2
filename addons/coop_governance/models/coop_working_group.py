# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class CoopWorkingGroup(models.Model):
    """Members join and leave working groups from the portal."""

    _inherit = "coop.working.group"

    open_to_members = fields.Boolean(
        string="Open to members",
        default=True,
        help="Members may join the group (and leave it) from their member space.",
    )

    def portal_join(self):
        """The logged-in member joins this group: the rule is that only a
        member holding shares joins, and only a group open to members."""
        partner = self._portal_member()
        for group in self:
            if not group.active or not group.open_to_members:
                raise UserError(
                    _(
                        "The group %(name)s does not take members from the portal.",
                        name=group.name,
                    )
                )
        # sudo: adds the caller's own partner only, to groups checked above
        self.sudo().write({"member_ids": [fields.Command.link(partner.id)]})
        return True

    def portal_leave(self):
        """The logged-in member leaves this group."""
        partner = self.env.user.partner_id
        self.check_access("read")
        # sudo: removes the caller's own partner only
        self.sudo().write({"member_ids": [fields.Command.unlink(partner.id)]})
        return True

    def _portal_member(self):
        self.check_access("read")
        partner = self.env.user.partner_id
        if not partner.coop_share_qty > 0:
            raise AccessError(_("Only members holding shares join working groups."))
        return partner

    def _portal_rows(self):
        """What the portal shows of these groups (visible to the caller)."""
        partner = self.env.user.partner_id
        # sudo: names of coordinators and the member count of groups the
        # caller may see, nothing else about other members
        return [
            {
                "group": group,
                "is_member": partner in group.sudo().member_ids,
                "coordinators": ", ".join(group.sudo().coordinator_ids.mapped("name")),
                "member_count": group.sudo().member_count,
            }
            for group in self
        ]
