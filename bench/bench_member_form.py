"""Opening a member's form at the member desk, server side.

    ODOO_RC=odoo.cfg python3 bench/bench_member_form.py [--samples 30]

Picks the member with the longest history (share register lines, shift
registrations when coop_shift is installed), builds the specification the web
client sends for the partner form view (every field of the view, the fields of
its x2many lists, the display name of its many2one) and times ``web_read`` as a
member-desk user (record rules on). Goal: p95 <= 1 s. Runs in a transaction
that is rolled back (the desk user is made on the fly).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import bench_env, report, timed
from lxml import etree


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
    """The partner with the most register lines and shift registrations."""
    env.flush_all()
    joins = ["SELECT partner_id FROM coop_share_line"]
    if "coop.shift.registration" in env:
        joins.append("SELECT partner_id FROM coop_shift_registration")
    env.cr.execute(
        f"""SELECT partner_id, count(*) FROM ({" UNION ALL ".join(joins)}) h
             GROUP BY partner_id ORDER BY 2 DESC LIMIT 1"""
    )
    row = env.cr.fetchone()
    return env["res.partner"].browse(row[0]), row[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    with bench_env() as env:
        members = env["res.partner"].search_count([("coop_state", "!=", "not_member")])
        partner, history = busiest_member(env)
        desk = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Bench desk",
                    "login": "bench_form_desk",
                    "groups_id": [
                        (6, 0, env.ref("coop_membership.group_coop_member_desk").ids)
                    ],
                }
            )
        )
        partner = partner.with_user(desk)
        spec = form_specification(partner.env, "res.partner")
        partner.web_read(spec)  # warm the registry caches (views, access rules)
        cold, warm = [], []
        for _i in range(args.samples):
            env.invalidate_all()
            env.registry.clear_cache()  # access rules and views rebuilt
            cold.append(timed(partner.web_read, spec)[1])
            env.invalidate_all()  # records re-read, caches of the server kept
            warm.append(timed(partner.web_read, spec)[1])
        print(
            f"member form: {members} members, member {partner.id} with "
            f"{history} history rows, {len(spec)} fields in the specification",
            flush=True,
        )
        report("member form web_read, server caches cleared (desk user)", cold)
        report("member form web_read, server caches warm (desk user)", warm)


if __name__ == "__main__":
    main()
