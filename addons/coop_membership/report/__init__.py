from . import report_coop_badge
