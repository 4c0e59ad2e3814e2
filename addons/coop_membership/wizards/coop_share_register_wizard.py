# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import io

import xlsxwriter

from odoo import fields, models

# Characters a worksheet name may not hold.
XLSX_SHEET_NAME = str.maketrans({c: " " for c in "[]:*?/\\"})


class CoopShareRegisterWizard(models.TransientModel):
    """The share register and the list of voters at a date (PDF or XLSX)."""

    _name = "coop.share.register.wizard"
    _description = "Share register at a date"

    date = fields.Date(required=True, default=fields.Date.context_today)
    share_type_ids = fields.Many2many(
        "coop.share.type", string="Share types", help="Empty: every share type."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    xlsx_file = fields.Binary(readonly=True, attachment=False)
    xlsx_filename = fields.Char(readonly=True)

    def _coop_register_rows(self):
        """One row per holder at the date: number, name, address, entry date,
        movements up to the date, shares per type, capital.

        Holdings are read from the register (grouped query), never stored.
        """
        self.ensure_one()
        Line = self.env["coop.share.line"]
        holders = Line._coop_holders_at(
            self.date, self.share_type_ids or None, self.company_id
        )
        movements = self._coop_movements([partner.id for partner, _q in holders])
        has_number = "coop_member_number" in self.env["res.partner"]._fields
        rows = []
        for partner, per_type in holders:
            lines = movements.get(partner.id, Line)
            rows.append(
                {
                    "partner": partner,
                    "number": has_number and partner.coop_member_number or "",
                    "name": partner.name,
                    "address": self._coop_one_line_address(partner),
                    "entry_date": lines[:1].date,
                    "movements": lines,
                    "shares": per_type,
                    "quantity": sum(per_type.values()),
                    "amount": sum(t.unit_price * q for t, q in per_type.items()),
                }
            )
        # The legal register lists members by number; those without one last.
        rows.sort(key=lambda row: (not row["number"], row["number"] or 0, row["name"]))
        return rows

    def _coop_movements(self, partner_ids):
        """``{partner_id: lines}``: the register lines up to the date, oldest
        first (one search for every holder)."""
        domain = [("partner_id", "in", partner_ids), ("date", "<=", self.date)]
        if self.share_type_ids:
            domain.append(("share_type_id", "in", self.share_type_ids.ids))
        lines = self.env["coop.share.line"].search(domain, order="date, id")
        per_partner = {}
        for line in lines:
            per_partner[line.partner_id.id] = (
                per_partner.get(line.partner_id.id, line.browse()) | line
            )
        return per_partner

    def _coop_one_line_address(self, partner):
        """The postal address on one line, without the empty parts."""
        lines = partner._display_address(without_company=True).splitlines()
        parts = [part.strip(" ,") for line in lines for part in line.split(",")]
        return ", ".join(part for part in parts if part)

    def _coop_voter_rows(self):
        """The general assembly's voters: one member, one vote, whatever the
        number of shares held at the date."""
        return [dict(row, votes=1) for row in self._coop_register_rows()]

    def action_print_register(self):
        return self.env.ref(
            "coop_membership.action_report_share_register"
        ).report_action(self)

    def action_print_voters(self):
        return self.env.ref("coop_membership.action_report_share_voters").report_action(
            self
        )

    def action_register_xlsx(self):
        return self._coop_download(
            self.env._("share_register_%(date)s.xlsx", date=self.date),
            self._coop_register_xlsx(),
        )

    def action_voters_xlsx(self):
        return self._coop_download(
            self.env._("voters_%(date)s.xlsx", date=self.date), self._coop_voters_xlsx()
        )

    def _coop_download(self, filename, content):
        self.write({"xlsx_file": base64.b64encode(content), "xlsx_filename": filename})
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field=xlsx_file"
            "&filename_field=xlsx_filename&download=true",
            "target": "self",
        }

    def _coop_register_xlsx(self):
        rows = self._coop_register_rows()
        types = self.share_type_ids or self.env["coop.share.type"].search([])
        headers = [
            self.env._("Member number"),
            self.env._("Name"),
            self.env._("Address"),
            self.env._("Entry date"),
        ]
        headers += [t.name for t in types] + [
            self.env._("Shares"),
            self.env._("Capital"),
        ]
        data = [
            [
                row["number"],
                row["name"],
                row["address"],
                fields.Date.to_string(row["entry_date"]) or "",
            ]
            + [row["shares"].get(t, 0) for t in types]
            + [row["quantity"], row["amount"]]
            for row in rows
        ]
        title = self.env._("Share register at %(date)s", date=self.date)
        return self._coop_xlsx(title, headers, data)

    def _coop_voters_xlsx(self):
        rows = self._coop_voter_rows()
        headers = [
            self.env._("Member number"),
            self.env._("Name"),
            self.env._("Votes"),
            self.env._("Signature"),
        ]
        data = [[row["number"], row["name"], row["votes"], ""] for row in rows]
        title = self.env._("Voters at %(date)s", date=self.date)
        return self._coop_xlsx(title, headers, data)

    def _coop_xlsx(self, title, headers, data):
        """A spreadsheet whose texts stay texts: a name, a street or a title
        starting with "=" (members edit theirs on the portal) is written as a
        string cell, never read by the spreadsheet as a formula or a link."""
        output = io.BytesIO()
        book = xlsxwriter.Workbook(
            output,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        sheet = book.add_worksheet(title[:31].translate(XLSX_SHEET_NAME))
        bold = book.add_format({"bold": True})
        sheet.write_string(0, 0, f"{self.company_id.name} - {title}", bold)
        for col, header in enumerate(headers):
            sheet.write_string(2, col, header, bold)
        for index, row in enumerate(data, 3):
            for col, value in enumerate(row):
                if isinstance(value, int | float) and not isinstance(value, bool):
                    sheet.write_number(index, col, value)
                else:
                    sheet.write_string(index, col, str(value or ""))
        sheet.set_column(0, 0, 14)
        sheet.set_column(1, 2, 32)
        book.close()
        return output.getvalue()
