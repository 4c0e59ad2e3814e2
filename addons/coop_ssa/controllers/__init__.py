from . import portal_allowance
