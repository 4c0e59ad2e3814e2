from . import test_fund
from . import test_allotment
from . import test_conventionnement
from . import test_pos_payment
from . import test_concurrency
from . import test_access
from . import test_pos_tour
from . import test_report
