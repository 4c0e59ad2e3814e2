# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.coop_shift_watch import TARGET_FIELD


class CoopShiftPortalWatch(CustomerPortal):
    """/my/watch: what the member asks to be told about (``coop.shift.watch``),
    created and removed as the member (record rule: their own only)."""

    @http.route("/my/watch", type="http", auth="user", website=True)
    def portal_my_watch(self, **kw):
        partner = request.env.user.partner_id
        Watch = request.env["coop.shift.watch"]
        # sudo: open shifts and seat counts are public to members; only the
        # full shifts of the next 14 days not theirs are read (bounded)
        shifts = request.env["coop.shift"].sudo()._coop_watchable_for(partner)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_watch",
                "watches": Watch.search([("partner_id", "=", partner.id)]),
                "kinds": Watch._fields["kind"]._description_selection(request.env),
                "weekdays": Watch._fields["weekday"]._description_selection(
                    request.env
                ),
                "shifts": shifts,
                "templates": shifts.template_id.sorted("name"),
                "qualifications": partner.coop_qualification_ids,
                "error_reason": request.session.pop("coop_watch_error", None),
            }
        )
        return request.render("coop_shift.portal_my_watch", values)

    @http.route("/my/watch/add", type="http", auth="user", methods=["POST"])
    def portal_my_watch_add(self, kind=None, **kw):
        vals = {"partner_id": request.env.user.partner_id.id, "kind": kind}
        try:
            if kind not in TARGET_FIELD:
                raise UserError(request.env._("Say what to watch."))
            field = TARGET_FIELD[kind]
            value = kw.get(field) or ""
            vals[field] = value if field == "weekday" else int(value or 0)
            with request.env.cr.savepoint():
                request.env["coop.shift.watch"].create(vals)
        except (ValueError, UserError, ValidationError, AccessError) as refusal:
            request.session["coop_watch_error"] = (
                refusal.args[0]
                if refusal.args and not isinstance(refusal, ValueError)
                else request.env._("Say what to watch.")
            )
        return request.redirect("/my/watch")

    @http.route(
        "/my/watch/<int:watch_id>/remove", type="http", auth="user", methods=["POST"]
    )
    def portal_my_watch_remove(self, watch_id, **kw):
        # the record rule lets a member see and remove their own watches only
        watch = request.env["coop.shift.watch"].search([("id", "=", watch_id)])
        if not watch:
            raise request.not_found()
        watch.unlink()
        return request.redirect("/my/watch")
