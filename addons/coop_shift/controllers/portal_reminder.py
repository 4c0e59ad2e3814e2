# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class CoopShiftPortalReminder(CustomerPortal):
    """/my/reminders: when, and whether, I am reminded of my services
    (``coop.shift.reminder.preference``, as the member: their own only)."""

    @http.route("/my/reminders", type="http", auth="user", website=True)
    def portal_my_reminders(self, saved=None, **kw):
        Pref = request.env["coop.shift.reminder.preference"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_reminders",
                "pref": Pref._coop_for(request.env.user.partner_id),
                "default_days": request.env.company.coop_shift_reminder_days,
                "day_choices": list(range(29)),
                "saved": saved,
                "error_reason": request.session.pop("coop_reminder_error", None),
            }
        )
        return request.render("coop_shift.portal_my_reminders", values)

    @http.route("/my/reminders/save", type="http", auth="user", methods=["POST"])
    def portal_my_reminders_save(self, days_first=None, days_second=None, **kw):
        partner = request.env.user.partner_id
        Pref = request.env["coop.shift.reminder.preference"]
        try:
            vals = {
                "enabled": bool(kw.get("enabled")),
                "days_first": int(days_first or 0),
                "days_second": int(days_second or 0),
            }
            with request.env.cr.savepoint():
                pref = Pref.search([("partner_id", "=", partner.id)], limit=1)
                if pref:
                    pref.write(vals)
                else:
                    Pref.create({"partner_id": partner.id, **vals})
        except ValueError:
            request.session["coop_reminder_error"] = request.env._(
                "Choose a number of days."
            )
            return request.redirect("/my/reminders")
        except (ValidationError, AccessError) as refusal:
            request.session["coop_reminder_error"] = refusal.args[0]
            return request.redirect("/my/reminders")
        return request.redirect("/my/reminders?saved=1")
