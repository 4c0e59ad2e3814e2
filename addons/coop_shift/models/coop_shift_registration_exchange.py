# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

# Written by the exchange flows only (as superuser, after their checks).
EXCHANGE_FIELDS = {"replaces_id", "change_count", "cant_come_date"}


class CoopShiftRegistration(models.Model):
    """Exchanges between members: offer, withdraw, take over, swap, "I can't come".

    The rules, company settings, held here for every entry point (portal, desk,
    JSON-RPC):

    - a member acts on their own services only; the shift office on any
      (``_coop_check_own``);
    - a service is offered, or proposed in a swap, up to
      ``coop_shift_exchange_hours`` before it starts; later the member uses
      "I can't come" (``_coop_exchange_refusal``, which the portal also uses
      to show or hide its buttons);
    - what is on the exchange board (offered, or a seat freed by "I can't
      come") may be taken over or received in a swap until it starts
      (``_coop_check_on_board``);
    - a service changes hands ``coop_shift_max_changes`` times at most
      (``change_count`` follows the service from hand to hand);
    - whoever takes a service over is a member, holds its seat's qualification
      and has no other service at that time (``coop.shift._coop_check_bookable``);
    - the points follow whoever works: the service given away becomes
      ``replaced`` (worth nothing) and the new one keeps its kind;
    - every action is all-or-nothing: it checks everything before writing.
    """

    _inherit = "coop.shift.registration"

    change_count = fields.Integer(
        string="Changes of hands",
        readonly=True,
        copy=False,
        help="Times this service was taken over or swapped before reaching its member.",
    )
    cant_come_date = fields.Datetime(
        string="Said they cannot come",
        readonly=True,
        copy=False,
        help="When the member said they could not come (the seat is offered to "
        "other members; the late-cancellation rule applies).",
    )
    swap_ids = fields.One2many(
        "coop.shift.swap", "offer_id", string="Swaps proposed for this service"
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(set(vals) & EXCHANGE_FIELDS for vals in vals_list):
            raise AccessError(self.env._("Exchanges are recorded by their flows only."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) & EXCHANGE_FIELDS:
            raise AccessError(self.env._("Exchanges are recorded by their flows only."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_offer_exchange(self):
        """Offer planned services to other members (portal or desk)."""
        self._coop_check_own()
        for reg in self:
            reg._coop_check_exchangeable()
        # sudo: the caller acts on their own services (checked above)
        self.sudo().write({"exchange_state": "offered"})
        self._coop_send_mail("coop_shift.mail_template_exchange_offered")
        return True

    def action_withdraw_exchange(self):
        """Take back an offer: the service stays its member's; swaps proposed
        for it are withdrawn."""
        self._coop_check_own()
        if self.filtered(lambda r: r.exchange_state != "offered"):
            raise UserError(self.env._("This service is not offered."))
        # sudo: the caller withdraws their own offers (checked above)
        self.sudo().write({"exchange_state": "none"})
        self.sudo().swap_ids._coop_close("withdrawn")
        return True

    def action_cant_come(self):
        """ "I can't come": the team leaders and the shift office are told, the
        seat goes on the exchange board, and the standing service counts as
        excused, or, inside ``coop_shift_late_cancel_hours`` of its start, as
        the company's late-cancellation rule says (excused or absent). If
        another member takes the seat over, the service is ``replaced`` and
        costs nothing. A make-up, flying or extra booking is cancelled (its
        seat freed for booking)."""
        self._coop_check_own()
        _ = self.env._
        now = fields.Datetime.now()
        for reg in self:
            if reg.state != "planned" or reg.date_begin <= now:
                raise UserError(
                    _(
                        "Only a coming service you are planned on can be "
                        "cancelled: %(shift)s.",
                        shift=reg.shift_id.display_name,
                    )
                )
        # sudo: the caller acts on their own coming services (checked above)
        for reg in self.sudo():
            reg._coop_cant_come(now)
        return True

    # ------------------------------------------------------------------
    # Flows (superuser, after the checks)
    # ------------------------------------------------------------------
    def _coop_cant_come(self, now):
        self.ensure_one()
        if self.kind != "standing":
            self.write({"state": "cancelled", "cant_come_date": now})
        else:
            company = self.company_id
            late = self.date_begin - now <= timedelta(
                hours=company.coop_shift_late_cancel_hours
            )
            state = company.coop_shift_late_cancel_state if late else "excused"
            self.write(
                {"state": state, "exchange_state": "offered", "cant_come_date": now}
            )
        self._coop_send_cant_come_mail()

    def _coop_send_cant_come_mail(self):
        """One mail to the shift's team leaders and the shift office."""
        template = self.env.ref(
            "coop_shift.mail_template_cant_come", raise_if_not_found=False
        )
        company = self.company_id
        office = company.coop_shift_office_email or company.email
        leaders = self.shift_id.template_id.leader_ids.filtered("email")
        if template and (office or leaders):
            template.send_mail(
                self.id,
                email_values={
                    "email_to": office or "",
                    "recipient_ids": [(6, 0, leaders.ids)],
                },
            )

    def _coop_take_exchange(self, partner):
        """``partner`` takes this offered service over.

        A registration of the same kind is created for them and this one becomes
        ``replaced`` (no points): the points follow whoever works. A service is
        exchanged once only: the row is locked, re-read, and ``replaces_id`` is
        unique, so a second (or concurrent) taker is refused.
        """
        self.ensure_one()
        self._coop_lock()
        self._coop_check_on_board()
        self.shift_id._coop_check_bookable(
            partner, self.qualification_id, exchange=True
        )
        new = self._coop_hand_over(partner)
        (self | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new

    def _coop_hand_over(self, partner):
        """This service becomes ``partner``'s: this one ``replaced``, a new one
        of the same kind, one more change of hands. Proposed swaps close."""
        self.write({"state": "replaced", "exchange_state": "none"})
        self.swap_ids._coop_close("withdrawn")
        self.env["coop.shift.swap"].search(
            [("registration_id", "=", self.id), ("state", "=", "proposed")]
        )._coop_close("withdrawn")
        return self.create(
            {
                "shift_id": self.shift_id.id,
                "partner_id": partner.id,
                "kind": self.kind,
                "qualification_id": self.qualification_id.id,
                "replaces_id": self.id,
                "change_count": self.change_count + 1,
            }
        )

    # ------------------------------------------------------------------
    # Rules
    # ------------------------------------------------------------------
    def _coop_check_own(self):
        """The member of each registration acts on it, or the shift office."""
        if self._coop_is_shift_office():
            return
        partner = self.env.user.partner_id
        if self.sudo().filtered(lambda r: r.partner_id != partner):
            raise AccessError(self.env._("You may only act on your own services."))

    def _coop_exchange_refusal(self):
        """Why this service may not be offered, or proposed in a swap, now
        (``""`` if it may): it must be planned, not given nor taken over yet,
        start more than ``coop_shift_exchange_hours`` from now, and have changed
        hands fewer times than the maximum. The portal shows or hides its
        buttons by this same rule."""
        self.ensure_one()
        _ = self.env._
        if (
            self.state != "planned"
            or self.replaced_by_ids
            or self.solidarity_partner_id
        ):
            return _("Only a planned service can be offered.")
        hours = self.company_id.coop_shift_exchange_hours
        if self.date_begin - fields.Datetime.now() < timedelta(hours=hours):
            return _(
                "A service is offered up to %(hours)s hours before it starts: "
                'use "I can\'t come" instead.',
                hours=hours,
            )
        return self._coop_changes_refusal()

    def _coop_check_exchangeable(self):
        """Raise the reason of ``_coop_exchange_refusal``, if any."""
        reason = self._coop_exchange_refusal()
        if reason:
            raise UserError(reason)

    def _coop_check_on_board(self):
        """This service is on the exchange board and may still change hands
        (taken over, or received in a swap): offered, planned or freed by "I
        can't come", not taken over yet, fewer changes than the maximum. Its
        shift must not have started (``coop.shift._coop_check_bookable``)."""
        self.ensure_one()
        if (
            self.exchange_state != "offered"
            or self.replaced_by_ids
            or not (self.state == "planned" or self.cant_come_date)
        ):
            raise UserError(self.env._("This service is no longer offered."))
        reason = self._coop_changes_refusal()
        if reason:
            raise UserError(reason)

    def _coop_changes_refusal(self):
        """Why this service may not change hands again (``""`` if it may): it
        changed hands ``coop_shift_max_changes`` times already."""
        self.ensure_one()
        if self.change_count >= self.company_id.coop_shift_max_changes:
            return self.env._(
                "This service has already changed hands %(count)s times, the "
                "most allowed: ask the shift office.",
                count=self.change_count,
            )
        return ""

    def _coop_lock(self):
        """Lock these rows until the end of the transaction and re-read them."""
        self.env.cr.execute(
            "SELECT id FROM coop_shift_registration WHERE id IN %s FOR UPDATE",
            [tuple(self.ids)],
        )
        self.invalidate_recordset()

    # ------------------------------------------------------------------
    # Swaps and stand-ins
    # ------------------------------------------------------------------
    def _coop_propose_swap(self, offer):
        """Propose to the member who offered ``offer`` to swap it for this
        service of mine; they accept or decline (``coop.shift.swap``). Both
        services must be exchangeable now and each member able to work the
        other's (checked again on acceptance)."""
        self.ensure_one()
        self._coop_check_own()
        offer = offer.sudo()
        if offer.exchange_state != "offered" or offer.partner_id == self.partner_id:
            raise UserError(self.env._("This service is not offered to you."))
        Swap = self.env["coop.shift.swap"].sudo()
        pending = [
            ("registration_id", "=", self.id),
            ("offer_id", "=", offer.id),
            ("state", "=", "proposed"),
        ]
        if Swap.search_count(pending):
            raise UserError(self.env._("You have already proposed this swap."))
        # sudo: the caller proposes their own service (checked above)
        self.sudo()._coop_check_swap(offer)
        swap = Swap.create({"registration_id": self.id, "offer_id": offer.id})
        if swap.partner_id.email:
            # sudo (Swap): the mail goes to the member the swap is proposed to
            self.env.ref("coop_shift.mail_template_swap_proposed").sudo().send_mail(
                swap.id
            )
        return swap

    def _coop_check_swap(self, offer):
        """This service and ``offer`` may change hands with each other now:
        mine may be offered now (``_coop_exchange_refusal``), ``offer`` is on
        the board (offered, or freed by "I can't come":
        ``_coop_check_on_board``), and each member may work the other's."""
        self._coop_check_exchangeable()
        offer._coop_check_on_board()
        for reg, other in ((self, offer), (offer, self)):
            other.shift_id._coop_check_bookable(
                reg.partner_id, other.qualification_id, exchange=True, ignore=reg
            )

    def _coop_swap(self, offer):
        """Swap this service and ``offer`` between their members (locked,
        checked again, all-or-nothing): two new services, the old ones
        ``replaced``; the points follow whoever works."""
        (self | offer)._coop_lock()
        self._coop_check_swap(offer)
        mine, theirs = self.partner_id, offer.partner_id
        new = self._coop_hand_over(theirs) | offer._coop_hand_over(mine)
        (self | offer | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new

    def _coop_stand_in(self, partner):
        """The shift office puts ``partner`` in this service's place (desk
        wizard): any time before it starts and however many times it changed
        hands, but the stand-in must be able to work it."""
        self.ensure_one()
        if not self._coop_is_shift_office():
            raise AccessError(self.env._("Only the shift office places a stand-in."))
        self._coop_lock()
        if self.replaced_by_ids or not (self.state == "planned" or self.cant_come_date):
            raise UserError(self.env._("This service can no longer be taken over."))
        self.shift_id._coop_check_bookable(
            partner, self.qualification_id, exchange=True
        )
        # sudo: the shift office acts on any service (checked above)
        new = self.sudo()._coop_hand_over(partner)
        (self | new)._coop_send_mail("coop_shift.mail_template_exchange_done")
        return new
