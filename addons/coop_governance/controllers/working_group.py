# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopWorkingGroupPortal(CustomerPortal):
    """The working groups a member can join, and those they belong to."""

    @http.route("/my/working-groups", type="http", auth="user", website=True)
    def my_working_groups(self, error=None, **_kw):
        groups = request.env["coop.working.group"].search([])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "rows": groups._portal_rows(),
                "partner": request.env.user.partner_id,
                "error": error,
                "page_name": "coop_working_groups",
            }
        )
        return request.render("coop_governance.portal_my_working_groups", values)

    @http.route(
        "/my/working-groups/<int:group_id>/<any(join,leave):action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def my_working_group_action(self, group_id, action, **_kw):
        group = request.env["coop.working.group"].browse(group_id)
        try:
            group.portal_join() if action == "join" else group.portal_leave()
        except (UserError, AccessError) as error:
            return request.redirect(
                "/my/working-groups?" + url_encode({"error": str(error)})
            )
        return request.redirect("/my/working-groups")
