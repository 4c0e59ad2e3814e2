# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopGroupOrderPortal(CustomerPortal):
    """The coop buyer's pages: the group orders of the buyer's coop.

    Everything runs with the buyer's own rights: record rules show only the
    buyer's coop's lines and let them change only while the order is open;
    the models refuse any change after the cut-off.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "coop_group_order_count" in counters:
            values["coop_group_order_count"] = request.env[
                "coop.group.order"
            ].search_count(self._coop_group_order_domain())
        return values

    def _coop_group_order_domain(self):
        coop = request.env.user.commercial_partner_id
        return [("participant_ids.coop_id", "=", coop.id), ("state", "!=", "draft")]

    @http.route("/my/group-orders", type="http", auth="user", website=True)
    def portal_my_group_orders(self, **kw):
        orders = request.env["coop.group.order"].search(self._coop_group_order_domain())
        values = self._prepare_portal_layout_values()
        # sudo: display only; the search above ran with the buyer's record rules
        values.update({"page_name": "coop_group_orders", "orders": orders.sudo()})
        return request.render("coop_purchase_centre.portal_my_group_orders", values)

    @http.route(
        "/my/group-orders/<int:order_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_my_group_order(self, order_id, **post):
        order, participant = self._coop_group_order_participant(order_id)
        message = error = None
        if request.httprequest.method == "POST":
            try:
                quantities = self._coop_parse_quantities(order, post)
                participant._portal_save_quantities(quantities)
                message = _("Your quantities are saved.")
            except (UserError, ValidationError, AccessError) as exc:
                error = exc.args[0]
        values = self._prepare_portal_layout_values()
        # sudo: display only (the producer's name, the prices); the order was
        # checked readable by the buyer and the participant is the buyer's coop
        order_sudo, participant_sudo = order.sudo(), participant.sudo()
        values.update(
            {
                "page_name": "coop_group_order",
                "order": order_sudo,
                "participant": participant_sudo,
                "requests": {
                    r.product_line_id.id: r for r in participant_sudo.request_ids
                },
                "editable": participant._portal_editable(),
                "message": message,
                "error": error,
            }
        )
        return request.render("coop_purchase_centre.portal_my_group_order", values)

    def _coop_group_order_participant(self, order_id):
        coop = request.env.user.commercial_partner_id
        try:
            order = request.env["coop.group.order"].browse(order_id)
            order.check_access("read")
            participant = order.participant_ids.filtered(lambda p: p.coop_id == coop)
        except (AccessError, MissingError):
            raise request.not_found() from None
        if not participant or order.state == "draft":
            raise request.not_found()
        return order, participant

    def _coop_parse_quantities(self, order, post):
        quantities = {}
        for line in order.product_line_ids:
            raw = post.get(f"qty_{line.id}")
            if raw is None:
                continue
            try:
                quantity = float((raw or "0").replace(",", "."))
            except ValueError:
                raise UserError(
                    _(
                        "%(product)s: “%(value)s” is not a quantity.",
                        product=line.product_id.display_name,
                        value=raw,
                    )
                ) from None
            quantities[line] = quantity
        return quantities
