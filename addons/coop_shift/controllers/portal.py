# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopShiftPortal(CustomerPortal):
    """The member space: my shifts, my points, exchanges, make-ups, leaves.

    Members only read through record rules (their own records and the offers);
    every action checks that the registration or shift concerns the logged-in
    member, then runs with ``sudo()`` because portal users have no write access
    on shift models.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_shift_count" in counters:
            values["coop_shift_count"] = request.env[
                "coop.shift.registration"
            ].search_count(self._coop_next_domain())
        return values

    def _coop_next_domain(self):
        return [
            ("partner_id", "=", request.env.user.partner_id.id),
            ("state", "=", "planned"),
            ("date", ">=", fields.Date.context_today(request.env.user)),
        ]

    def _coop_own_registration(self, registration_id):
        registration = request.env["coop.shift.registration"].browse(registration_id)
        if registration.exists().sudo().partner_id != request.env.user.partner_id:
            raise request.not_found()
        # sudo: ownership checked just above
        return registration.sudo()

    @http.route("/my/shifts", type="http", auth="user", website=True)
    def portal_my_shifts(self, message=None, error=None, **kw):
        partner = request.env.user.partner_id
        Registration = request.env["coop.shift.registration"]
        today = fields.Date.context_today(request.env.user)
        mine = Registration.search(self._coop_next_domain(), order="date")
        offers = Registration.search(
            [
                ("exchange_state", "=", "offered"),
                ("state", "=", "planned"),
                ("partner_id", "!=", partner.id),
                ("date", ">=", today),
            ],
            order="date",
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_shifts",
                "partner": partner,
                "registrations": mine,
                "offers": offers,
                "bookable": self._coop_bookable_shifts(today) - mine.shift_id,
                "lines": request.env["coop.shift.counter.line"].search(
                    [("partner_id", "=", partner.id)], limit=30
                ),
                "leaves": request.env["coop.shift.leave"].search(
                    [("partner_id", "=", partner.id)], limit=10
                ),
                "leave_types": request.env["coop.shift.leave.type"].search([]),
                "donable": self._coop_donable(partner, today),
                "message": message,
                "error": error,
            }
        )
        return request.render("coop_shift.portal_my_shifts", values)

    def _coop_bookable_shifts(self, today):
        """Open shifts of the next four weeks with a seat left."""
        # sudo: open shifts and seat counts are public to members
        return (
            request.env["coop.shift"]
            .sudo()
            .search(
                [
                    ("state", "=", "open"),
                    ("date", ">", today),
                    ("date", "<=", today + timedelta(days=28)),
                ],
                order="date_begin",
                limit=80,
            )
            .filtered(lambda s: s.seats_available > 0)
        )

    def _coop_donable(self, partner, today):
        """My services of the last 90 days that may go to the solidarity pool."""
        worked = request.env["coop.shift.registration"].search(
            [
                ("partner_id", "=", partner.id),
                ("state", "=", "attended"),
                ("kind", "in", ("makeup", "extra")),
                ("date", ">=", today - timedelta(days=90)),
            ],
            order="date desc",
        )
        return worked.filtered("solidarity_donable")

    def _coop_redirect(self, message=None, error=None):
        query = f"?error={error}" if error else f"?message={message or 'ok'}"
        return request.redirect(f"/my/shifts{query}")

    @http.route(
        "/my/shifts/<int:registration_id>/offer",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_offer(self, registration_id, **kw):
        registration = self._coop_own_registration(registration_id)
        try:
            registration.action_offer_exchange()
        except UserError:
            return self._coop_redirect(error="offer")
        return self._coop_redirect("offered")

    @http.route(
        "/my/shifts/<int:registration_id>/take",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_take(self, registration_id, **kw):
        registration = request.env["coop.shift.registration"].browse(registration_id)
        # sudo: the member takes an offer for themselves; the model refuses
        # anything not offered or already exchanged
        try:
            registration.sudo()._coop_take_exchange(request.env.user.partner_id)
        except (UserError, ValidationError):
            return self._coop_redirect(error="take")
        return self._coop_redirect("taken")

    @http.route(
        "/my/shifts/book/<int:shift_id>", type="http", auth="user", methods=["POST"]
    )
    def portal_book(self, shift_id, **kw):
        """Book a make-up (standing members) or a flying shift (flying members)."""
        partner = request.env.user.partner_id
        kind = "flying" if partner.coop_work_mode == "flying" else "makeup"
        shift = request.env["coop.shift"].sudo().browse(shift_id).exists()
        if not shift or shift.state != "open":
            raise request.not_found()
        # sudo: the member registers themselves only
        try:
            request.env["coop.shift.registration"].sudo().create(
                {"shift_id": shift.id, "partner_id": partner.id, "kind": kind}
            )
        except (UserError, ValidationError):
            return self._coop_redirect(error="book")
        return self._coop_redirect("booked")

    @http.route(
        "/my/shifts/<int:registration_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_cancel(self, registration_id, **kw):
        registration = self._coop_own_registration(registration_id)
        try:
            registration.action_cancel()
        except UserError:
            return self._coop_redirect(error="cancel")
        return self._coop_redirect("cancelled")

    @http.route(
        "/my/shifts/<int:registration_id>/donate",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_donate(self, registration_id, **kw):
        """Give one of my worked services to the solidarity pool."""
        registration = self._coop_own_registration(registration_id)
        try:
            registration.action_donate_solidarity()
        except UserError:
            return self._coop_redirect(error="donate")
        return self._coop_redirect("donated")

    @http.route("/my/shifts/leave", type="http", auth="user", methods=["POST"])
    def portal_leave(self, type_id=None, date_start=None, date_end=None, **kw):
        """Declare a leave (types that need no staff proof: may not shop)."""
        leave_type = request.env["coop.shift.leave.type"].browse(int(type_id or 0))
        if not leave_type.exists() or leave_type.can_shop:
            return self._coop_redirect(error="leave")
        # sudo: the member declares their own leave of a non-shopping type
        try:
            request.env["coop.shift.leave"].sudo().create(
                {
                    "partner_id": request.env.user.partner_id.id,
                    "type_id": leave_type.id,
                    "date_start": date_start,
                    "date_end": date_end or False,
                }
            )
        except (UserError, ValidationError):
            return self._coop_redirect(error="leave")
        return self._coop_redirect("leave")
