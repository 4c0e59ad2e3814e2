from . import test_share_out
from . import test_group_order
from . import test_access
from . import test_portal
from . import test_report
from . import test_share_store
