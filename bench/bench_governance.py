"""General assemblies at N members (default 20,000), as the member desk.

    ODOO_RC=odoo.cfg python3 bench/bench_governance.py [--n 20000] [--samples 300]

Prints, each beside a naive version after checking both agree:
- the voters' list drawn from the share register (goal: <= 1 s);
- sign-in at the door by member card (goal: p95 <= 50 ms);
- the live quorum (goal: <= 100 ms), with a few hundred proxies.
Runs in a transaction that is rolled back: missing members are generated on
the fly (gen_membership) and disappear afterwards, with the assembly.
"""

import argparse
import random
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_membership
from _common import bench_env, compare, report, timed

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


def _naive_voters(env, assembly):
    """Every partner's holding at the cut-off date, one search each."""
    Line = env["coop.share.line"]
    voters = set()
    for partner in env["res.partner"].search([]):
        lines = Line.search(
            [
                ("partner_id", "=", partner.id),
                ("date", "<=", assembly.cutoff_date),
                ("company_id", "=", assembly.company_id.id),
            ]
        )
        if sum(lines.mapped("quantity")) > 0:
            voters.add(partner.id)
    return voters


def bench_voters(env, assembly):
    _result, seconds = timed(assembly._compute_voters_sql)
    drawn = set(assembly.voter_ids.partner_id.ids)
    naive, naive_s = timed(_naive_voters, env, assembly)
    assert drawn == naive, "the voters' list differs from the naive count"
    print(f"voters: {len(drawn)}", flush=True)
    compare("voters' list (grouped query)", seconds, {"naive loop": naive_s})


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
        answer, seconds = timed(door.sign_in_card, card)
        assert answer["ok"], answer["message"]
        if i >= WARMUP:
            times.append(seconds)
    report("sign-in by card (sign_in_card)", times)
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
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    with bench_env() as env:
        if "coop.assembly" not in env:
            print("coop_governance is not installed on this database: skipped")
            return
        _generate(env, args.n)
        env["res.partner"].search(
            [("ref", "like", "bench-%")]
        )._coop_assign_number_and_card()
        env.flush_all()
        desk = _desk(env)
        assembly = _assembly(env)
        bench_voters(env, assembly)
        assembly._flow_write({"state": "convened"})
        bench_sign_in(env, assembly, desk, args.samples)
        bench_quorum(env, assembly, args.samples)


if __name__ == "__main__":
    main()
