# Copyright 2026 Coop Communs
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ledger lines posted by a flow get the code their label is worded from."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE coop_shift_counter_line l
           SET reason_code = CASE
                   WHEN l.cycle_date IS NOT NULL THEN 'cycle'
                   WHEN EXISTS (SELECT 1 FROM coop_shift_solidarity s
                                 WHERE s.counter_line_id = l.id) THEN 'solidarity'
               END
         WHERE l.reason_code IS NULL
           AND (l.cycle_date IS NOT NULL
                OR EXISTS (SELECT 1 FROM coop_shift_solidarity s
                            WHERE s.counter_line_id = l.id))
        """
    )
