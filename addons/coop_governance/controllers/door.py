# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class CoopAssemblyDoor(http.Controller):
    """The tablet at the door: scan a card or type a name, sign the voter in.

    Plain forms (a card scanner types the code and Enter): every rule is the
    model's, called as the logged-in member desk user.
    """

    @http.route(
        "/coop/assembly/<int:assembly_id>/door",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def door(self, assembly_id, code=None, partner_id=None, **_kw):
        assembly = request.env["coop.assembly"].browse(assembly_id).exists()
        if not assembly:
            raise request.not_found()
        assembly.check_access("write")
        answer, matches = None, request.env["coop.assembly.voter"]
        code = (code or "").strip()
        if request.httprequest.method == "POST" and partner_id:
            answer = assembly.sign_in_partner(int(partner_id))
        elif request.httprequest.method == "POST" and code.isdigit():
            answer = assembly.sign_in_card(code)
        elif code:
            matches = request.env["coop.assembly.voter"].search(
                [("assembly_id", "=", assembly.id), ("partner_name", "ilike", code)],
                limit=20,
            )
        values = {
            "assembly": assembly,
            "answer": answer,
            "matches": matches,
            "code": "" if answer else code,
            "counts": assembly._quorum_counts(),
        }
        return request.render("coop_governance.assembly_door", values)

    @http.route(
        "/coop/assembly/<int:assembly_id>/quorum",
        type="http",
        auth="user",
        website=True,
    )
    def quorum(self, assembly_id, **_kw):
        """The live quorum on a large screen; the page reloads itself."""
        assembly = request.env["coop.assembly"].browse(assembly_id).exists()
        if not assembly:
            raise request.not_found()
        assembly.check_access("read")
        counts = assembly._quorum_counts()
        values = {
            "assembly": assembly,
            "counts": counts,
            "ratio": assembly._quorum_ratio(counts),
            "reached": assembly._is_quorum_reached(counts),
        }
        return request.render("coop_governance.assembly_quorum", values)
