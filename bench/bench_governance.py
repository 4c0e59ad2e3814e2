"""General assemblies at N members (default 20,000), as the member desk.

    ODOO_RC=odoo.cfg python3 bench/bench_governance.py [--n 20000] [--samples 300]

Prints, each beside a naive version after checking both agree:
- the voters' list drawn from the share register (goal: <= 1 s), beside the
  same list made through the ORM (``_read_group`` then ``create``) and the SQL
  floor (the holders selected, nothing stored);
- sign-in at the door by member card (goal: p95 <= 50 ms);
- the live quorum (goal: <= 100 ms), with a few hundred proxies.
Runs in a transaction that is rolled back: missing members are generated on
the fly (gen_membership) and disappear afterwards, with the assembly.
"""

import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_membership
from _common import bench_env, compare, parse_args, report, timed

from odoo import Command, fields

WARMUP = 5


def _generate(env, n):
    """gen_membership's steps, with fresh statistics before the member update
    (just after a bulk insert the planner would loop over the register)."""
    env.flush_all()
    share_type = gen_membership._share_type(env)
    env.flush_all()
    gen_membership.insert_partners(env, n)
    gen_membership._insert_share_lines(env.cr, share_type)
    env.cr.execute("ANALYZE res_partner, coop_share_line")
    gen_membership._set_member_fields(env)
    env.invalidate_all()


def _desk(env):
    groups = [
        env.ref("base.group_user").id,
        env.ref("coop_membership.group_coop_member_desk").id,
    ]
    return env["res.users"].create(
        {
            "name": "Bench member desk",
            "login": "bench_governance_desk",
            "groups_id": [Command.set(groups)],
        }
    )


def _assembly(env):
    return env["coop.assembly"].create(
        {
            "name": "Bench general assembly",
            "date": fields.Datetime.now() + timedelta(days=30),
            "cutoff_date": fields.Date.today(),
            "resolution_ids": [Command.create({"name": "Accounts"})],
        }
    )


def _orm_voters(env, assembly):
    """The voters' definition through the ORM: holdings summed per member up
    to the cut-off date, then one voter row created per holder."""
    rows = env["coop.share.line"]._read_group(
        [
            ("date", "<=", assembly.cutoff_date),
            ("company_id", "=", assembly.company_id.id),
        ],
        ["partner_id"],
        ["quantity:sum"],
    )
    holders = env["res.partner"].browse(
        [partner.id for partner, quantity in rows if quantity > 0]
    )
    env["coop.assembly.voter"].create(
        [
            {
                "assembly_id": assembly.id,
                "partner_id": partner.id,
                "partner_name": partner.name,
                "college_id": partner.coop_college_id.id,
                "company_id": assembly.company_id.id,
            }
            for partner in holders
        ]
    )
    env.flush_all()
    return set(holders.ids)


def _floor_voters(env, assembly):
    """The SQL floor: the holders at the cut-off date, selected, not stored."""
    env.cr.execute(
        """SELECT l.partner_id FROM coop_share_line l
            WHERE l.date <= %s AND l.company_id = %s
            GROUP BY l.partner_id HAVING sum(l.quantity) > 0""",
        [assembly.cutoff_date, assembly.company_id.id],
    )
    return {row[0] for row in env.cr.fetchall()}


def _in_savepoint(env, func, *args):
    env.cr.execute("SAVEPOINT bench_voters")
    result, seconds = timed(func, *args)
    env.cr.execute("ROLLBACK TO SAVEPOINT bench_voters")
    env.invalidate_all()
    return result, seconds


def backend_cpu(env):
    """CPU seconds the database server spent for this cursor so far (read in
    /proc when the server runs on this machine, else None)."""
    env.cr.execute("SELECT pg_backend_pid()")
    try:
        with open(f"/proc/{env.cr.fetchone()[0]}/stat") as stat:
            fields_ = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")


def bench_voters(env, assembly):
    orm, orm_s = _in_savepoint(env, _orm_voters, env, assembly)
    floor, floor_s = _in_savepoint(env, _floor_voters, env, assembly)
    cpu_before, python_before = backend_cpu(env), time.process_time()
    _result, seconds = timed(assembly._compute_voters_sql)
    cpu_after, python_after = backend_cpu(env), time.process_time()
    drawn = set(assembly.voter_ids.partner_id.ids)
    assert drawn == orm == floor, "the voters' list differs from its definition"
    print(f"voters: {len(drawn)}", flush=True)
    compare(
        "voters' list (one INSERT ... SELECT)",
        seconds,
        {"ORM read_group + create": orm_s, "sql floor (select)": floor_s},
    )
    if cpu_before is not None:
        # on a loaded machine the wall time is mostly waiting for a core
        print(
            f"voters' list CPU: database {cpu_after - cpu_before:.3f} s, "
            f"python {python_after - python_before:.3f} s",
            flush=True,
        )


def _naive_sign_in_check(assembly, card):
    """The voter of a card, by walking the voters' list."""
    return assembly.voter_ids.filtered(lambda v: v.partner_id.coop_card_barcode == card)


def bench_sign_in(env, assembly, desk, samples):
    partners = assembly.voter_ids.partner_id.filtered("coop_card_barcode")
    cards = random.Random(17).sample(partners.mapped("coop_card_barcode"), samples)
    door = assembly.with_user(desk)
    for card in cards[:3]:
        assert _naive_sign_in_check(assembly, card), "a bench card has no voter"
    _naive, naive_s = timed(_naive_sign_in_check, assembly, cards[-1])
    times = []
    for i, card in enumerate(cards):
        # with the flush the request ends with: the sign-in is written
        answer, seconds = timed(lambda c: (door.sign_in_card(c), env.flush_all()), card)
        assert answer[0]["ok"], answer[0]["message"]
        if i >= WARMUP:
            times.append(seconds)
    report("sign-in by card (sign_in_card + flush)", times)
    print(f"naive sign-in lookup (walk the voters): {naive_s * 1000:.1f} ms")


def _naive_quorum(assembly):
    voters = assembly.voter_ids
    present = voters.filtered("present")
    represented = assembly.proxy_ids.filtered(
        lambda p: (
            p.state == "valid"
            and not p.giver_id.present
            and (not p.holder_id or p.holder_id.present)
        )
    )
    return {
        "voters": len(voters),
        "present": len(present),
        "represented": len(represented),
    }


def bench_quorum(env, assembly, samples):
    absent = assembly.voter_ids.filtered(lambda v: not v.present)
    holders = assembly.voter_ids.filtered("present")[:150]
    Proxy = env["coop.assembly.proxy"]
    for i, holder in enumerate(holders):
        for giver in absent[2 * i : 2 * i + 2]:
            Proxy.create(
                {
                    "assembly_id": assembly.id,
                    "giver_id": giver.id,
                    "holder_id": holder.id,
                }
            )
    counts = assembly._quorum_counts()
    env.invalidate_all()
    naive, naive_s = timed(_naive_quorum, assembly)
    assert counts == naive, f"quorum differs: {counts} != {naive}"
    print(f"quorum: {counts}", flush=True)
    times = [timed(assembly._quorum_counts)[1] for _i in range(samples)]
    report("live quorum (_quorum_counts)", times)
    print(f"naive quorum (ORM walk): {naive_s * 1000:.1f} ms")


def main():
    args = parse_args(__doc__, n=20000, samples=300)
    with bench_env() as env:
        if "coop.assembly" not in env:
            print("coop_governance is not installed on this database: skipped")
            return
        _generate(env, args.n)
        # the engine gives the shareholders their numbers and cards
        env["res.partner"].search([("ref", "like", "bench-%")])._coop_update_state()
        env.flush_all()
        desk = _desk(env)
        assembly = _assembly(env)
        bench_voters(env, assembly)
        assembly._flow_write({"state": "convened"})
        bench_sign_in(env, assembly, desk, args.samples)
        bench_quorum(env, assembly, args.samples)


if __name__ == "__main__":
    main()
