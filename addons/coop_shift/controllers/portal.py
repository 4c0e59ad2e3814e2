# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopShiftPortal(CustomerPortal):
    """The member space: my shifts, my points, exchanges, make-ups, leaves.

    Members only read through record rules (their own records and the offers);
    every action checks that the registration or shift concerns the logged-in
    member, then runs with ``sudo()`` because portal users have no write access
    on shift models. Every action is all-or-nothing (``_coop_attempt``): it
    runs in a savepoint, and a refusal rolls it back entirely and shows the
    member the reason.
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

    def _coop_board_domain(self, today):
        """The exchange board: offered services, planned or freed by "I can't
        come" (``_coop_check_on_board``), from today on."""
        return [
            ("exchange_state", "=", "offered"),
            "|",
            ("state", "=", "planned"),
            ("cant_come_date", "!=", False),
            ("date", ">=", today),
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
            [("partner_id", "!=", partner.id), *self._coop_board_domain(today)],
            order="date",
        )
        freed = Registration.search(
            [
                ("partner_id", "=", partner.id),
                ("cant_come_date", "!=", False),
                *self._coop_board_domain(today),
            ],
            order="date",
        )
        # sudo: reads the exchange rule's company settings for the member's own
        # services; the rule itself is the model's (``_coop_exchange_refusal``)
        refusals = {reg.id: reg.sudo()._coop_exchange_refusal() for reg in mine}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_shifts",
                "partner": partner,
                "registrations": mine,
                "offers": offers,
                "freed": freed,
                "exchange_refusals": refusals,
                "swappable": mine.filtered(lambda r: not refusals[r.id]),
                "bookable": self._coop_bookable_shifts(partner),
                "lines": request.env["coop.shift.counter.line"].search(
                    [("partner_id", "=", partner.id)], limit=30
                ),
                "leaves": request.env["coop.shift.leave"].search(
                    [("partner_id", "=", partner.id)], limit=10
                ),
                "leave_types": request.env["coop.shift.leave.type"].search([]),
                "donable": self._coop_donable(partner, today),
                **self._coop_swaps(partner),
                "message": message,
                "error": error,
                "error_reason": request.session.pop("coop_shift_error", None),
            }
        )
        return request.render("coop_shift.portal_my_shifts", values)

    def _coop_swaps(self, partner):
        """Swaps waiting for an answer: those proposed to me, by my service
        offered (``swaps_in``), and mine, by the offer (``swaps_out``)."""
        # sudo: only swaps the member proposed or received (domain below); the
        # other member's service is shown by its shift name only
        swaps = (
            request.env["coop.shift.swap"]
            .sudo()
            .search(
                [
                    ("state", "=", "proposed"),
                    "|",
                    ("partner_id", "=", partner.id),
                    ("proposer_id", "=", partner.id),
                ]
            )
        )
        swaps_in, swaps_out = {}, {}
        for swap in swaps:
            if swap.partner_id == partner:
                swaps_in.setdefault(swap.offer_id.id, []).append(swap)
            else:
                swaps_out.setdefault(swap.offer_id.id, []).append(swap)
        return {"swaps_in": swaps_in, "swaps_out": swaps_out}

    def _coop_bookable_shifts(self, partner):
        """What the member may book (``coop.shift._coop_bookable_for``)."""
        # sudo: open shifts and seat counts are public to members
        return request.env["coop.shift"].sudo()._coop_bookable_for(partner)

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

    def _coop_attempt(self, action, done, error):
        """Run ``action`` all-or-nothing: in a savepoint, so that a refusal
        (raised before or after writing) leaves nothing behind; the reason is
        kept in the session and shown on the next page."""
        try:
            with request.env.cr.savepoint():
                action()
        except (UserError, ValidationError, AccessError) as refusal:
            request.session["coop_shift_error"] = refusal.args[0]
            return self._coop_redirect(error=error)
        return self._coop_redirect(done)

    @http.route(
        "/my/shifts/<int:registration_id>/offer",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_offer(self, registration_id, **kw):
        registration = self._coop_own_registration(registration_id)
        return self._coop_attempt(
            registration.action_offer_exchange, "offered", "offer"
        )

    @http.route(
        "/my/shifts/<int:registration_id>/withdraw",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_withdraw(self, registration_id, **kw):
        registration = self._coop_own_registration(registration_id)
        return self._coop_attempt(
            registration.action_withdraw_exchange, "withdrawn", "withdraw"
        )

    @http.route(
        "/my/shifts/<int:registration_id>/take",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_take(self, registration_id, **kw):
        registration = request.env["coop.shift.registration"].browse(registration_id)
        partner = request.env.user.partner_id
        # sudo: the member takes an offer for themselves; the model checks the
        # offer and the booking rule (member, future, qualification)
        return self._coop_attempt(
            lambda: registration.sudo()._coop_take_exchange(partner), "taken", "take"
        )

    @http.route(
        "/my/shifts/book/<int:shift_id>", type="http", auth="user", methods=["POST"]
    )
    def portal_book(self, shift_id, **kw):
        """Book a make-up (standing members) or a flying shift (flying members)."""
        partner = request.env.user.partner_id
        kind = "flying" if partner.coop_work_mode == "flying" else "makeup"
        # sudo: the member registers themselves only, after the booking rule
        shift = request.env["coop.shift"].sudo().browse(shift_id).exists()
        if not shift:
            raise request.not_found()

        def book():
            shift._coop_check_bookable(partner)
            request.env["coop.shift.registration"].sudo().create(
                {"shift_id": shift.id, "partner_id": partner.id, "kind": kind}
            )

        return self._coop_attempt(book, "booked", "book")

    @http.route(
        "/my/shifts/<int:registration_id>/cancel",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_cancel(self, registration_id, **kw):
        registration = self._coop_own_registration(registration_id)
        return self._coop_attempt(registration.action_cancel, "cancelled", "cancel")

    @http.route(
        "/my/shifts/<int:registration_id>/donate",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_donate(self, registration_id, **kw):
        """Give one of my worked services to the solidarity pool."""
        registration = self._coop_own_registration(registration_id)
        return self._coop_attempt(
            registration.action_donate_solidarity, "donated", "donate"
        )

    @http.route("/my/shifts/leave", type="http", auth="user", methods=["POST"])
    def portal_leave(self, type_id=None, date_start=None, date_end=None, **kw):
        """Declare a leave: the leave model's bounds (``_coop_declare``)."""
        partner = request.env.user.partner_id
        try:
            type_id = int(type_id or 0)
        except ValueError:
            type_id = 0
        # sudo: the member declares their own leave of a non-shopping type
        leave_type = request.env["coop.shift.leave.type"].sudo().browse(type_id)
        return self._coop_attempt(
            lambda: (
                request.env["coop.shift.leave"]
                .sudo()
                ._coop_declare(partner, leave_type, date_start, date_end)
            ),
            "leave",
            "leave",
        )

    @http.route(
        "/my/shifts/<int:registration_id>/cant_come",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_cant_come(self, registration_id, **kw):
        """ "I can't come": see ``action_cant_come``."""
        registration = self._coop_own_registration(registration_id)
        return self._coop_attempt(
            registration.action_cant_come, "cant_come", "cant_come"
        )

    @http.route(
        "/my/shifts/<int:offer_id>/swap",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_swap(self, offer_id, registration_id=None, **kw):
        """Propose my service ``registration_id`` in exchange for an offer."""
        try:
            registration_id = int(registration_id or 0)
        except ValueError:
            registration_id = 0
        mine = self._coop_own_registration(registration_id)
        # sudo: an offer is public to members; the model checks it is offered
        offer = request.env["coop.shift.registration"].sudo().browse(offer_id)
        if not offer.exists():
            raise request.not_found()
        return self._coop_attempt(
            lambda: mine._coop_propose_swap(offer), "swap_proposed", "swap"
        )

    @http.route(
        "/my/shifts/swap/<int:swap_id>/<string:answer>",
        type="http",
        auth="user",
        methods=["POST"],
    )
    def portal_swap_answer(self, swap_id, answer, **kw):
        """Accept or decline a swap proposed to me, withdraw one I proposed."""
        member_field = {
            "accept": "partner_id",
            "decline": "partner_id",
            "withdraw": "proposer_id",
        }.get(answer)
        # sudo: the swap is answered only by its member (checked just below)
        swap = request.env["coop.shift.swap"].sudo().browse(swap_id).exists()
        if not member_field or swap[member_field] != request.env.user.partner_id:
            raise request.not_found()
        action = getattr(swap, f"action_{answer}")
        return self._coop_attempt(action, f"swap_{answer}", "swap")
