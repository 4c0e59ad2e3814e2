# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from collections import defaultdict
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import SQL

from ..models.bpf_codes import FUNDER_TYPES, OBJECTIVES, TRAINEE_TYPES


class CoopTrainingBpf(models.TransientModel):
    """Bilan pédagogique et financier (cerfa 10443) of a calendar year.

    Income comes from posted customer invoice lines carrying a funder type,
    by invoice date (credit notes count negative in their own year); hours
    come from signed attendance lines (present or late) of the half-days of
    the year; trainers' hours from the half-days they ran.
    """

    _name = "coop.training.bpf"
    _description = "BPF (cerfa 10443)"

    year = fields.Integer(required=True, default=lambda self: date.today().year - 1)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("coop.training.bpf.line", "wizard_id", string="Figures")
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.action_compute()
        return wizards

    def action_compute(self):
        for wizard in self:
            wizard.line_ids.unlink()
            vals = (
                wizard._bpf_income() + wizard._bpf_trainers() + wizard._bpf_trainees()
            )
            for seq, line in enumerate(vals):
                line.update(wizard_id=wizard.id, sequence=seq)
            self.env["coop.training.bpf.line"].create(vals)
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self[:1].id,
            "view_mode": "form",
            "target": "new",
        }

    def _bpf_bounds(self):
        return date(self.year, 1, 1), date(self.year + 1, 1, 1)

    def _bpf_income(self):
        """Cadre C: income (excl. VAT) by funder type."""
        start, end = self._bpf_bounds()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT l.id, l.coop_funder_type, -l.balance
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                 WHERE m.state = 'posted'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.invoice_date >= %s AND m.invoice_date < %s
                   AND m.company_id = %s
                   AND l.display_type = 'product'
                   AND l.coop_funder_type IS NOT NULL
                """,
                start,
                end,
                self.company_id.id,
            )
        )
        groups = defaultdict(lambda: [0.0, []])
        for line_id, funder_type, amount in self.env.cr.fetchall():
            groups[funder_type][0] += amount
            groups[funder_type][1].append(line_id)
        section = self.env._("C - Origin of income")
        lines = [
            self._bpf_line(
                section,
                key,
                label,
                amount=groups[key][0],
                model="account.move.line",
                ids=groups[key][1],
            )
            for key, label in self._bpf_labels(FUNDER_TYPES)
        ]
        all_ids = [i for _amount, ids in groups.values() for i in ids]
        lines.append(
            self._bpf_line(
                section,
                "total",
                self.env._("Total income"),
                amount=sum(a for a, _ids in groups.values()),
                model="account.move.line",
                ids=all_ids,
            )
        )
        return lines

    def _bpf_trainers(self):
        """Cadre E: people who delivered the training, internal and external:
        headcount and hours of the half-days of the year they ran."""
        start, end = self._bpf_bounds()
        self.env["coop.training.slot"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT s.id, s.trainer_employee_id, s.trainer_partner_id, s.duration
                  FROM coop_training_slot s
                  JOIN event_event e ON e.id = s.event_id
                 WHERE s.date >= %s AND s.date < %s AND e.company_id = %s
                   AND (s.trainer_employee_id IS NOT NULL
                        OR s.trainer_partner_id IS NOT NULL)
                """,
                start,
                end,
                self.company_id.id,
            )
        )
        internal, external = ([set(), 0.0, []], [set(), 0.0, []])
        for slot_id, employee_id, partner_id, duration in self.env.cr.fetchall():
            row = internal if employee_id else external
            row[0].add(employee_id or partner_id)
            row[1] += duration
            row[2].append(slot_id)
        section = self.env._("E - Trainers")
        return [
            self._bpf_line(
                section,
                "E1",
                self.env._("Internal trainers"),
                headcount=len(internal[0]),
                hours=internal[1],
                model="coop.training.slot",
                ids=internal[2],
            ),
            self._bpf_line(
                section,
                "E2",
                self.env._("External trainers"),
                headcount=len(external[0]),
                hours=external[1],
                model="coop.training.slot",
                ids=external[2],
            ),
        ]

    def _bpf_attendance_rows(self):
        start, end = self._bpf_bounds()
        for model in (
            "coop.training.attendance",
            "coop.training.slot",
            "event.registration",
            "event.event",
            "event.type",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT a.id, a.registration_id, r.coop_trainee_type,
                       t.coop_bpf_objective, t.coop_nsf_code,
                       e.coop_subcontracted_out, e.coop_subcontracted_in,
                       s.duration
                  FROM coop_training_attendance a
                  JOIN coop_training_slot s ON s.id = a.slot_id
                  JOIN event_registration r ON r.id = a.registration_id
                  JOIN event_event e ON e.id = s.event_id
             LEFT JOIN event_type t ON t.id = e.event_type_id
                 WHERE s.date >= %s AND s.date < %s AND e.company_id = %s
                   AND a.signed_at IS NOT NULL
                   AND a.state IN ('present', 'late')
                   AND r.state != 'cancel'
                """,
                start,
                end,
                self.company_id.id,
            )
        )
        return self.env.cr.fetchall()

    def _bpf_trainees(self):
        """Cadres F-1 to F-4 and G: trainees (enrolments) and trainee-hours."""
        rows = self._bpf_attendance_rows()
        by = {
            key: defaultdict(lambda: [set(), 0.0, []])
            for key in ("type", "objective", "nsf", "out", "in", "total")
        }
        for att_id, reg_id, ttype, objective, nsf, out, in_, hours in rows:
            keys = {
                "type": ttype or "other",
                "objective": objective or "other",
                "nsf": nsf or "",
                "out": bool(out),
                "in": bool(in_),
                "total": True,
            }
            for dim, key in keys.items():
                cell = by[dim][key]
                cell[0].add(reg_id)
                cell[1] += hours
                cell[2].append(att_id)

        def line(section, code, label, cell):
            return self._bpf_line(
                section,
                code,
                label,
                headcount=len(cell[0]),
                hours=cell[1],
                model="coop.training.attendance",
                ids=cell[2],
            )

        f1 = self.env._("F-1 - Trainees by type")
        lines = [
            line(f1, k, lbl, by["type"][k])
            for k, lbl in self._bpf_labels(TRAINEE_TYPES)
        ]
        lines.append(line(f1, "total", self.env._("Total trainees"), by["total"][True]))
        lines.append(
            line(
                self.env._("F-2 - Subcontracted to another provider"),
                "F2",
                self.env._("Trainees of subcontracted sessions"),
                by["out"][True],
            )
        )
        f3 = self.env._("F-3 - General objective")
        lines += [
            line(f3, k, lbl, by["objective"][k])
            for k, lbl in self._bpf_labels(OBJECTIVES)
        ]
        f4 = self.env._("F-4 - Training specialities (NSF)")
        ranked = sorted(by["nsf"].items(), key=lambda kv: -kv[1][1])
        for code, cell in ranked[:5]:
            lines.append(line(f4, code, code or self.env._("No NSF code"), cell))
        other = [set(), 0.0, []]
        for _code, cell in ranked[5:]:
            other[0] |= cell[0]
            other[1] += cell[1]
            other[2] += cell[2]
        lines.append(line(f4, "other", self.env._("Other specialities"), other))
        lines.append(
            line(
                self.env._("G - Trainees entrusted by another provider"),
                "G",
                self.env._("Trainees entrusted to us"),
                by["in"][True],
            )
        )
        return lines

    def _bpf_labels(self, selection):
        """The selection as translated (key, label) pairs."""
        field = self.env["event.registration"]._fields["coop_trainee_type"]
        if selection is FUNDER_TYPES:
            field = self.env["event.registration"]._fields["coop_funder_type"]
        elif selection is OBJECTIVES:
            field = self.env["event.type"]._fields["coop_bpf_objective"]
        return field._description_selection(self.env)

    def _bpf_line(
        self,
        section,
        code,
        label,
        headcount=0,
        hours=0.0,
        amount=0.0,
        model=False,
        ids=None,
    ):
        return {
            "section": section,
            "code": code,
            "label": label,
            "headcount": headcount,
            "hours": hours,
            "amount": amount,
            "res_model": model,
            "res_ids": ids or [],
        }

    def action_export_xlsx(self):
        """Write the figures to an XLSX file offered for download."""
        self.ensure_one()
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet("BPF %s" % self.year)
        bold = book.add_format({"bold": True})
        headers = [
            self.env._("Section"),
            self.env._("Line"),
            self.env._("Label"),
            self.env._("Headcount"),
            self.env._("Hours"),
            self.env._("Amount"),
        ]
        for col, title in enumerate(headers):
            sheet.write(0, col, title, bold)
        for row, line in enumerate(self.line_ids, start=1):
            values = [
                line.section,
                line.code or "",
                line.label,
                line.headcount,
                line.hours,
                line.amount,
            ]
            for col, value in enumerate(values):
                sheet.write(row, col, value)
        sheet.set_column(0, 0, 40)
        sheet.set_column(2, 2, 60)
        book.close()
        self.write(
            {
                "xlsx_file": base64.b64encode(buffer.getvalue()),
                "xlsx_name": f"bpf_{self.year}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/{self.xlsx_name}"
            "?download=true",
            "target": "self",
        }
