from . import test_assembly_voters
from . import test_assembly_proxies
