# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.tools import SQL

CONVOCATION_REPORT = "coop_governance.action_report_assembly_convocation"
CONVOCATION_MAIL = "coop_governance.mail_template_assembly_convocation"

# The convocation sits apart from the session and the door, one file per
# concern: the classes are not merged on purpose.
# pylint: disable=consider-merging-classes-inherited


class CoopAssembly(models.Model):
    """The convocation: a mail and a PDF (agenda, proxy form) to every voter."""

    _inherit = "coop.assembly"

    notice_deadline = fields.Date(
        string="Convene before",
        compute="_compute_notice",
        help="Last day to convene the members (company setting: days of notice).",
    )
    notice_too_short = fields.Boolean(compute="_compute_notice")

    @api.depends("date", "company_id.coop_assembly_notice_days", "state")
    @api.depends_context("tz")
    def _compute_notice(self):
        """The notice rule: members are convened at least N days (company
        setting) before the assembly; closer than that, the assembly warns."""
        today = fields.Date.context_today(self)
        for assembly in self:
            if not assembly.date:
                assembly.notice_deadline = False
                assembly.notice_too_short = False
                continue
            day = fields.Date.context_today(assembly, assembly.date)
            days = assembly.company_id.coop_assembly_notice_days
            assembly.notice_deadline = day - timedelta(days=days)
            sent = (assembly.convened_date and assembly.convened_date.date()) or today
            assembly.notice_too_short = sent > assembly.notice_deadline

    def action_convene(self):
        """Convene: fix the list and the agenda, then mail every voter the
        convocation with its PDF (agenda and proxy form); record who was
        convened and when. Too close to the date, the chatter says so."""
        result = super().action_convene()
        for assembly in self:
            assembly._send_convocations()
            if assembly.notice_too_short:
                assembly.message_post(
                    body=_(
                        "Members were convened less than %(days)s days before the "
                        "assembly (deadline: %(deadline)s).",
                        days=assembly.company_id.coop_assembly_notice_days,
                        deadline=assembly.notice_deadline,
                    )
                )
        return result

    def _send_convocations(self):
        """One PDF for the assembly, attached to one mail per voter with an
        address (in the voter's language); the others get it by post."""
        self.ensure_one()
        # sudo: the desk convenes (checked by action_convene); the PDF and the
        # mails are made from the assembly only
        pdf, _type = (
            self.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf(CONVOCATION_REPORT, self.ids)
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": _("Convocation - %(name)s.pdf", name=self.name),
                    "raw": pdf,
                    "res_model": self._name,
                    "res_id": self.id,
                    "mimetype": "application/pdf",
                }
            )
        )
        voters = self.voter_ids.filtered(lambda v: v.partner_id.email)
        template = self.env.ref(CONVOCATION_MAIL).sudo()
        template.send_mail_batch(
            voters.ids, email_values={"attachment_ids": [(4, attachment.id)]}
        )
        self.env.cr.execute(
            SQL(
                """UPDATE coop_assembly_voter
                      SET convened_date = now() at time zone 'UTC',
                          convened_by_mail = id = ANY(%s)
                    WHERE assembly_id = %s""",
                voters.ids,
                self.id,
            )
        )
        self.voter_ids.invalidate_recordset(["convened_date", "convened_by_mail"])
        self.message_post(
            body=_(
                "Convocation mailed to %(mailed)s voters; %(post)s voters "
                "without an e-mail address are to be convened by post.",
                mailed=len(voters),
                post=len(self.voter_ids) - len(voters),
            ),
            attachment_ids=attachment.ids,
        )

    def action_print_convocation(self):
        return self.env.ref(CONVOCATION_REPORT).report_action(self)

    def action_print_minutes(self):
        return self.env.ref(
            "coop_governance.action_report_assembly_minutes"
        ).report_action(self)
