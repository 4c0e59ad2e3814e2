from . import coop_group_order_report
