# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io
from collections import defaultdict
from datetime import date

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class BpfCell:
    """One figure being summed: distinct people, hours, amount, record ids."""

    def __init__(self):
        self.people, self.hours, self.amount, self.ids = set(), 0.0, 0.0, []

    def add(self, record_id, person=None, hours=0.0, amount=0.0):
        if person:
            self.people.add(person)
        self.hours += hours
        self.amount += amount
        self.ids.append(record_id)

    def merge(self, other):
        self.people |= other.people
        self.hours += other.hours
        self.amount += other.amount
        self.ids += other.ids


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
    income_note = fields.Char(
        string="Cadre C",
        readonly=True,
        help="Why cadre C is empty, when it is.",
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_name = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.action_compute()
        return wizards

    def action_compute(self):
        self._bpf_check_company()
        for wizard in self:
            wizard.line_ids.unlink()
            vals = wizard._bpf_income() + wizard._bpf_trainers()
            vals += wizard._bpf_trainees()
            for seq, line in enumerate(vals):
                line.update(wizard_id=wizard.id, sequence=seq)
            self.env["coop.training.bpf.line"].create(vals)
            wizard.income_note = wizard._bpf_income_note(vals)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("BPF (cerfa 10443)"),
            "res_model": self._name,
            "res_id": self[:1].id,
            "view_mode": "form",
            "target": "new",
        }

    def action_export_xlsx(self):
        """Write the figures to an XLSX file offered for download."""
        self.ensure_one()
        self.write(
            {
                "xlsx_file": base64.b64encode(self._bpf_xlsx_content()),
                "xlsx_name": f"bpf_{self.year}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/xlsx_file/{self.xlsx_name}"
            "?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------ figures
    def _bpf_income(self):
        """Cadre C: income (excl. VAT) by funder type."""
        cells = defaultdict(BpfCell)
        for line_id, funder_type, amount in self._bpf_income_rows():
            cells[funder_type].add(line_id, amount=amount)
        section = self.env._("C - Origin of income")
        model = "account.move.line"
        lines = [
            self._bpf_line(section, key, label, cells[key], model)
            for key, label in self._bpf_labels("event.registration", "coop_funder_type")
        ]
        total = BpfCell()
        for cell in cells.values():
            total.merge(cell)
        label = self.env._("Total income")
        return lines + [self._bpf_line(section, "total", label, total, model)]

    def _bpf_trainers(self):
        """Cadre E: people who delivered the training, internal and external:
        headcount and hours of the half-days of the year they ran."""
        internal, external = BpfCell(), BpfCell()
        for slot_id, employee_id, partner_id, hours in self._bpf_trainer_rows():
            cell = internal if employee_id else external
            cell.add(slot_id, person=employee_id or partner_id, hours=hours)
        section = self.env._("E - Trainers")
        model = "coop.training.slot"
        return [
            self._bpf_line(
                section, "E1", self.env._("Internal trainers"), internal, model
            ),
            self._bpf_line(
                section, "E2", self.env._("External trainers"), external, model
            ),
        ]

    def _bpf_trainees(self):
        """Cadres F-1 to F-4 and G: trainees (enrolments) and trainee-hours,
        by trainee type, subcontracting, objective and NSF speciality."""
        by = self._bpf_trainee_cells()
        _ = self.env._
        model = "coop.training.attendance"
        f1, f3 = _("F-1 - Trainees by type"), _("F-3 - General objective")
        lines = [
            self._bpf_line(f1, key, label, by["type"][key], model)
            for key, label in self._bpf_labels(
                "event.registration", "coop_trainee_type"
            )
        ]
        lines += [
            self._bpf_line(f1, "total", _("Total trainees"), by["total"][True], model),
            self._bpf_line(
                _("F-2 - Subcontracted to another provider"),
                "F2",
                _("Trainees of subcontracted sessions"),
                by["out"][True],
                model,
            ),
        ]
        lines += [
            self._bpf_line(f3, key, label, by["objective"][key], model)
            for key, label in self._bpf_labels("event.type", "coop_bpf_objective")
        ]
        lines += self._bpf_nsf_lines(by["nsf"], model)
        lines.append(
            self._bpf_line(
                _("G - Trainees entrusted by another provider"),
                "G",
                _("Trainees entrusted to us"),
                by["in"][True],
                model,
            )
        )
        return lines

    def _bpf_trainee_cells(self):
        """Sum the signed attendance rows along every dimension of cadre F."""
        by = defaultdict(lambda: defaultdict(BpfCell))
        for row in self._bpf_attendance_rows():
            att_id, reg_id, ttype, objective, nsf, out, in_, hours = row
            keys = {
                "type": ttype or "other",
                "objective": objective or "other",
                "nsf": nsf or "",
                "out": bool(out),
                "in": bool(in_),
                "total": True,
            }
            for dim, key in keys.items():
                by[dim][key].add(att_id, person=reg_id, hours=hours)
        return by

    def _bpf_nsf_lines(self, cells, model):
        """F-4: the five specialities with the most hours, then the others."""
        section = self.env._("F-4 - Training specialities (NSF)")
        ranked = sorted(cells.items(), key=lambda kv: -kv[1].hours)
        lines = [
            self._bpf_line(
                section, code, code or self.env._("No NSF code"), cell, model
            )
            for code, cell in ranked[:5]
        ]
        other = BpfCell()
        for _code, cell in ranked[5:]:
            other.merge(cell)
        label = self.env._("Other specialities")
        return lines + [self._bpf_line(section, "other", label, other, model)]

    def _bpf_income_note(self, vals):
        """Cadre C reads posted customer invoices only: say so when it is
        empty, rather than showing zeros silently."""
        if any(v["amount"] for v in vals if v["res_model"] == "account.move.line"):
            return False
        return self.env._(
            "No posted customer invoice of %(year)s carries a funder type: cadre C "
            "is empty. Post the training invoices (the funder type comes from the "
            "enrolment) to fill it.",
            year=self.year,
        )

    # ------------------------------------------------------------ queries
    def _bpf_bounds(self):
        return date(self.year, 1, 1), date(self.year + 1, 1, 1)

    def _bpf_income_rows(self):
        start, end = self._bpf_bounds()
        self.env["account.move.line"].flush_model()
        self.env["account.move"].flush_model()
        return self._bpf_fetch(
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
        )

    def _bpf_trainer_rows(self):
        start, end = self._bpf_bounds()
        self.env["coop.training.slot"].flush_model()
        return self._bpf_fetch(
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
        )

    def _bpf_attendance_rows(self):
        start, end = self._bpf_bounds()
        for model in ("coop.training.attendance", "coop.training.slot"):
            self.env[model].flush_model()
        for model in ("event.registration", "event.event", "event.type"):
            self.env[model].flush_model()
        return self._bpf_fetch(
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
        )

    def _bpf_fetch(self, query, start, end):
        """Run a BPF query bounded by the year and the company."""
        self._bpf_check_company()
        self.env.cr.execute(SQL(query, start, end, self.company_id.id))
        return self.env.cr.fetchall()

    # ------------------------------------------------------------ helpers
    def _bpf_check_company(self):
        """A BPF is computed for one of the caller's own companies only: the
        queries below read every record of the company, past record rules."""
        allowed = self.env.user.company_ids
        if any(wizard.company_id not in allowed for wizard in self):
            raise AccessError(
                self.env._("You can only compute the BPF of your own companies.")
            )

    def _bpf_labels(self, model, field_name):
        """The selection of a field as translated (key, label) pairs."""
        return self.env[model]._fields[field_name]._description_selection(self.env)

    def _bpf_line(self, section, code, label, cell, model):
        return {
            "section": section,
            "code": code,
            "label": label,
            "headcount": len(cell.people),
            "hours": cell.hours,
            "amount": cell.amount,
            "res_model": model,
            "res_ids": cell.ids,
        }

    def _bpf_xlsx_content(self):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet(f"BPF {self.year}")
        bold = book.add_format({"bold": True})
        _ = self.env._
        headers = [_("Section"), _("Line"), _("Label"), _("Headcount")]
        headers += [_("Hours"), _("Amount")]
        for col, text in enumerate(headers):
            sheet.write_string(0, col, text, bold)
        for row, line in enumerate(self.line_ids, start=1):
            # texts are written as text cells: a label starting with '=' must
            # never become a formula in the funder's spreadsheet
            for col, text in enumerate((line.section, line.code or "", line.label)):
                sheet.write_string(row, col, text)
            for col, number in enumerate(
                (line.headcount, line.hours, line.amount), start=3
            ):
                sheet.write_number(row, col, number)
        sheet.set_column(0, 0, 40)
        sheet.set_column(2, 2, 60)
        book.close()
        return buffer.getvalue()
