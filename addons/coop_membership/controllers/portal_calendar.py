# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

SESSION_KEY = "coop_calendar_token"


class CoopPortalCalendar(CustomerPortal):
    """My calendar: a personal iCal address to subscribe to from a phone's
    calendar, revocable and regenerable (``coop.calendar.token``)."""

    @http.route("/my/calendar", type="http", auth="user", website=True)
    def portal_my_calendar(self, **kw):
        partner = request.env.user.partner_id
        Token = request.env["coop.calendar.token"]
        token = request.session.pop(SESSION_KEY, None)
        url = (
            f"{request.httprequest.host_url.rstrip('/')}/coop/calendar/{token}.ics"
            if token
            else None
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_calendar",
                "calendar_url": url,
                "webcal_url": url
                and url.replace("https://", "webcal://", 1).replace(
                    "http://", "webcal://", 1
                ),
                "has_token": Token._coop_has_token(partner),
            }
        )
        return request.render("coop_membership.portal_my_calendar", values)

    @http.route("/my/calendar/new", type="http", auth="user", methods=["POST"])
    def portal_my_calendar_new(self, **kw):
        partner = request.env.user.partner_id
        token = request.env["coop.calendar.token"]._coop_issue(partner)
        request.session[SESSION_KEY] = token
        return request.redirect("/my/calendar")

    @http.route("/my/calendar/revoke", type="http", auth="user", methods=["POST"])
    def portal_my_calendar_revoke(self, **kw):
        request.env["coop.calendar.token"]._coop_revoke(request.env.user.partner_id)
        return request.redirect("/my/calendar")

    @http.route(
        "/coop/calendar/<string:token>.ics",
        type="http",
        auth="public",
        methods=["GET"],
        csrf=False,
        sitemap=False,
    )
    def coop_calendar_feed(self, token, **kw):
        """The feed: the token is the credential; an unknown or revoked token
        is a 404, whatever the reason."""
        Token = request.env["coop.calendar.token"]
        partner = Token._coop_partner_of(token)
        if not partner:
            raise request.not_found()
        # sudo: the feed reads only the token owner's own commitments
        body = Token.sudo()._coop_feed(partner.sudo())
        headers = [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Disposition", 'inline; filename="coop.ics"'),
            ("Cache-Control", "private, max-age=300"),
        ]
        return request.make_response(body, headers=headers)
