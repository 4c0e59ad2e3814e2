"""Opening a member's form at the member desk, server side.

    ODOO_RC=odoo.cfg python3 bench/bench_member_form.py [--samples 30]

Picks the member with the longest history (share register lines, shift
registrations when coop_shift is installed), builds the specification the web
client sends for the partner form view (every field of the view, the fields of
its x2many lists, the display name of its many2one) and times ``web_read`` as a
member-desk user (record rules on), each read in its own transaction as a
request is, beside the admin's read and the SQL floor. Goal: p95 <= 1 s. A
member-desk user ``bench_form_desk`` is made once.
"""

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, compare, parse_args, report, timed
from lxml import etree

from odoo import SUPERUSER_ID, Command, api
from odoo.tools import SQL


def form_specification(env, model):
    """The specification of ``web_read`` for the model's default form view, as
    the web client builds it from the view the user receives: the fields of the
    arch (those of other groups are already removed), the fields of the x2many
    lists, the display name of many2one fields."""
    views = env[model].get_views([(False, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])
    models = {name: info["fields"] for name, info in views["models"].items()}

    def spec(node, model_name):
        result = {}
        for field_node in node.iterdescendants("field"):
            parent = field_node.getparent()
            while parent is not None and parent is not node and parent.tag != "field":
                parent = parent.getparent()
            if parent is not None and parent is not node:
                continue  # a field of an x2many's own view: read by its list
            name = field_node.get("name")
            field = models[model_name][name]
            if field["type"] in ("one2many", "many2many"):
                relation = field["relation"]
                sub = spec(field_node, relation) if relation in models else {}
                result[name] = {"fields": sub or {"display_name": {}}}
            elif field["type"] == "many2one":
                result[name] = {"fields": {"display_name": {}}}
            else:
                result[name] = {}
        return result

    return spec(arch, model)


def busiest_member(env):
    """The partner with the longest history: register lines, shift registrations
    and points lines (a year of a standing member's services)."""
    env.flush_all()
    tables = ["coop_share_line", "coop_shift_registration", "coop_shift_counter_line"]
    env.cr.execute(
        "SELECT tablename FROM pg_tables WHERE tablename = ANY(%s)", [tables]
    )
    joins = [f"SELECT partner_id FROM {table}" for (table,) in env.cr.fetchall()]
    env.cr.execute(
        f"""SELECT partner_id, count(*) FROM ({" UNION ALL ".join(joins)}) h
             GROUP BY partner_id ORDER BY 2 DESC LIMIT 1"""
    )
    row = env.cr.fetchone()
    return env["res.partner"].browse(row[0]), row[1]


def sql_floor(env, partner, spec):
    """What no ORM layer can beat: the stored columns of the specification read
    by SQL, the partner's row and the rows of each of its x2many lists."""

    def columns(model, names):
        fields = [env[model]._fields[name] for name in names]
        names = [f.name for f in fields if f.store and f.column_type]
        return SQL(", ").join(map(SQL.identifier, names or ["id"]))

    cr = env.cr
    cr.execute(
        SQL(
            "SELECT %s FROM res_partner WHERE id = %s",
            columns("res.partner", spec),
            partner.id,
        )
    )
    cr.fetchall()
    for name, sub in spec.items():
        field = partner._fields[name]
        if field.type == "one2many" and field.inverse_name:
            comodel = env[field.comodel_name]
            query = SQL(
                "SELECT %s FROM %s WHERE %s = %s",
                columns(comodel._name, sub["fields"]),
                SQL.identifier(comodel._table),
                SQL.identifier(field.inverse_name),
                partner.id,
            )
        elif field.type == "many2many" and field.store:
            query = SQL(
                "SELECT %s FROM %s WHERE %s = %s",
                SQL.identifier(field.column2),
                SQL.identifier(field.relation),
                SQL.identifier(field.column1),
                partner.id,
            )
        else:
            continue
        cr.execute(query)
        cr.fetchall()


def desk_user(env):
    """A member-desk user (made once and kept, as the generated data is)."""
    Users = env["res.users"].with_context(active_test=False)
    user = Users.search([("login", "=", "bench_form_desk")])
    return user or Users.with_context(no_reset_password=True).create(
        {
            "name": "Bench desk",
            "login": "bench_form_desk",
            "groups_id": [
                Command.set(env.ref("coop_membership.group_coop_member_desk").ids)
            ],
        }
    )


def in_request(registry, uid, func, *args):
    """Run ``func(env, *args)`` as a request does: in its own transaction (a
    long-lived one accumulates environments that slow the ORM down); return
    (seconds, queries)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, uid, {})
        queries = cr.sql_log_count
        seconds = timed(func, env, *args)[1]
        return seconds, cr.sql_log_count - queries


def read_form(env, partner_id, spec):
    env["res.partner"].browse(partner_id).web_read(spec)


def floor(env, partner_id, spec):
    sql_floor(env, env["res.partner"].browse(partner_id), spec)


def main():
    args = parse_args(__doc__, samples=30)
    with bench_env(commit=True) as env:
        members = env["res.partner"].search_count([("coop_state", "!=", "not_member")])
        partner, history = busiest_member(env)
        desk = desk_user(env)
        spec = form_specification(partner.with_user(desk).env, "res.partner")
        admin = env.ref("base.user_admin").id
    registry, pid = env.registry, partner.id
    runs = {"cold": [], "warm": [], "admin": [], "floor": []}
    for _i in range(args.samples):
        registry.clear_cache()  # access rules and views rebuilt
        runs["cold"].append(in_request(registry, desk.id, read_form, pid, spec)[0])
        warm, queries = in_request(registry, desk.id, read_form, pid, spec)
        runs["warm"].append(warm)
        runs["admin"].append(in_request(registry, admin, read_form, pid, spec)[0])
        runs["floor"].append(in_request(registry, SUPERUSER_ID, floor, pid, spec)[0])
    print(
        f"member form: {members} members, member {pid} with {history} history "
        f"rows, {len(spec)} fields in the specification, {queries} queries",
        flush=True,
    )
    report("member form web_read, server caches cleared (desk user)", runs["cold"])
    report("member form web_read, server caches warm (desk user)", runs["warm"])
    report("member form web_read, server caches warm (admin)", runs["admin"])
    report("SQL floor: the specification's stored columns and lists", runs["floor"])
    compare(
        "member form web_read p50 (desk, warm)",
        statistics.median(runs["warm"]),
        {name: statistics.median(runs[name]) for name in ("admin", "floor")},
    )


if __name__ == "__main__":
    main()
