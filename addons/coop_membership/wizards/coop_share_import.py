# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import logging
import unicodedata

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize

from .coop_share_import_reader import read_table

TARGETS = [
    ("name", "Name"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("street", "Street"),
    ("zip", "ZIP"),
    ("city", "City"),
    ("member_number", "Member number"),
    ("share_type", "Share type"),
    ("quantity", "Number of shares"),
    ("date", "Subscription date"),
    ("solidarity", "Solidarity rate"),
    ("welcome_date", "Welcome session date"),
]
# Header spellings recognised when guessing the mapping (accents and case ignored).
SYNONYMS = {
    "name": {"name", "nom", "nom complet", "full name", "membre", "member"},
    "email": {"email", "e-mail", "mail", "courriel", "adresse e-mail"},
    "phone": {"phone", "telephone", "tel", "mobile", "portable"},
    "street": {"street", "adresse", "rue", "address"},
    "zip": {"zip", "code postal", "cp", "postcode"},
    "city": {"city", "ville", "commune"},
    "member_number": {"member number", "numero", "numero de membre", "n° membre", "no"},
    "share_type": {"share type", "type de part", "type de parts", "type"},
    "quantity": {"shares", "parts", "nombre de parts", "quantity", "quantite"},
    "date": {"date", "subscription date", "date de souscription"},
    "solidarity": {"solidarity", "solidaire", "tarif solidaire"},
    "welcome_date": {"welcome", "accueil", "reunion d'accueil", "welcome date"},
}
_logger = logging.getLogger(__name__)
TRUE_WORDS = {"1", "x", "yes", "oui", "true", "vrai", "o", "y"}
FALSE_WORDS = {"", "0", "no", "non", "false", "faux", "n"}


def _plain(text):
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("_", " ").split())


class CoopShareImportColumn(models.TransientModel):
    _name = "coop.share.import.column"
    _description = "Import column mapping"
    _order = "index"

    wizard_id = fields.Many2one("coop.share.import", required=True, ondelete="cascade")
    index = fields.Integer(required=True)
    header = fields.Char(readonly=True)
    target = fields.Selection(TARGETS, string="Import as")


class CoopShareImport(models.TransientModel):
    """Import members and their shares from a spreadsheet, all or nothing.

    1. Upload, read the columns (the mapping is guessed from the headers).
    2. Dry run: every row's problems are listed, nothing is written.
    3. Import: creates the partners and their opening register lines in one
       savepoint; any problem and nothing is created.

    Opening balances enter the share register without invoice: only a Coop
    manager imports, and each import is logged on the members it creates.
    """

    _name = "coop.share.import"
    _description = "Import members and shares"

    file = fields.Binary(required=True)
    filename = fields.Char()
    share_type_id = fields.Many2one(
        "coop.share.type",
        string="Default share type",
        default=lambda self: self.env["coop.share.type"].search([], limit=1),
        help="Used for rows without a share type column.",
    )
    column_ids = fields.One2many("coop.share.import.column", "wizard_id")
    state = fields.Selection(
        [("upload", "Upload"), ("mapping", "Mapping"), ("checked", "Checked")],
        default="upload",
    )
    row_count = fields.Integer(readonly=True)
    problem_count = fields.Integer(readonly=True)
    report = fields.Text(readonly=True)
    partner_ids = fields.Many2many("res.partner", readonly=True)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_read_columns(self):
        """Read the header row and guess the mapping."""
        self.ensure_one()
        headers, _rows = self._coop_table()
        commands = [Command.clear()]
        used = set()
        for index, header in enumerate(headers):
            target = self._coop_guess(header)
            if target in used:
                target = False
            used.add(target)
            commands.append(
                Command.create({"index": index, "header": header, "target": target})
            )
        self.write({"column_ids": commands, "state": "mapping", "report": False})
        return self._coop_reopen()

    def action_dry_run(self):
        """Check every row; list the problems; write nothing."""
        self.ensure_one()
        rows, problems = self._coop_check()
        self.write(
            {
                "state": "checked",
                "row_count": len(rows),
                "problem_count": len(problems),
                "report": self._coop_report(rows, problems),
            }
        )
        return self._coop_reopen()

    def action_import(self):
        """Import every row, or none when one has a problem (Coop managers)."""
        self.ensure_one()
        self._coop_check_manager()
        rows, problems = self._coop_check()
        if problems:
            raise UserError(self._coop_report(rows, problems))
        with self.env.cr.savepoint():
            partners = self._coop_create(rows)
        self.write({"partner_ids": [Command.set(partners.ids)], "report": False})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported members"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", partners.ids)],
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _coop_check_manager(self):
        """Opening balances bypass invoicing: a Coop manager's decision only."""
        if not self.env.user.has_group("coop_membership.group_coop_manager"):
            raise AccessError(
                self.env._("Only a Coop manager imports members with opening shares.")
            )

    def _coop_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _coop_guess(self, header):
        plain = _plain(header)
        for target, words in SYNONYMS.items():
            if plain in {_plain(word) for word in words}:
                return target
        return False

    def _coop_table(self):
        if not self.file:
            raise UserError(self.env._("Choose a file to import."))
        return read_table(self.env, base64.b64decode(self.file), self.filename)

    def _coop_rows(self):
        """Return ``[(line, {target: text})]`` following the mapping."""
        if not self.column_ids:
            self.action_read_columns()
        mapping = {col.index: col.target for col in self.column_ids if col.target}
        if "name" not in mapping.values():
            raise UserError(self.env._("Map a column to the member's name."))
        _headers, table = self._coop_table()
        return [
            (
                line,
                {
                    target: cells[index] if index < len(cells) else ""
                    for index, target in mapping.items()
                },
            )
            for line, cells in table
        ]

    def _coop_report(self, rows, problems):
        if not problems:
            return self.env._(
                "%(count)s rows checked: no problem, ready to import.", count=len(rows)
            )
        lines = [
            self.env._(
                "%(count)s rows checked, %(bad)s with problems:",
                count=len(rows),
                bad=len({line for line, _msg in problems}),
            )
        ]
        lines += [
            self.env._("Line %(line)s: %(msg)s", line=line, msg=msg)
            for line, msg in problems
        ]
        return "\n".join(lines)

    def _coop_check(self):
        """Return ``(rows, problems)``; each row parsed into import values.

        ``problems`` is a list of ``(line, message)``, one per problem found.
        """
        raw_rows = self._coop_rows()
        context = self._coop_check_context(raw_rows)
        rows, problems = [], []
        for line, raw in raw_rows:
            values, row_problems = self._coop_check_row(raw, context)
            rows.append((line, values))
            problems += [(line, msg) for msg in row_problems]
        return rows, problems

    def _coop_check_context(self, raw_rows):
        """Lookups shared by all rows: share types, member numbers in use."""
        types = self.env["coop.share.type"].search([])
        context = {
            "types": {_plain(t.name): t for t in types},
            "has_number": "coop_member_number" in self.env["res.partner"]._fields,
            "numbers_in_file": {},
            "numbers_used": set(),
        }
        numbers = [raw.get("member_number") for _line, raw in raw_rows]
        numbers = [int(n) for n in numbers if n and n.isdigit()]
        for number in numbers:
            context["numbers_in_file"][number] = (
                context["numbers_in_file"].get(number, 0) + 1
            )
        if context["has_number"] and numbers:
            # sudo: only the numbers in use are read, to refuse duplicates.
            used = self.env["res.partner"].sudo().with_context(active_test=False)
            context["numbers_used"] = set(
                used.search([("coop_member_number", "in", numbers)]).mapped(
                    "coop_member_number"
                )
            )
        return context

    def _coop_check_row(self, raw, context):
        problems = []
        values = {key: raw.get(key, "").strip() for key in raw}
        if not values.get("name"):
            problems.append(self.env._("the name is missing"))
        email = values.get("email")
        if email:
            normalized = email_normalize(email, strict=True)
            if not normalized:
                problems.append(self.env._("bad e-mail address %(email)s", email=email))
        values["share_type"] = self._coop_check_type(values, context, problems)
        values["quantity"] = self._coop_check_quantity(values, problems)
        values["solidarity"] = self._coop_check_bool(values, "solidarity", problems)
        for key in ("date", "welcome_date"):
            values[key] = self._coop_check_date(values, key, problems)
        values["member_number"] = self._coop_check_number(values, context, problems)
        share_type, quantity = values["share_type"], values["quantity"]
        if share_type and quantity:
            minimum = share_type._coop_min_qty(values["solidarity"])
            if quantity < minimum:
                problems.append(
                    self.env._(
                        "%(qty)s shares of %(type)s, below the minimum of %(min)s",
                        qty=quantity,
                        type=share_type.name,
                        min=minimum,
                    )
                )
        return values, problems

    def _coop_check_type(self, values, context, problems):
        name = values.get("share_type")
        if not name:
            if not self.share_type_id:
                problems.append(
                    self.env._("no share type (column empty, no default type)")
                )
            return self.share_type_id
        share_type = context["types"].get(_plain(name))
        if not share_type:
            problems.append(self.env._("unknown share type %(type)s", type=name))
        return share_type

    @api.model
    def _coop_check_quantity(self, values, problems):
        text = values.get("quantity", "")
        if not text:
            problems.append(self.env._("the number of shares is missing"))
            return 0
        if not text.isdigit() or not int(text):
            problems.append(
                self.env._(
                    "%(value)s is not a positive whole number of shares", value=text
                )
            )
            return 0
        return int(text)

    @api.model
    def _coop_check_bool(self, values, key, problems):
        text = _plain(values.get(key, ""))
        if text in TRUE_WORDS:
            return True
        if text not in FALSE_WORDS:
            problems.append(self.env._("%(value)s is not yes or no", value=values[key]))
        return False

    @api.model
    def _coop_check_date(self, values, key, problems):
        text = values.get(key)
        if not text:
            return False
        for parse in (fields.Date.to_date, self._coop_french_date):
            try:
                return parse(text[:10])
            except ValueError:
                continue
        problems.append(self.env._("%(value)s is not a date", value=text))
        return False

    @api.model
    def _coop_french_date(self, text):
        day, month, year = text.split("/")
        return fields.Date.to_date(f"{int(year):04d}-{int(month):02d}-{int(day):02d}")

    @api.model
    def _coop_check_number(self, values, context, problems):
        text = values.get("member_number")
        if not text or not context["has_number"]:
            return False
        if not text.isdigit():
            problems.append(
                self.env._("member number %(value)s is not a number", value=text)
            )
            return False
        number = int(text)
        if context["numbers_in_file"].get(number, 0) > 1:
            problems.append(
                self.env._("member number %(number)s appears twice", number=number)
            )
        if number in context["numbers_used"]:
            problems.append(
                self.env._("member number %(number)s is already given", number=number)
            )
        return number

    def _coop_create(self, rows):
        """Create partners and opening register lines (batch), then states."""
        # A bulk import: no "contact created" message nor follower per partner.
        Partner = self.env["res.partner"].with_context(
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            tracking_disable=True,
        )
        # Default values do not depend on the row: computed once here instead of
        # once per partner by create() (core defaults run a search each).
        defaults = Partner._add_missing_default_values({})
        partner_vals = [
            {**defaults, **self._coop_partner_vals(values)} for _line, values in rows
        ]
        # the partners and their lines are inputs of the rule table: evaluated
        # once, when both exist
        with Partner._coop_state_batch():
            partners = Partner.create(partner_vals).with_env(self.env)
            origin = self.env._("Import %(file)s", file=self.filename or "")
            today = fields.Date.context_today(self)
            # sudo: the register is written by this checked import only, run by a
            # Coop manager (checked in action_import).
            self.env["coop.share.line"].sudo().create(
                [
                    {
                        "partner_id": partner.id,
                        "share_type_id": values["share_type"].id,
                        "quantity": values["quantity"],
                        "date": values["date"] or today,
                        "operation": "initial",
                        "origin": origin,
                    }
                    for partner, (_line, values) in zip(partners, rows, strict=True)
                ]
            )
        self._coop_log_import(partners, rows)
        return partners

    def _coop_log_import(self, partners, rows):
        """Leave a trace of the import on each member and in the server log."""
        user = self.env.user
        _logger.info(
            "Share import %r by %s (uid %s): %s members, %s shares",
            self.filename,
            user.login,
            user.id,
            len(partners),
            sum(values["quantity"] for _line, values in rows),
        )
        partners._message_log_batch(
            {
                partner.id: self.env._(
                    "Imported by %(user)s from %(file)s with an opening balance of "
                    "%(qty)s shares of %(type)s.",
                    user=user.name,
                    file=self.filename or "",
                    qty=values["quantity"],
                    type=values["share_type"].name,
                )
                for partner, (_line, values) in zip(partners, rows, strict=True)
            }
        )

    @api.model
    def _coop_partner_vals(self, values):
        vals = {
            key: values[key]
            for key in ("name", "email", "phone", "street", "zip", "city")
            if values.get(key)
        }
        if values.get("welcome_date"):
            vals["coop_welcome_date"] = values["welcome_date"]
        if values.get("member_number"):
            vals["coop_member_number"] = values["member_number"]
        return vals
