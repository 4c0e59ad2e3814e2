# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

# bytes of randomness in a calendar token (RFC 4086: 256 bits)
TOKEN_BYTES = 32
# the feed covers this window around today
PAST_DAYS = 30
FUTURE_DAYS = 366


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def ical_escape(text):
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    text = str(text or "")
    for old, new in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\\n")):
        text = text.replace(old, new)
    return text.replace("\n", "\\n").replace("\r", "\\n")


def ical_fold(line):
    """Fold a content line at 75 octets, never inside a UTF-8 character
    (RFC 5545 §3.1): continuation lines start with one space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # do not cut a multi-byte character
        parts.append(data[start:end].decode())
        start, limit = end, 74  # the leading space counts
    return "\r\n ".join(parts)


def ical_utc(value):
    return value.strftime("%Y%m%dT%H%M%SZ")


def ical_calendar(name, tz, domain, events, now=None):
    """A VCALENDAR (bytes) of ``events`` (``res.partner._coop_calendar_events``)
    with UTC times, CRLF line ends and folded lines; ``domain`` makes the UIDs
    globally unique."""
    stamp = ical_utc(now or fields.Datetime.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Coop Communs//Coop Odoo 18.0//FR",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ical_escape(name)}",
        f"X-WR-TIMEZONE:{tz}",
    ]
    for event in sorted(events, key=lambda e: (e["start"], e["uid"])):
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}@{domain}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{ical_utc(event['start'])}",
            f"DTEND:{ical_utc(event['end'])}",
            f"SUMMARY:{ical_escape(event['summary'])}",
        ]
        for key in ("location", "description"):
            if event.get(key):
                lines.append(f"{key.upper()}:{ical_escape(event[key])}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(ical_fold(line) for line in lines) + "\r\n").encode()


class CoopCalendarToken(models.Model):
    """The secret of a member's personal calendar feed (``/coop/calendar``).

    Only a SHA-256 of the token is stored: the member sees the address once,
    when it is made, and makes a new one (which revokes the old) if lost.
    Nobody reads or writes this model directly: the portal calls the methods
    below for the logged-in user's own partner.
    """

    _name = "coop.calendar.token"
    _description = "Personal calendar feed token"
    _order = "id desc"

    partner_id = fields.Many2one(
        "res.partner", required=True, index=True, ondelete="cascade", readonly=True
    )
    token_hash = fields.Char(required=True, index=True, readonly=True, copy=False)
    active = fields.Boolean(default=True, readonly=True)

    _sql_constraints = [
        ("token_hash_unique", "unique(token_hash)", "A token is unique."),
    ]

    @api.model
    def _coop_check_own(self, partner):
        """Portal users act on their own partner only."""
        if not self.env.su and partner != self.env.user.partner_id:
            raise AccessError(self.env._("You manage your own calendar link only."))

    @api.model
    def _coop_issue(self, partner):
        """Revoke ``partner``'s tokens and return a new one (shown once)."""
        self._coop_check_own(partner)
        self._coop_revoke(partner)
        token = secrets.token_urlsafe(TOKEN_BYTES)
        # sudo: the model is closed to everyone; ownership is checked above
        self.sudo().create({"partner_id": partner.id, "token_hash": _hash(token)})
        return token

    @api.model
    def _coop_revoke(self, partner):
        self._coop_check_own(partner)
        # sudo: the caller's own tokens only (checked above)
        self.sudo().search([("partner_id", "=", partner.id)]).write({"active": False})

    @api.model
    def _coop_has_token(self, partner):
        self._coop_check_own(partner)
        # sudo: a count of the caller's own tokens
        return bool(self.sudo().search_count([("partner_id", "=", partner.id)]))

    @api.model
    def _coop_partner_of(self, token):
        """The partner owning ``token`` (an active one), or an empty recordset.
        The row is found by the digest (indexed); the digests are then
        compared in constant time."""
        digest = _hash(token or "")
        # sudo: public feed; the token is the credential
        found = self.sudo().search([("token_hash", "=", digest)], limit=1)
        if found and hmac.compare_digest(found.token_hash, digest):
            return found.partner_id
        return self.env["res.partner"]

    @api.model
    def _coop_feed(self, partner):
        """The iCalendar feed of ``partner`` (bytes), in their language and
        the coop's time zone."""
        now = fields.Datetime.now()
        partner = partner.with_context(lang=partner.lang or self.env.lang)
        events = partner._coop_calendar_events(
            now - timedelta(days=PAST_DAYS), now + timedelta(days=FUTURE_DAYS)
        )
        company = partner.company_id or self.env.company
        tz = company.partner_id.tz or "Europe/Paris"
        name = partner.env._("%(coop)s: my services", coop=company.name)
        domain = self.env["ir.config_parameter"].sudo().get_param("database.uuid")
        return ical_calendar(name, tz, f"{domain}.coop", events, now)
