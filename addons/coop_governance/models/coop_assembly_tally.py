# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class CoopAssemblyTally(models.Model):
    """The ballot box of a resolution, per college: three counters.

    Secrecy of the ballot by construction: a tally holds no voter, no user and
    no date (``_log_access = False``: no create/write uid nor date), its rows
    are made when the vote opens, before any ballot, and a secret ballot only
    adds one to a counter (``_add_ballot``). Who voted is recorded elsewhere
    (``coop.assembly.participation``) with nothing that joins it to a counter;
    counters are not readable while the vote is open (record rule), so nobody
    can watch them move as members vote.
    """

    _name = "coop.assembly.tally"
    _description = "Ballot box"
    _log_access = False
    _order = "resolution_id, college_id"

    resolution_id = fields.Many2one(
        "coop.assembly.resolution", required=True, ondelete="cascade", index=True
    )
    college_id = fields.Many2one("coop.assembly.college", ondelete="restrict")
    votes_for = fields.Integer(string="For", default=0)
    votes_against = fields.Integer(string="Against", default=0)
    votes_abstain = fields.Integer(string="Abstention", default=0)

    _sql_constraints = [
        (
            "college_uniq",
            "unique NULLS NOT DISTINCT (resolution_id, college_id)",
            "One ballot box per resolution and college.",
        ),
    ]
