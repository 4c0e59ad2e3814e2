from . import portal
from . import portal_status
from . import portal_calendar
from . import portal_data
from . import portal_card
from . import portal_lang
