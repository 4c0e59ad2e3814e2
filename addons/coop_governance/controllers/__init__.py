from . import door
from . import portal
from . import working_group
