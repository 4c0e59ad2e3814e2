# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class CoopTrainingSigning(http.Controller):
    """Signing pages of the attendance sheet (tablet friendly).

    A learner logged in on the portal sees and signs only their own lines
    (record rules); a trainer opens the page of a half-day of their session
    and hands the tablet to each learner, then signs as trainer.
    """

    @http.route("/training/indicators", type="http", auth="public", website=False)
    def indicators(self, **kw):
        """Published result indicators of the catalogue (Qualiopi ind. 2), of
        the courses the company of the request (the website's) runs."""
        company = request.env.company
        # sudo: only the catalogue and its aggregated, public figures are shown,
        # bounded to the courses with a session of the request's company.
        sessions = (
            request.env["event.event"]
            .sudo()
            .search([("coop_is_training", "=", True), ("company_id", "=", company.id)])
        )
        courses = sessions.event_type_id.with_context(
            coop_indicator_company_id=company.id
        ).sorted("name")
        return request.render(
            "coop_training.public_indicators_page", {"courses": courses}
        )

    @http.route("/training/sign", type="http", auth="user")
    def my_lines(self, **kw):
        partner = request.env.user.partner_id
        lines = request.env["coop.training.attendance"].search(
            [("learner_id", "=", partner.id)], order="slot_date desc", limit=40
        )
        # sudo: the lines were found under the record rules (own lines only);
        # the learner may not read enrolments, so their status is read sudo.
        lines = lines.sudo().filtered(
            lambda line: (
                line.registration_id.coop_training_state in ("confirmed", "attended")
            )
        )
        return request.render(
            "coop_training.portal_sign_page",
            self._sign_page_values(lines, False, partner.name),
        )

    @http.route("/training/slot/<int:slot_id>/sign", type="http", auth="user")
    def slot_sheet(self, slot_id, **kw):
        slot = request.env["coop.training.slot"].browse(slot_id).exists()
        try:
            slot.check_access("write")
        except (AccessError, MissingError) as exc:
            raise request.not_found() from exc
        return request.render(
            "coop_training.portal_sign_page",
            self._sign_page_values(slot.attendance_ids, slot, slot.display_name),
        )

    def _sign_page_values(self, lines, slot, title):
        """The page's lines, and which of them may be signed now (the
        server refuses the others anyway)."""
        now = fields.Datetime.now()
        # sudo: the lines were read under the record rules; the window is read
        # from their half-day, which a learner may not read.
        open_ids = [
            line.id
            for line in lines.sudo()
            if not line.signed_at and line._coop_window_open(now)
        ]
        return {
            "lines": lines,
            "slot": slot,
            "title": title,
            "open_ids": open_ids,
            "trainer_may_sign": bool(slot) and slot.datetime_start <= now,
        }

    @http.route(
        "/training/attendance/<int:line_id>/sign",
        type="json",
        auth="user",
        methods=["POST"],
    )
    def sign_line(self, line_id, name=None, signature=None, **kw):
        line = request.env["coop.training.attendance"].browse(line_id).exists()
        if not line:
            return {"error": request.env._("Nothing to sign.")}
        if not signature:
            return {"error": request.env._("Draw your signature, then validate.")}
        try:
            line._coop_sign(signature)
        except (AccessError, UserError) as exc:
            return {"error": str(exc)}
        return {"force_refresh": True}

    @http.route(
        "/training/slot/<int:slot_id>/trainer_sign",
        type="json",
        auth="user",
        methods=["POST"],
    )
    def sign_slot(self, slot_id, name=None, signature=None, **kw):
        slot = request.env["coop.training.slot"].browse(slot_id).exists()
        if not slot:
            return {"error": request.env._("Nothing to sign.")}
        if not signature:
            return {"error": request.env._("Draw your signature, then validate.")}
        try:
            slot.check_access("write")
            slot.action_trainer_sign(signature)
        except (AccessError, UserError) as exc:
            return {"error": str(exc)}
        return {"force_refresh": True}
