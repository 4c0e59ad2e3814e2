from . import coop_purchase_report
from . import coop_margin_report
