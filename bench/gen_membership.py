"""Bench data for coop_membership: N members holding 10 shares each.

Members are tagged ``ref = 'bench-<i>'`` (the convention other generators
share). Set-based SQL, idempotent for a given N: only what is missing is
inserted (partners, their opening line in the share register, their member
number), then the stored membership fields are set as the rule table would
(holding shares + welcome session attended = ``member``).
"""

from odoo.tools import SQL

SHARES = 10
NUMBER_OFFSET = 100000


def _share_type(env):
    share_type = env["coop.share.type"].search([("name", "=", "Part sociale")], limit=1)
    return share_type or env["coop.share.type"].create(
        {
            "name": "Part sociale",
            "unit_price": 10,
            "min_qty": 10,
            "min_qty_solidarity": 1,
        }
    )


PARTNER_COLUMNS = {"name", "ref", "email", "active", "type", "autopost_bills",
    "coop_state", "coop_can_shop", "coop_share_qty", "coop_was_member",
    "create_date", "write_date", "create_uid", "write_uid"}  # fmt: skip


def _required_defaults(env):
    """Defaults of the NOT NULL res_partner columns other installed addons add
    (e.g. coop_shift's work mode), so the raw INSERT below fits any install."""
    env.cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_partner' AND is_nullable = 'NO'
              AND column_default IS NULL"""
    )
    Partner = env["res.partner"]
    required = {row[0] for row in env.cr.fetchall()} - PARTNER_COLUMNS - {"id"}
    return Partner.default_get(sorted(required & set(Partner._fields)))


def insert_partners(env, n, prefix="bench", name="Bench member"):
    """Insert the missing people ``<prefix>-1`` .. ``<prefix>-n`` (by ``ref``),
    not members yet, in one statement."""
    cr = env.cr
    cr.execute("SELECT count(*) FROM res_partner WHERE ref LIKE %s", [f"{prefix}-%"])
    have = cr.fetchone()[0]
    if have >= n:
        return
    extra = _required_defaults(env)
    cr.execute(
        SQL(
            """
            INSERT INTO res_partner (name, ref, email, active, type, autopost_bills,
                   coop_state, coop_can_shop, coop_share_qty, coop_was_member,
                   create_date, write_date, create_uid, write_uid %s)
            SELECT %s || ' ' || i, %s || '-' || i, %s || i || '@example.com',
                   TRUE, 'contact', 'ask', 'not_member', FALSE, 0, FALSE,
                   now(), now(), 1, 1 %s
              FROM generate_series(%s, %s) i
            """,
            SQL("").join(SQL(", %s", SQL.identifier(name)) for name in extra),
            name,
            prefix,
            prefix,
            SQL("").join(SQL(", %s", value) for value in extra.values()),
            have + 1,
            n,
        )
    )


def _insert_share_lines(cr, share_type):
    cr.execute(
        """
        INSERT INTO coop_share_line (partner_id, share_type_id, company_id, quantity,
               unit_price, amount, date, operation, origin,
               create_date, write_date, create_uid, write_uid)
        SELECT p.id, %(type)s, %(company)s, %(qty)s, %(price)s, %(qty)s * %(price)s,
               DATE '2025-01-01', 'initial', 'bench', now(), now(), 1, 1
          FROM res_partner p
         WHERE p.ref LIKE 'bench-%%'
           AND NOT EXISTS (SELECT 1 FROM coop_share_line l WHERE l.partner_id = p.id)
        """,
        {
            "type": share_type.id,
            "company": share_type.company_id.id,
            "qty": SHARES,
            "price": share_type.unit_price,
        },
    )


def _set_member_fields(env):
    cr = env.cr
    columns = env["res.partner"]._fields
    extra = ""
    if "coop_member_number" in columns:
        extra += f""",
               coop_member_number = COALESCE(p.coop_member_number,
                   {NUMBER_OFFSET} + substring(p.ref from 7)::int)"""
    if "coop_entry_date" in columns:
        extra += ", coop_entry_date = COALESCE(p.coop_entry_date, DATE '2025-01-01')"
    cr.execute(
        f"""
        UPDATE res_partner p
           SET coop_share_qty = s.qty, coop_was_member = TRUE,
               coop_welcome_date = COALESCE(p.coop_welcome_date, DATE '2025-01-15'),
               coop_state = 'member', coop_can_shop = TRUE{extra}
          FROM (SELECT partner_id, sum(quantity) AS qty
                  FROM coop_share_line GROUP BY partner_id) s
         WHERE s.partner_id = p.id AND p.ref LIKE 'bench-%%'
           AND p.coop_state = 'not_member'
        """
    )
    cr.execute(
        """
        INSERT INTO coop_state_change (partner_id, date, old_state, new_state, can_shop)
        SELECT p.id, now() at time zone 'UTC', 'not_member', 'member', TRUE
          FROM res_partner p
         WHERE p.ref LIKE 'bench-%%'
           AND NOT EXISTS (SELECT 1 FROM coop_state_change c WHERE c.partner_id = p.id)
        """
    )


def generate(env, n):
    """Make sure N bench members exist, each holding 10 shares (idempotent)."""
    env.flush_all()
    share_type = _share_type(env)
    env.flush_all()
    insert_partners(env, n)
    _insert_share_lines(env.cr, share_type)
    _set_member_fields(env)
    env.invalidate_all()
