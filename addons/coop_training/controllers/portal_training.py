# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

CERTIFICATE_REPORT = "coop_training.action_report_certificat"


class CoopTrainingPortal(CustomerPortal):
    """/my/trainings: a learner's sessions, the half-days to sign today (a
    link to the signing page) and the certificates to download. Enrolments
    are staff records: they are read as superuser, always through the
    logged-in user's own partner."""

    def _coop_my_enrolments(self):
        partner = request.env.user.partner_id
        # sudo: the learner's own enrolments (domain on their partner)
        return (
            request.env["event.registration"]
            .sudo()
            .search(
                [
                    ("coop_learner_id", "=", partner.id),
                    ("event_id.coop_is_training", "=", True),
                ],
                order="id desc",
            )
        )

    @http.route("/my/trainings", type="http", auth="user", website=True)
    def portal_my_trainings(self, **kw):
        enrolments = self._coop_my_enrolments()
        now = fields.Datetime.now()
        today = fields.Date.context_today(request.env.user)
        # sudo: the learner's own lines of today (their enrolments, above)
        to_sign = (
            request.env["coop.training.attendance"]
            .sudo()
            .search(
                [
                    ("registration_id", "in", enrolments.ids),
                    ("slot_date", "=", today),
                    ("signed_at", "=", False),
                ]
            )
            .filtered(lambda line: line._coop_window_open(now))
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "coop_trainings",
                "enrolments": enrolments,
                "to_sign": to_sign,
            }
        )
        return request.render("coop_training.portal_my_trainings", values)

    @http.route(
        "/my/trainings/<int:registration_id>/certificate", type="http", auth="user"
    )
    def portal_my_training_certificate(self, registration_id, **kw):
        enrolment = self._coop_my_enrolments().filtered(
            lambda reg: reg.id == registration_id and reg.coop_certificate_date
        )
        if not enrolment:
            raise request.not_found()
        # sudo: the certificate of the learner's own enrolment (checked above)
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(CERTIFICATE_REPORT, enrolment.ids)
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                (
                    "Content-Disposition",
                    'attachment; filename="certificat-realisation.pdf"',
                ),
            ],
        )
