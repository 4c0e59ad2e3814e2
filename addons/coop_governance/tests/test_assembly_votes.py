# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import CoopGovernanceCase


class CoopVoteCase(CoopGovernanceCase):
    """Eight voters, the first five with a portal login; quorum 25 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = [cls._holder(f"Voter {i}") for i in range(8)]
        cls.users = [cls._portal_user(m) for m in cls.members[:5]]
        cls.assembly.action_compute_voters()
        cls.assembly.with_user(cls.desk).action_convene()
        cls.v = [cls._voter(cls, m) for m in cls.members]
        cls.secret, cls.statutes = cls.assembly.resolution_ids
        cls.secret.vote_mode = "secret"

    def _give(self, giver, holder=None):
        return (
            self.env["coop.assembly.proxy"]
            .with_user(self.desk)
            .create(
                {
                    "assembly_id": self.assembly.id,
                    "giver_id": giver.id,
                    "holder_id": holder.id if holder else False,
                }
            )
        )

    def _sign_in(self, *indexes):
        for i in indexes:
            self.assembly.with_user(self.desk).sign_in_partner(self.members[i].id)

    def _open(self):
        self.assembly.with_user(self.chair).action_open()


@tagged("post_install", "-at_install")
class TestQuorum(CoopVoteCase):
    def test_quorum_each_side_of_its_threshold(self):
        """25 % of 8 voters: one present is not enough, one present and one
        represented is; the quorum is recorded at the opening."""
        self._sign_in(0)
        self.assertEqual(self.assembly.live_ratio, 12.5)
        self.assertFalse(self.assembly.live_quorum_reached)
        with self.assertRaisesRegex(UserError, "quorum is not reached"):
            self._open()
        self.assertEqual(self.assembly.state, "convened")
        self.assertFalse(self.assembly.opened_date)
        self._give(self.v[1], self.v[0])
        self.assembly.invalidate_recordset()
        self.assertTrue(self.assembly.live_quorum_reached)
        self._open()
        self.assertEqual(self.assembly.state, "open")
        self.assertEqual(
            (
                self.assembly.quorum_voters,
                self.assembly.quorum_present,
                self.assembly.quorum_represented,
            ),
            (8, 1, 1),
        )
        self.assertTrue(self.assembly.quorum_reached)

    def test_second_call_needs_no_quorum(self):
        self.company.coop_quorum_ordinary_second = 0.0
        self.assembly.call = "second"
        self._sign_in(0)
        self._open()
        self.assertEqual(self.assembly.state, "open")

    def test_desk_cannot_open(self):
        self._sign_in(0, 1, 2)
        with self.assertRaises(AccessError):
            self.assembly.with_user(self.desk).action_open()
        self.assertEqual(self.assembly.state, "convened")


@tagged("post_install", "-at_install")
class TestShowOfHands(CoopVoteCase):
    def setUp(self):
        super().setUp()
        self._sign_in(0, 1, 2)
        self._give(self.v[3], self.v[0])
        self._open()
        self.statutes.with_user(self.chair).action_open_vote()

    def test_count_above_present_votes_refused(self):
        """Four votes present (three present, one represented)."""
        self.assertEqual(self.statutes.votes_possible, 4)
        with self.assertRaisesRegex(UserError, "only 4 votes are present"):
            self.statutes.with_user(self.chair).record_show_of_hands(3, 1, 1)
        self.statutes.with_user(self.chair).action_close_vote()
        self.assertEqual((self.statutes.votes_for, self.statutes.votes_against), (0, 0))
        self.assertEqual(self.statutes.result, "rejected")

    def test_majority_each_side_by_show_of_hands(self):
        """Two thirds: 2 for, 1 against is adopted."""
        self.statutes.with_user(self.chair).record_show_of_hands(2, 1, 1)
        self.statutes.with_user(self.chair).action_close_vote()
        self.assertEqual(self.statutes.result, "adopted")
        self.assertEqual(self.statutes.votes_abstain, 1)
        self.secret.vote_mode = "hands"
        self.secret.with_user(self.chair).action_open_vote()
        self.secret.with_user(self.chair).record_show_of_hands(2, 2, 0)
        self.secret.with_user(self.chair).action_close_vote()
        self.assertEqual(self.secret.result, "rejected", "half is not a majority")

    def test_only_the_chair_counts(self):
        with self.assertRaises(AccessError):
            self.statutes.with_user(self.desk).record_show_of_hands(4, 0, 0)
        with self.assertRaises(AccessError):
            self.statutes.with_user(self.desk).write({"votes_for": 4})
        with self.assertRaises(AccessError):
            self.statutes.with_user(self.users[0]).record_show_of_hands(4, 0, 0)
        self.assertFalse(self.statutes.votes_for)


@tagged("post_install", "-at_install")
class TestSecretBallot(CoopVoteCase):
    def setUp(self):
        super().setUp()
        self._sign_in(0, 1, 2)
        self._give(self.v[3], self.v[0])
        self._give(self.v[5])  # blank, to the chair
        self._open()
        self.secret.with_user(self.chair).action_open_vote()

    def _cast(self, i, choice, voter=None):
        return self.secret.with_user(self.users[i]).cast_vote(
            choice, voter.id if voter else False
        )

    def test_vote_once_and_once_per_proxy(self):
        self._cast(0, "for")
        with self.assertRaisesRegex(UserError, "already been cast"):
            self._cast(0, "against")
        self._cast(0, "against", self.v[3])
        with self.assertRaisesRegex(UserError, "already been cast"):
            self._cast(0, "for", self.v[3])
        with self.assertRaises(AccessError):
            self._cast(1, "for", self.v[3])  # holds no proxy from Voter 3
        with self.assertRaisesRegex(UserError, "Sign in"):
            self._cast(4, "for")  # not present
        self._cast(1, "abstain")
        self.assertEqual(self.secret.participation_count, 3)
        self.secret.with_user(self.chair).action_close_vote()
        # the blank proxy of Voter 5 is the chair's to use: unused, not counted
        self.assertEqual(
            (
                self.secret.votes_for,
                self.secret.votes_against,
                self.secret.votes_abstain,
            ),
            (1, 1, 1),
        )
        self.assertEqual(self.secret.result, "rejected")
        with self.assertRaises(UserError):
            self._cast(2, "for")  # the vote is closed

    def test_ballot_secrecy(self):
        """The ballot box holds no voter, user, date or id that joins it to
        who voted, and cannot be read while the vote is open."""
        Tally = self.env["coop.assembly.tally"]
        boxes = self.secret.sudo().tally_ids
        self.env.cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'coop_assembly_tally'"""
        )
        columns = {row[0] for row in self.env.cr.fetchall()}
        self.assertEqual(
            columns,
            {
                "id",
                "resolution_id",
                "college_id",
                "votes_for",
                "votes_against",
                "votes_abstain",
            },
        )
        self.env.cr.execute(
            """SELECT ccu.table_name FROM information_schema.table_constraints tc
                 JOIN information_schema.constraint_column_usage ccu
                   ON ccu.constraint_name = tc.constraint_name
                WHERE tc.table_name = 'coop_assembly_tally'
                  AND tc.constraint_type = 'FOREIGN KEY'"""
        )
        self.assertEqual(
            {row[0] for row in self.env.cr.fetchall()},
            {"coop_assembly_resolution", "coop_assembly_college"},
        )
        participation = self.env["coop.assembly.participation"]._fields
        self.assertFalse(
            {"choice", "tally_id", "votes_for"} & set(participation),
            "who voted never says how",
        )
        self._cast(0, "for")
        self._cast(1, "against")
        self.assertEqual(self.secret.sudo().tally_ids, boxes, "no row per ballot")
        self.assertFalse(Tally.with_user(self.chair).search([]))
        for user in (self.chair, self.users[0]):
            with self.assertRaises(AccessError):
                boxes.with_user(user).read(["votes_for"])
        self.assertFalse(
            self.env["mail.message"].search_count(
                [("model", "=", "coop.assembly.resolution")]
            )
        )
        self.secret.with_user(self.chair).action_close_vote()
        self.assertEqual(
            Tally.with_user(self.chair).search([]).mapped("votes_for"), [1]
        )

    def _counts(self, resolution):
        return (
            resolution.votes_for,
            resolution.votes_against,
            resolution.votes_abstain,
        )

    def test_blank_proxies_follow_the_chair_vote(self):
        """The chair (Voter 2) votes with the blank proxy of Voter 5 as they
        vote themselves, resolution by resolution; nobody else may use it."""
        self.assembly.chair_id = self.members[2]
        self.statutes.vote_mode = "secret"
        self.statutes.with_user(self.chair).action_open_vote()
        with self.assertRaises(AccessError):
            self._cast(0, "for", self.v[5])
        self._cast(2, "against")
        with self.assertRaisesRegex(UserError, "already been cast"):
            self._cast(2, "for", self.v[5])
        self._cast(1, "for")
        self.statutes.with_user(self.users[2]).cast_vote("for")
        cast = self.env["coop.assembly.participation"].search(
            [("resolution_id", "=", self.secret.id), ("voter_id", "=", self.v[5].id)]
        )
        self.assertEqual(cast.cast_by_id, self.v[2])
        for resolution in (self.secret, self.statutes):
            resolution.with_user(self.chair).action_close_vote()
        self.assertEqual(self._counts(self.secret), (1, 2, 0))
        self.assertEqual(self.secret.result, "rejected")
        self.assertEqual(self._counts(self.statutes), (2, 0, 0))
        self.assertEqual(self.statutes.result, "adopted")

    def test_a_chair_who_is_not_a_voter_casts_the_blank_proxies(self):
        self.assembly.chair_id = self.chair.partner_id
        with self.assertRaises(AccessError):
            self.secret.with_user(self.desk).cast_vote("for")
        self.secret.with_user(self.chair).cast_vote("abstain")
        with self.assertRaisesRegex(UserError, "already been cast"):
            self.secret.with_user(self.chair).cast_vote("for")
        self.secret.with_user(self.chair).action_close_vote()
        self.assertEqual(self._counts(self.secret), (0, 0, 1))

    def test_chair_cannot_write_the_ballot_box(self):
        box = self.secret.sudo().tally_ids
        with self.assertRaises(AccessError):
            box.with_user(self.chair).write({"votes_for": 50})
        with self.assertRaises(AccessError):
            self.env["coop.assembly.participation"].with_user(self.users[0]).create(
                {"resolution_id": self.secret.id, "voter_id": self.v[0].id}
            )
        self.assertEqual(box.votes_for, 0)


@tagged("post_install", "-at_install")
class TestColleges(CoopVoteCase):
    def test_college_weighting(self):
        """Consumers (70 %): 1 for, 2 against; workers (30 %): 3 for. Raw count
        4 of 6 (two thirds) would adopt; weighted, 53.3 % does not."""
        College = self.env["coop.assembly.college"]
        consumers = College.create({"name": "Consommateurs", "weight": 70})
        workers = College.create({"name": "Salariés", "weight": 30})
        assembly = self.assembly.copy({"name": "AG SCIC"})
        for i in range(6):
            self.members[i].coop_college_id = consumers if i < 3 else workers
        assembly.action_compute_voters()
        assembly.action_convene()
        for i in range(6):
            assembly.sign_in_partner(self.members[i].id)
        assembly.action_open()
        resolution = assembly.resolution_ids.filtered(lambda r: r.name == "Statuts")
        resolution.action_open_vote()
        resolution.record_show_of_hands(1, 2, 0, consumers.id)
        with self.assertRaisesRegex(UserError, "only 3 votes"):
            resolution.record_show_of_hands(4, 0, 0, workers.id)
        resolution.record_show_of_hands(3, 0, 0, workers.id)
        resolution.action_close_vote()
        self.assertEqual((resolution.votes_for, resolution.votes_against), (4, 2))
        self.assertAlmostEqual(resolution.weighted_for, 100 * (0.7 / 3 + 0.3), 3)
        self.assertEqual(resolution.result, "rejected")


@tagged("post_install", "-at_install")
class TestVoteRpc(HttpCase, CoopVoteCase):
    """Members attack the vote through JSON-RPC, as a client could."""

    @mute_logger("odoo.http")
    def _rpc(self, login, model, method, args, kwargs=None):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        )

    def test_second_ballot_and_forged_counts_refused(self):
        self._sign_in(0, 1)
        self._open()
        self.secret.with_user(self.chair).action_open_vote()
        login = self.users[0].login
        self._rpc(
            login, "coop.assembly.resolution", "cast_vote", [self.secret.ids, "for"]
        )
        with self.assertRaises(JsonRpcException):
            self._rpc(
                login, "coop.assembly.resolution", "cast_vote", [self.secret.ids, "for"]
            )
        with self.assertRaises(JsonRpcException):
            self._rpc(
                login,
                "coop.assembly.resolution",
                "write",
                [self.secret.ids, {"votes_for": 100, "vote_state": "closed"}],
            )
        with self.assertRaises(JsonRpcException):
            self._rpc(
                login,
                "coop.assembly.resolution",
                "cast_vote",
                [self.secret.ids, "for"],
                {"context": {"coop_governance_flow": True}},
            )
        self.assertEqual(self.secret.participation_count, 1)
        self.assertEqual(self.secret.vote_state, "open")
        self.secret.with_user(self.chair).action_close_vote()
        self.assertEqual(self.secret.votes_for, 1)

    def test_portal_page_lists_the_ballot(self):
        self._sign_in(0)
        self._give(self.v[3], self.v[0])
        self._open()
        self.secret.with_user(self.chair).action_open_vote()
        self.authenticate(self.users[0].login, self.users[0].login)
        page = self.url_open(f"/my/assembly/{self.assembly.id}").text
        self.assertIn("Comptes 2025", page)
        self.assertIn("On behalf of Voter 3", page)

    def test_chair_casts_the_blank_proxies_on_the_portal(self):
        """A chair who is not a voter votes with the blank proxies from the
        member portal's page of the assembly."""
        self.assembly.chair_id = self.chair.partner_id
        self._sign_in(0)
        self._give(self.v[5])
        self._open()
        self.secret.with_user(self.chair).action_open_vote()
        self.authenticate(self.chair.login, self.chair.login)
        url = f"/my/assembly/{self.assembly.id}"
        page = self.url_open(url).text
        self.assertIn("your vote also carries the blank proxies", page)
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        self.url_open(
            f"{url}/vote",
            data={
                "csrf_token": token,
                "resolution_id": self.secret.id,
                "choice": "against",
                "voter_id": "0",
            },
        )
        self.assertNotIn("blank proxies", self.url_open(url).text, "all cast")
        self.secret.with_user(self.chair).action_close_vote()
        self.assertEqual((self.secret.votes_for, self.secret.votes_against), (0, 1))

    def test_door_and_quorum_screens(self):
        """The desk signs a voter in from the tablet by card; a member on the
        portal cannot open the door screen."""
        self.authenticate(self.desk.login, self.desk.login)
        url = f"/coop/assembly/{self.assembly.id}/door"
        page = self.url_open(url).text
        token = page.split('name="csrf_token" value="')[1].split('"')[0]
        card = self.members[2].coop_card_barcode
        answer = self.url_open(url, data={"csrf_token": token, "code": card}).text
        self.assertIn("Voter 2 is signed in", answer)
        self.assertTrue(self.v[2].present)
        found = self.url_open(url, data={"csrf_token": token, "code": "Voter 3"}).text
        self.assertIn("Voter 3", found)
        self.assertFalse(self.v[3].present, "a name search signs nobody in")
        quorum = self.url_open(f"/coop/assembly/{self.assembly.id}/quorum").text
        self.assertIn("Quorum not reached", quorum)
        self.authenticate(self.users[4].login, self.users[4].login)
        mine = self.url_open(f"/my/assembly/{self.assembly.id}").text
        token = mine.split('name="csrf_token" value="')[1].split('"')[0]
        card = self.members[4].coop_card_barcode
        with mute_logger("odoo.http"):
            response = self.url_open(url, data={"csrf_token": token, "code": card})
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self.v[4].present)
