from . import test_pricing
from . import test_price_review
from . import test_labels
from . import test_producers
from . import test_suggestion
from . import test_margin_report
from . import test_price_flow_forgery
