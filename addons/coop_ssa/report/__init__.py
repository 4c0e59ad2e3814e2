from . import coop_ssa_spending_report
from . import coop_ssa_period_report
