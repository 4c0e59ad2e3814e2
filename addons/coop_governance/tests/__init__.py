from . import test_assembly_voters
from . import test_assembly_proxies
from . import test_assembly_votes
from . import test_assembly_documents
from . import test_working_groups
