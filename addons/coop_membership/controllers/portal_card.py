# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from markupsafe import Markup

from odoo import http
from odoo.http import request
from odoo.tools import file_open

from odoo.addons.portal.controllers.portal import CustomerPortal

SW_PATH = "coop_membership/static/src/portal_card/sw.js"


class CoopPortalCard(CustomerPortal):
    """/my/card: the member card on the phone, large, usable offline once
    loaded (a web app manifest and a small service worker caching this page
    and its barcode)."""

    @http.route("/my/card", type="http", auth="user", website=True)
    def portal_my_card(self, **kw):
        partner = request.env.user.partner_id
        _ = request.env._
        html = request.env["ir.qweb"]._render(
            "coop_membership.portal_my_card",
            {
                "partner": partner,
                "company": request.env.company,
                "request": request,
                "title": _("My member card"),
                "barcode_alt": _(
                    "Member card barcode %(number)s",
                    number=partner.coop_card_barcode or "",
                ),
            },
        )
        return request.make_response(
            Markup("<!DOCTYPE html>\n") + html,
            headers=[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "private, no-cache"),
            ],
        )

    @http.route("/my/card/manifest.webmanifest", type="http", auth="public")
    def portal_my_card_manifest(self, **kw):
        """No personal data: browsers fetch a manifest without cookies."""
        company = request.env.company
        manifest = {
            "name": request.env._("%(coop)s member card", coop=company.name),
            "short_name": request.env._("My card"),
            "start_url": "/my/card",
            "scope": "/my/card",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#ffffff",
            "icons": [
                {
                    "src": "/coop_membership/static/description/icon.png",
                    "sizes": "100x100",
                    "type": "image/png",
                }
            ],
        }
        return request.make_response(
            json.dumps(manifest, ensure_ascii=False),
            headers=[("Content-Type", "application/manifest+json; charset=utf-8")],
        )

    @http.route("/my/card/sw.js", type="http", auth="public")
    def portal_my_card_worker(self, **kw):
        with file_open(SW_PATH, "rb") as worker:
            body = worker.read()
        return request.make_response(
            body,
            headers=[
                ("Content-Type", "text/javascript; charset=utf-8"),
                ("Service-Worker-Allowed", "/my/card"),
                ("Cache-Control", "no-cache"),
            ],
        )
