from . import test_assembly_voters
from . import test_assembly_proxies
from . import test_assembly_votes
