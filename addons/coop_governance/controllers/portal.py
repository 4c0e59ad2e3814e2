# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopGovernancePortal(CustomerPortal):
    """Members on the portal: their assemblies, online sign-in, secret votes.

    The pages only call the models as the member; the rules are theirs.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "assembly_count" in counters:
            values["assembly_count"] = request.env["coop.assembly"].search_count([])
        return values

    @http.route("/my/assemblies", type="http", auth="user", website=True)
    def my_assemblies(self, **_kw):
        assemblies = request.env["coop.assembly"].search([])
        values = self._prepare_portal_layout_values()
        values.update({"assemblies": assemblies, "page_name": "coop_assemblies"})
        return request.render("coop_governance.portal_my_assemblies", values)

    @http.route(
        "/my/assembly/<int:assembly_id>", type="http", auth="user", website=True
    )
    def my_assembly(self, assembly_id, message=None, error=None, **_kw):
        assembly = request.env["coop.assembly"].browse(assembly_id).exists()
        if not assembly:
            raise request.not_found()
        try:
            assembly.check_access("read")
        except AccessError:
            return request.redirect("/my")
        partner = request.env.user.partner_id
        voter = assembly.voter_ids.filtered(lambda v: v.partner_id == partner)
        voted = request.env["coop.assembly.participation"].search(
            [("resolution_id", "in", assembly.resolution_ids.ids)]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "assembly": assembly,
                "voter": voter,
                "ballots": voter._ballots_to_cast(voted)
                if voter
                else assembly.resolution_ids._blank_ballots_to_cast(voted),
                "message": message,
                "error": error,
                "page_name": "coop_assembly",
            }
        )
        return request.render("coop_governance.portal_my_assembly", values)

    @http.route(
        "/my/assembly/<int:assembly_id>/join",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def my_assembly_join(self, assembly_id, **_kw):
        assembly = request.env["coop.assembly"].browse(assembly_id)
        answer = assembly.join_online()
        key = "message" if answer["ok"] else "error"
        return request.redirect(
            f"/my/assembly/{assembly_id}?{url_encode({key: answer['message']})}"
        )

    @http.route(
        "/my/assembly/<int:assembly_id>/vote",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def my_assembly_vote(self, assembly_id, resolution_id, choice, voter_id, **_kw):
        resolution = request.env["coop.assembly.resolution"].browse(int(resolution_id))
        try:
            resolution.cast_vote(choice, int(voter_id))
        except (UserError, AccessError) as error:
            query = url_encode({"error": str(error)})
        else:
            query = url_encode({"message": _("Your vote is recorded.")})
        return request.redirect(f"/my/assembly/{assembly_id}?{query}")
