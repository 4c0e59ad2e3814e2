from . import coop_group_order
from . import coop_group_order_product
from . import coop_group_order_participant
from . import coop_group_order_request
from . import sale_order
