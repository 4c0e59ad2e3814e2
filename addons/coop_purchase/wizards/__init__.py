from . import coop_purchase_suggestion
from . import coop_purchase_suggestion_line
from . import coop_purchase_share
