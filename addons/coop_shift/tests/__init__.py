from . import test_generation
from . import test_ledger
from . import test_status
from . import test_access
from . import test_portal
from . import test_mail
from . import test_performance
from . import test_solidarity
